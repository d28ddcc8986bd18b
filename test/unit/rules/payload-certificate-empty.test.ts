import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildNewProfile } from '../../../server/src/service/features/newProfile';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('payload-certificate-empty', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('payload-certificate-empty'));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'payload-certificate-empty'), [], name);
    }
  });
  it("flags the wizard's placeholder PKCS#12 as an error", () => {
    const text = buildNewProfile({ name: 'x', target: 'new', gateway: 'vpn.example.com', auth: 'certificate-payload', proxy: { kind: 'none' } }, randomUUID);
    const found = diagnose(text).filter((d) => d.code === 'payload-certificate-empty');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 1);
    assert.match(String(found[0].message), /com\.apple\.security\.pkcs12/);
  });
});
