import * as assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/service/model';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { parsePlist, resolveSettings, ServiceSettings } from '../../../server/src/service';
import { getSchemaHover } from '../../../server/src/service/features/schemaHover';
import { FIXTURES } from '../ruleHarness';

const fixture = fs.readFileSync(path.join(FIXTURES, 'features', 'hover', 'anyconnect.mobileconfig'), 'utf8');

/**
 * Hovers at the `$0` of `marked`, a snippet of the fixture with the marker in it; `nth` picks among repeats.
 * Returns the markdown, or undefined when there is no hover.
 */
function hover(marked: string, settings?: Partial<ServiceSettings>, text = fixture, nth = 0) {
  const needle = marked.replace('$0', '');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `fixture contains ${needle}`);
  const offset = at + marked.indexOf('$0');
  const document = TextDocument.create('file:///h.mobileconfig', 'mobileconfig', 1, text);
  const h = getSchemaHover(document, buildModel(parsePlist(text), text, resolveSettings(settings)), offset);
  return h && { value: (h.contents as MarkupContent).value, range: h.range!, document };
}

describe('schema hover', () => {
  it('describes a payload key: type, presence, allowed values, our description and Apple\'s page', () => {
    const h = hover('<key>VPN$0Type</key>')!;
    assert.match(h.value, /^\*\*VPNType\*\* · string · required\n\nThe kind of VPN\./);
    assert.ok(h.value.includes('Allowed values: `VPN`, `L2TP`, `IPSec`, `IKEv2`, `AlwaysOn`, `TransparentProxy`'));
    assert.ok(h.value.includes('Availability: iOS 4.0+ · macOS 10.7+'));
    assert.ok(h.value.includes('[Apple documentation: com.apple.vpn.managed](https://developer.apple.com/documentation/devicemanagement/vpn) · Apple\'s schema, release 27'));
    // The range is the whole <key> element.
    assert.equal(h.document.getText(h.range), '<key>VPNType</key>');
  });

  it('states a conditional requirement', () => {
    const h = hover('<key>VPNSub$0Type</key>')!;
    assert.ok(h.value.startsWith('**VPNSubType** · string · required when `VPNType` is `VPN` / `TransparentProxy`'), h.value);
    assert.ok(h.value.includes('legacy') || h.value.includes('Legacy'));
  });

  it('follows the key path into nested dicts and array elements', () => {
    const enabled = hover('<key>OnDemand$0Enabled</key>')!.value;
    assert.ok(enabled.includes('integer · optional') && enabled.includes('Default: `0`') && enabled.includes('not a boolean'), enabled);
    const action = hover('<key>Act$0ion</key>')!.value;
    assert.ok(action.startsWith('**Action** · string · required') && action.includes('`EvaluateConnection`'), action);
    const remote = hover('<key>Remote$0Address</key>')!.value;
    assert.ok(remote.includes('string · required') && remote.includes('VPN server'), remote);
  });

  it('shows supervised-only, deprecation and the outer dict\'s documentation', () => {
    assert.ok(hover('<key>allow$0AirDrop</key>')!.value.includes('iOS 7.0+ (supervised only)'));
    const removal = hover('<key>PayloadRemoval$0Disallowed</key>')!.value;
    assert.ok(removal.includes('boolean · optional') && removal.includes('supervised only'), removal);
    assert.ok(removal.includes('(https://developer.apple.com/documentation/devicemanagement/toplevel)'));
    const text = fixture.replace('<key>OnDemandEnabled</key>', '<key>OnDemandMatchDomainsAlways</key>');
    assert.ok(hover('<key>OnDemand$0MatchDomainsAlways</key>', undefined, text)!.value.includes('deprecated in 7.0'));
  });

  it('knows the common keys of a payload of unknown type, and nothing else there', () => {
    assert.ok(hover('<key>PayloadUU$0ID</key>', undefined, fixture, 1)!.value.startsWith('**PayloadUUID** · string · required'));
    assert.equal(hover('<key>Made$0UpKey</key>'), undefined);
  });

  it('describes the payload type on a PayloadType value', () => {
    const vpn = hover('<string>com.apple.vpn.man$0aged</string>')!;
    assert.ok(vpn.value.startsWith('**Payload type** `com.apple.vpn.managed`\n\nA VPN connection'), vpn.value);
    assert.ok(vpn.value.includes('devicemanagement/vpn)'));
    assert.equal(vpn.document.getText(vpn.range), '<string>com.apple.vpn.managed</string>');
    assert.ok(hover('<string>com.example.unk$0nown</string>')!.value.includes('not in Apple\'s schema'));
    assert.ok(hover('<string>Config$0uration</string>')!.value.includes('devicemanagement/toplevel'));
    const removed = fixture.replace('com.example.unknown', 'com.apple.SoftwareUpdate');
    assert.ok(hover('<string>com.apple.Software$0Update</string>', undefined, removed)!.value.includes('removed this payload type in release 27'));
    const service = fixture.replace('com.example.unknown', 'Profile Service');
    assert.ok(hover('<string>Profile$0 Service</string>', undefined, service)!.value.includes('over-the-air enrollment profile'));
  });

  it('says which AnyConnect app a VPNSubType value selects, using the subtype settings', () => {
    assert.ok(hover('<string>com.cisco.anyconnect.applevpn$0.plugin</string>')!.value.includes('**Cisco Legacy AnyConnect**'));
    const text = fixture.replace('com.cisco.anyconnect.applevpn.plugin', 'com.cisco.anyconnect');
    assert.ok(hover('<string>com.cisco.any$0connect</string>', undefined, text)!.value.includes('Selects the **Cisco AnyConnect** app'));
    const custom = fixture.replace('com.cisco.anyconnect.applevpn.plugin', 'com.cisco.secureclient');
    assert.ok(hover('<string>com.cisco.secure$0client</string>', { anyconnectNewSubtypes: ['com.cisco.secureclient'] }, custom)!.value.includes('Selects the **Cisco AnyConnect** app'));
    assert.ok(hover('<string>com.cisco.secure$0client</string>', undefined, custom)!.value.includes('bundle identifier'));
  });

  it('speaks Japanese under a ja locale', () => {
    const h = hover('<key>VPN$0Type</key>', { locale: 'ja-JP' })!.value;
    assert.ok(h.startsWith('**VPNType** · 文字列 · 必須\n\nVPN の種類です。'), h);
    assert.ok(h.includes('指定できる値:') && h.includes('Apple のドキュメント') && h.includes('Apple のスキーマ、リリース 27'));
    assert.ok(hover('<string>com.cisco.anyconnect.applevpn$0.plugin</string>', { locale: 'ja' })!.value.includes('更新終了'));
  });

  it('gives no hover on other values, between entries or outside the plist', () => {
    assert.equal(hover('<string>vpn.example$0.com</string>'), undefined);
    assert.equal(hover('<integer>$01</integer>'), undefined);
    assert.equal(hover('<!DOCTYPE pl$0ist'), undefined);
  });
});
