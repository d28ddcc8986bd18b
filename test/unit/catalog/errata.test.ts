/**
 * Where Apple's YAML and real profiles disagree, real profiles win (issue 12, section 3): each erratum on a
 * profile shaped as Apple's example or Apple Configurator writes it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose, FIXTURES, profile } from '../ruleHarness';
import { payloadKeys } from '../rules/schemaPayload';

const errata = (name: string) => fs.readFileSync(path.join(FIXTURES, 'errata', name), 'utf8');
/** Errors and warnings only: information (such as "supervised only") is advice, not a verdict. */
const verdicts = (text: string) => diagnose(text).filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${d.code}: ${d.message}`);

describe('errata', () => {
  it('accepts Home Screen Layout items of Type Application, in the Dock and in folder pages', () => {
    assert.deepEqual(verdicts(errata('home-screen-layout.mobileconfig')), []);
    // `App`, which release 18.1 listed, is not what devices read.
    const app = errata('home-screen-layout.mobileconfig').replace('<string>Application</string>', '<string>App</string>');
    assert.deepEqual(verdicts(app).map((v) => v.split(':')[0]), ['payload-value-allowed']);
  });

  it('validates a Profile Service (over-the-air enrollment) as its own kind of profile', () => {
    const clean = fs.readFileSync(path.join(FIXTURES, 'clean', 'profile-service.mobileconfig'), 'utf8');
    assert.deepEqual(diagnose(clean).map((d) => `${d.code}: ${d.message}`), []);
    const broken = clean.replace(/<key>URL<\/key>\s*<string>[^<]*<\/string>/, '').replace('<string>UDID</string>', '<integer>1</integer>');
    assert.deepEqual(verdicts(broken), [
      'profile-payload-type: A Profile Service needs PayloadContent.URL, the address the device sends its attributes to: without it enrollment cannot start.',
      'profile-payload-type: Each DeviceAttributes entry must be a <string> naming an attribute, such as UDID.',
    ]);
    const noContent = clean.replace(/<key>PayloadContent<\/key>\s*<dict>[\s\S]*?<\/dict>/, '<key>PayloadContent</key>\n    <array/>');
    assert.deepEqual(verdicts(noContent), ['profile-payload-type: A Profile Service needs PayloadContent as a <dict> holding URL and DeviceAttributes.']);
    // Any other top-level type is still an error demanding Configuration.
    assert.match(verdicts(clean.replace('Profile Service', 'Profile Services')).join('\n'), /needs "Configuration"/);
  });

  it('accepts the IKEv2 keys in an Always On tunnel configuration that Apple Configurator writes', () => {
    const tunnel = (extra: string) => profile(`<key>VPNType</key>\n<string>AlwaysOn</string>\n<key>UserDefinedName</key>\n<string>Always On</string>\n` +
      `<key>AlwaysOn</key>\n<dict>\n<key>TunnelConfigurations</key>\n<array>\n<dict>\n<key>ProtocolType</key>\n<string>IKEv2</string>\n` +
      `<key>RemoteAddress</key>\n<string>vpn.example.com</string>\n<key>AuthenticationMethod</key>\n<string>Certificate</string>\n` +
      `<key>EnablePFS</key>\n<integer>1</integer>\n<key>IKESecurityAssociationParameters</key>\n<dict>\n<key>DiffieHellmanGroup</key>\n<integer>19</integer>\n</dict>\n${extra}</dict>\n</array>\n</dict>\n` +
      payloadKeys('com.apple.vpn.managed'));
    assert.deepEqual(diagnose(tunnel('')).filter((d) => d.code === 'payload-key-unknown').map((d) => d.message), []);
    // A made-up key is still unknown, and the added keys are its suggestions.
    const wrong = diagnose(tunnel('<key>RemoteAdress</key>\n<string>x</string>\n')).filter((d) => d.code === 'payload-key-unknown');
    assert.deepEqual(wrong.map((d) => d.message), ['"RemoteAdress" is not a key of AlwaysOn.TunnelConfigurations: did you mean RemoteAddress?']);
  });
});
