import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';

const ID = 'payload-supervised-only';

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
  });
  it('does not note PayloadRemovalDisallowed set to its default, false', () => {
    const text = profile().replace('<key>PayloadDisplayName</key>', '<key>PayloadRemovalDisallowed</key>\n\t<false/>\n\t<key>PayloadDisplayName</key>');
    assert.deepEqual(diagnose(text).filter((d) => d.code === ID), []);
  });
});
