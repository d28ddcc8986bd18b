import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';
import { payloadKeys } from './schemaPayload';

const ID = 'payload-key-platform';
const vpn = `<key>UserDefinedName</key>\n<string>n</string>\n<key>VPN</key>\n<dict>\n<key>IncludeAllNetworks</key>\n<integer>1</integer>\n<key>ProviderDesignatedRequirement</key>\n<string>anchor apple</string>\n</dict>\n<key>VPNType</key>\n<string>IKEv2</string>\n${payloadKeys('com.apple.vpn.managed', 1)}`;

describe(ID, () => {
  it('reports exactly the marked spans of its fixture (minimumIOS 12.0)', () => checkRule(ID, { minimumIOS: '12.0' }));
  it('is silent on clean profiles, with and without a minimum iOS', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
      assert.deepEqual(diagnose(text, { minimumIOS: '15.0' }).filter((d) => d.code === ID), [], name);
    }
  });
  it('reports macOS-only keys of an iOS profile without a minimum iOS, but no version', () => {
    const diags = diagnose(profile(vpn)).filter((d) => d.code === ID);
    assert.deepEqual(diags.map((d) => d.message), ['VPN.ProviderDesignatedRequirement is not available on iOS (macOS, tvOS only): iOS ignores it.']);
  });
  it('treats a profile with a macOS-only payload as a Mac profile unless a minimum iOS is set', () => {
    const mac = profile(vpn, `<key>tilesize</key>\n<integer>48</integer>\n${payloadKeys('com.apple.dock', 2)}`);
    assert.deepEqual(diagnose(mac).filter((d) => d.code === ID).map((d) => d.severity), [3]);
    assert.equal(diagnose(mac, { minimumIOS: '12.0' }).filter((d) => d.code === ID).length, 3);
  });
});
