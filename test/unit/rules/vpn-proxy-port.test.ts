import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyAllFixes, checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-proxy-port';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and turns a numeric <string> port into an <integer>', () => checkRule(ID));
  it('is silent when each proxy host has an integer port', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('leaves a port it cannot read unfixed', () => {
    const fixed = applyAllFixes(fixture, ID);
    assert.ok(fixed.includes('<integer>8080</integer>'));
    assert.ok(fixed.includes('<string>http</string>'));
    assert.ok(fixed.includes('<integer>70000</integer>'));
  });
});
