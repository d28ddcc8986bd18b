import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';

const ID = 'payload-key-required';

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
  });
  it('requires PayloadContent of the profile unless it is encrypted', () => {
    const bare = profile().replace(/\t<key>PayloadContent<\/key>\n\t<array>\n\n\t<\/array>\n/, '');
    assert.equal(diagnose(bare).filter((d) => d.code === ID).length, 1);
    const encrypted = bare.replace('<key>PayloadDisplayName</key>', '<key>EncryptedPayloadContent</key>\n\t<data>AAAA</data>\n\t<key>PayloadDisplayName</key>');
    assert.deepEqual(diagnose(encrypted).filter((d) => d.code === ID), []);
  });
  it('says nothing about a file that is not a Configuration profile', () => {
    const prefs = '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n\t<key>Services</key>\n\t<dict/>\n</dict>\n</plist>\n';
    assert.deepEqual(diagnose(prefs).filter((d) => d.code === ID), []);
  });
});
