import { resolveSettings } from '../../../server/src/service';
import * as assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/service/model';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePlist } from '../../../server/src/service';
import { getCodeLenses } from '../../../server/src/service/features/codeLens';

const payload = (type: string, uuid: string, extra = '', name?: string) => `		<dict>
${name ? `			<key>PayloadDisplayName</key>\n			<string>${name}</string>\n` : ''}			<key>PayloadType</key>
			<string>${type}</string>
			<key>PayloadUUID</key>
			<string>${uuid}</string>
${extra}		</dict>
`;

const profile = (...payloads: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
${payloads.join('')}	</array>
	<key>PayloadType</key>
	<string>Configuration</string>
</dict>
</plist>
`;

const IDENTITY = 'C0000000-0000-4000-8000-000000000001';
const ROOT = 'C0000000-0000-4000-8000-000000000002';
const identity = payload('com.apple.security.pkcs12', IDENTITY, '', 'Device identity');
const root = payload('com.apple.security.root', ROOT);
const vpn = payload('com.apple.vpn.managed', 'A0000000-0000-4000-8000-000000000001',
  `			<key>VPN</key>\n			<dict>\n				<key>PayloadCertificateUUID</key>\n				<string>${IDENTITY.toLowerCase()}</string>\n			</dict>\n`, 'Corp VPN');
const wifi = payload('com.apple.wifi.managed', 'A0000000-0000-4000-8000-000000000002',
  `			<key>PayloadCertificateUUID</key>\n			<string>${IDENTITY}</string>\n			<key>EAPClientConfiguration</key>\n			<dict>\n				<key>PayloadCertificateAnchorUUID</key>\n				<array>\n					<string>${ROOT}</string>\n				</array>\n			</dict>\n`);

function lenses(text: string, locale?: string) {
  const document = TextDocument.create('file:///c.mobileconfig', 'mobileconfig', 1, text);
  return getCodeLenses(document, buildModel(parsePlist(text), text, resolveSettings(locale ? { locale } : undefined))).map((l) => ({ line: l.range.start.line, title: l.command?.title, command: l.command?.command, args: l.command?.arguments }));
}

describe('code lens', () => {
  it('names the payloads that use each certificate, by display name and type, with their locations', () => {
    const text = profile(identity, root, vpn, wifi);
    const out = lenses(text);
    assert.deepEqual(out.map((l) => [l.line, l.title]), [
      [5, 'Used by: Corp VPN (VPN), Wi-Fi'],
      [13, 'Used by: Wi-Fi'],
    ]);
    assert.equal(out[0].command, 'mobileconfig.showReferences');
    const [uri, position, locations] = out[0].args as [string, { line: number }, { range: { start: { line: number } } }[]];
    assert.equal(uri, 'file:///c.mobileconfig');
    assert.equal(position.line, 5);
    // The references: the VPN's and the Wi-Fi's PayloadCertificateUUID values, not the certificate's own PayloadUUID.
    const lines = text.split('\n');
    const refLines = lines.flatMap((l, n) => (l.toUpperCase().includes(IDENTITY) && !lines[n - 1].includes('PayloadUUID') ? [n] : []));
    assert.equal(refLines.length, 2);
    assert.deepEqual(locations.map((l) => l.range.start.line), refLines);
  });

  it('says when a certificate is used by no payload, as a title without a command', () => {
    const out = lenses(profile(root, vpn.replace(IDENTITY.toLowerCase(), 'C0000000-0000-4000-8000-00000000FFFF')));
    assert.deepEqual(out.map((l) => [l.title, l.command]), [['Not used by any payload', '']]);
  });

  it('puts no lens on other payloads, and none in a file without payloads', () => {
    assert.deepEqual(lenses(profile(vpn, wifi)), []);
    assert.deepEqual(lenses('<plist version="1.0"><dict/></plist>'), []);
  });

  it('speaks Japanese under a ja locale', () => {
    assert.deepEqual(lenses(profile(identity, vpn), 'ja').map((l) => l.title), ['使用元: Corp VPN (VPN)']);
    assert.deepEqual(lenses(profile(root), 'ja').map((l) => l.title), ['どのペイロードからも使われていません']);
  });
});
