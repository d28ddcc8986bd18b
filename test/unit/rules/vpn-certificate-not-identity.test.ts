import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('vpn-certificate-not-identity', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('vpn-certificate-not-identity'));
  it('is silent on clean AnyConnect profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'vpn-certificate-not-identity'), [], name);
    }
  });
});
