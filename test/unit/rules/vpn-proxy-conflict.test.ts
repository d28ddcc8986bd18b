import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-proxy-conflict';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent when manual and automatic proxies are in separate payloads', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('points at the manual switch that is on', () => {
    const [first] = diagnose(fixture).filter((d) => d.code === ID);
    const lines = fixture.split('\n');
    const related = first.relatedInformation!.map((r) => lines[r.location.range.start.line - 1].trim());
    assert.deepEqual(related, ['<key>HTTPEnable</key>']);
  });
});
