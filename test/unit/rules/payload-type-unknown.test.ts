import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';
import { payloadKeys } from './schemaPayload';

const ID = 'payload-type-unknown';

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and its fixes give the golden', () => checkRule(ID));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
  });
  it('is silent on types the catalog knows', () => {
    assert.deepEqual(diagnose(profile(payloadKeys('com.apple.vpn.managed.applayer', 1), payloadKeys('com.apple.security.pkcs12', 2))).filter((d) => d.code === ID), []);
  });
  it('offers both types when two are equally near, preferring neither', () => {
    const diags = diagnose(profile(payloadKeys('com.apple.security.pkcs'))).filter((d) => d.code === ID);
    assert.equal(diags.length, 1);
    assert.match(String(diags[0].message), /did you mean/);
  });
  it('says a type Apple removed was removed, as information, with no typo fix', () => {
    const diags = diagnose(profile(payloadKeys('com.apple.SoftwareUpdate'))).filter((d) => d.code === ID);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, 3);
    assert.match(String(diags[0].message), /"com\.apple\.SoftwareUpdate" was removed from Apple's schema in release 27/);
  });
});
