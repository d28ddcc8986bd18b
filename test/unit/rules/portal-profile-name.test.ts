import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('portal-profile-name', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('portal-profile-name', { mode: 'portal' }));
  it('is silent on clean AnyConnect profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text, { mode: 'portal' }).filter((d) => d.code === 'portal-profile-name'), [], name);
    }
  });
});
