import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-integer-as-boolean';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and fixes each to the same integer', () => checkRule(ID));
  it('is silent when the flags are integers', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('is the only rule that reports these flags (payload-value-type leaves them alone)', () => {
    const lines = fixture.split('\n');
    const mine = diagnose(fixture).filter((d) => d.code === ID).map((d) => d.range.start.line);
    const others = diagnose(fixture).filter((d) => d.code !== ID && mine.includes(d.range.start.line));
    assert.deepEqual(others.map((d) => `${d.code}: ${lines[d.range.start.line].trim()}`), []);
  });
});
