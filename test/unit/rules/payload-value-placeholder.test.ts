import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'payload-value-placeholder';
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent on a profile without placeholders (a price in dollars, a percentage)', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('gives one problem per value instead of a cascade of format, type and UUID errors', () => {
    const codes = diagnose(fixture).map((d) => String(d.code));
    for (const other of ['payload-uuid-invalid', 'vpn-remote-address-format', 'payload-value-range']) assert.ok(!codes.includes(other), `${other} stays silent`);
  });
  it('names the placeholder, and is an error in portal mode', () => {
    const standalone = diagnose(fixture).filter((d) => d.code === ID);
    assert.match(String(standalone[0].message), /"\$\{uuid_1\}"/);
    assert.ok(standalone.every((d) => d.severity === 2));
    const portal = diagnose(fixture, { mode: 'portal' }).filter((d) => d.code === ID);
    assert.equal(portal.length, standalone.length);
    assert.ok(portal.every((d) => d.severity === 1));
    assert.match(String(portal[0].message), /portal/);
  });
});
