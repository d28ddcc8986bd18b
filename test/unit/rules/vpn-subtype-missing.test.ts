import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('vpn-subtype-missing', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('vpn-subtype-missing'));
  it('is silent on clean AnyConnect profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'vpn-subtype-missing'), [], name);
    }
  });
});
