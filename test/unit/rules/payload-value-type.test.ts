import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose, profile } from '../ruleHarness';
import { payloadKeys } from './schemaPayload';

const ID = 'payload-value-type';

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and its fixes give the golden', () => checkRule(ID));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) assert.deepEqual(diagnose(text).filter((d) => d.code === ID), [], name);
  });
  it('leaves the VPN integer flags to vpn-integer-as-boolean, PayloadVersion to payload-version, VPNType to vpn-type-invalid', () => {
    const vpn = `<key>Proxies</key>\n<dict>\n<key>HTTPEnable</key>\n<true/>\n</dict>\n<key>IPv4</key>\n<dict>\n<key>OverridePrimary</key>\n<false/>\n</dict>\n` +
      `<key>UserDefinedName</key>\n<string>n</string>\n<key>VPNType</key>\n<integer>1</integer>\n${payloadKeys('com.apple.vpn.managed').replace('<integer>1</integer>', '<string>1</string>')}`;
    assert.deepEqual(diagnose(profile(vpn)).filter((d) => d.code === ID), []);
  });
  it('accepts an <integer> for a real-number key', () => {
    const text = profile(`<key>contrast</key>\n<integer>1</integer>\n${payloadKeys('com.apple.universalaccess')}`);
    assert.deepEqual(diagnose(text).filter((d) => d.code === ID), []);
  });
});
