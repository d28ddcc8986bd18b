import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-on-demand-unreachable';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent when the catch-all rule comes last', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('points each unreachable rule at the catch-all before it', () => {
    const found = diagnose(fixture).filter((d) => d.code === ID);
    const lines = fixture.split('\n');
    for (const d of found) {
      assert.equal(d.relatedInformation?.length, 1);
      const at = d.relatedInformation![0].location.range.start;
      // The catch-all is the Disconnect-only rule: its dict's next lines are the Action key and value.
      assert.equal(lines[at.line].trim(), '<dict>');
      assert.equal(lines[at.line + 2].trim(), '<string>Disconnect</string>');
      assert.equal(lines[at.line + 3].trim(), '</dict>');
    }
  });
});
