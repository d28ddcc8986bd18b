import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';
import { payloadKeys } from './schemaPayload';

const ID = 'payload-key-unknown';

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and its fixes give the golden', () => checkRule(ID));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
  });
  it('never reports below a value of type any or in a dictionary with a wildcard key', () => {
    // The 802.1X ethernet payloads take any key; so does ConsentText (overlay) at the top level.
    const text = profile(`<key>Whatever</key>\n<string>x</string>\n${payloadKeys('com.apple.firstethernet.managed')}`)
      .replace('<key>PayloadDisplayName</key>', '<key>ConsentText</key>\n\t<dict>\n\t\t<key>default</key>\n\t\t<string>Hi</string>\n\t</dict>\n\t<key>PayloadDisplayName</key>');
    assert.deepEqual(diagnose(text).filter((d) => d.code === ID), []);
  });
  it('keeps a short name from matching keys two edits away', () => {
    // "Foo" is one edit from no VPN key and two from several: no suggestion, a plain warning.
    const diags = diagnose(profile(`<key>Foo</key>\n<string>x</string>\n<key>UserDefinedName</key>\n<string>n</string>\n<key>VPNType</key>\n<string>IKEv2</string>\n${payloadKeys('com.apple.vpn.managed')}`)).filter((d) => d.code === ID);
    assert.equal(diags.length, 1);
    assert.doesNotMatch(String(diags[0].message), /did you mean/);
  });
  it('speaks Japanese when asked', () => {
    const diags = diagnose(profile(`<key>Frob</key>\n<true/>\n${payloadKeys('com.apple.webClip.managed')}`), { locale: 'ja' }).filter((d) => d.code === ID);
    assert.match(String(diags[0].message), /キーではありません/);
  });
});
