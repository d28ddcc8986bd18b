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
  it("names the schema's release in its message", () => {
    const diags = diagnose(profile(`<key>Frob</key>\n<true/>\n${payloadKeys('com.apple.webClip.managed')}`)).filter((d) => d.code === ID);
    assert.match(String(diags[0].message), /in Apple's schema, release 27: the device ignores it/);
  });
  it('says a key Apple removed was removed, as information, in the payload and nested', () => {
    const logging = diagnose(profile(`<key>Processes</key>\n<dict/>\n${payloadKeys('com.apple.system.logging')}`)).filter((d) => d.code === ID);
    assert.deepEqual(logging.map((d) => [d.severity, d.message]), [[3, '"Processes" was a key of com.apple.system.logging until Apple\'s schema removed it in release 27: current systems may ignore it.']]);
    const vpn = diagnose(profile(`<key>VPNType</key>\n<string>VPN</string>\n<key>VPNSubType</key>\n<string>com.cisco.anyconnect</string>\n<key>UserDefinedName</key>\n<string>n</string>\n<key>VPN</key>\n<dict>\n<key>RemoteAddress</key>\n<string>vpn.example.com</string>\n<key>Password</key>\n<string>x</string>\n</dict>\n${payloadKeys('com.apple.vpn.managed')}`)).filter((d) => d.code === ID);
    assert.deepEqual(vpn.map((d) => [d.severity, d.message]), [[3, '"Password" was a key of VPN until Apple\'s schema removed it in release 26: current systems may ignore it.']]);
  });
  it('knows the top-level keys real profiles write that Apple dropped in release 26 (errata)', () => {
    const text = profile(payloadKeys('com.apple.webClip.managed')).replace('<key>PayloadDisplayName</key>', '<key>HasRemovalPasscode</key>\n\t<false/>\n\t<key>IsEncrypted</key>\n\t<false/>\n\t<key>PayloadDisplayName</key>');
    assert.ok(text.includes('HasRemovalPasscode'));
    assert.deepEqual(diagnose(text).filter((d) => d.code === ID), []);
  });
});
