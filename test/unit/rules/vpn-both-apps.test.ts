import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('vpn-both-apps', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('vpn-both-apps'));
  it('is silent on clean AnyConnect profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'vpn-both-apps'), [], name);
    }
  });
});
