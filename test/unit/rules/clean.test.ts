import * as assert from 'node:assert/strict';
import { cleanFixtures, diagnose } from '../ruleHarness';

describe('clean fixtures', () => {
  it('give no diagnostics at all, in standalone and portal mode', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).map((d) => `${d.code}: ${d.message}`), [], name);
    }
  });
});
