import * as assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/service/model';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { parsePlist, resolveSettings, ServiceSettings } from '../../../server/src/service';
import { getCompletions } from '../../../server/src/service/features/completion';
import { diagnose, FIXTURES, withCountingUuids } from '../ruleHarness';

/** Completes at the `$0` marker of `marked`. */
function complete(marked: string, settings?: Partial<ServiceSettings>) {
  const offset = marked.indexOf('$0');
  assert.ok(offset >= 0, 'fixture has a $0 marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 2);
  const document = TextDocument.create('file:///c.mobileconfig', 'mobileconfig', 1, text);
  const list = getCompletions(document, buildModel(parsePlist(text), text, resolveSettings(settings)), offset);
  return { document, text, offset, items: list.items };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const item = (items: CompletionItem[], label: string) => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `item ${label} offered; got ${labels(items).slice(0, 20).join(', ')}`);
  return found!;
};
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;

/** Applies an item (snippet placeholders resolved to their defaults) and its additional edits. */
function apply(document: TextDocument, i: CompletionItem): string {
  const main = i.textEdit as TextEdit;
  const plain = main.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d/g, '');
  return TextDocument.applyEdits(document, [{ range: main.range, newText: plain }, ...(i.additionalTextEdits ?? [])]);
}

const profile = (payloadBody: string, topExtra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
		<dict>
${payloadBody}
		</dict>
	</array>
	<key>PayloadIdentifier</key>
	<string>com.example.profile</string>
	<key>PayloadType</key>
	<string>Configuration</string>
${topExtra}</dict>
</plist>
`;

const vpnHead = `			<key>PayloadType</key>
			<string>com.apple.vpn.managed</string>
			<key>VPNType</key>
			<string>VPN</string>`;

describe('completion', () => {
  it('offers the missing keys of a payload, its own and the common ones, not those present', () => {
    const { items } = complete(profile(`${vpnHead}\n			$0`));
    const names = labels(items);
    for (const k of ['UserDefinedName', 'VPNSubType', 'VPN', 'PayloadUUID', 'PayloadIdentifier']) assert.ok(names.includes(k), k);
    for (const k of ['VPNType', 'PayloadType', 'RemoteAddress', 'PayloadContent']) assert.ok(!names.includes(k), k);
  });

  it('inserts the key and a string value indented like the line, as a snippet kept as written', () => {
    const { items } = complete(profile(`${vpnHead}\n			$0`));
    const i = item(items, 'UserDefinedName');
    assert.equal(newText(i), '<key>UserDefinedName</key>\n\t\t\t<string>${1}</string>');
    assert.equal(i.insertTextFormat, 2);
    assert.equal(i.insertTextMode, 1);
    // Required keys sort before optional ones.
    assert.ok(i.sortText! < item(items, 'VendorConfig').sortText!);
  });

  it('inserts a dict for a dictionary key and a fresh UUID for PayloadUUID', () => {
    const { items } = withCountingUuids(() => complete(profile(`${vpnHead}\n			$0`)));
    assert.equal(newText(item(items, 'VPN')), '<key>VPN</key>\n\t\t\t<dict>\n\t\t\t\t${1}\n\t\t\t</dict>');
    assert.match(newText(item(items, 'PayloadUUID')), /^<key>PayloadUUID<\/key>\n\t\t\t<string>00000000-0000-4000-8000-0000000000\d\d<\/string>$/);
    assert.equal(newText(item(items, 'PayloadVersion')), '<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>');
  });

  it('follows the key path into nested dicts: integers, choices, booleans, arrays', () => {
    const { items } = complete(profile(`${vpnHead}\n			<key>VPN</key>\n			<dict>\n				<key>RemoteAddress</key>\n				<string>vpn.example.com</string>\n				$0\n			</dict>`));
    const names = labels(items);
    assert.ok(names.includes('AuthenticationMethod') && names.includes('OnDemandRules'));
    assert.ok(!names.includes('RemoteAddress') && !names.includes('UserDefinedName'));
    assert.equal(newText(item(items, 'OnDemandEnabled')), '<key>OnDemandEnabled</key>\n\t\t\t\t<integer>${1|0,1|}</integer>');
    assert.equal(newText(item(items, 'DisconnectOnIdleTimer')), '<key>DisconnectOnIdleTimer</key>\n\t\t\t\t<integer>${1:0}</integer>');
    assert.equal(newText(item(items, 'OnDemandRules')), '<key>OnDemandRules</key>\n\t\t\t\t<array>\n\t\t\t\t\t${1}\n\t\t\t\t</array>');
    assert.deepEqual(item(items, 'OnDemandMatchDomainsAlways').tags, [1], 'deprecated keys are tagged');
  });

  it('inserts <true/> for a boolean key whose default is false', () => {
    const { items } = complete(profile(`			<key>PayloadType</key>\n			<string>com.apple.wifi.managed</string>\n			$0`));
    assert.equal(newText(item(items, 'HIDDEN_NETWORK')), '<key>HIDDEN_NETWORK</key>\n\t\t\t<true/>');
    assert.equal(newText(item(items, 'AutoJoin')), '<key>AutoJoin</key>\n\t\t\t<false/>');
  });

  it('replaces a half-typed <key> and completes the entry', () => {
    const { items, document } = complete(profile(`${vpnHead}\n			<key>UserDef$0\n			<key>VPNSubType</key>\n			<string>com.cisco.anyconnect</string>`));
    const i = item(items, 'UserDefinedName');
    assert.equal(i.filterText, '<key>UserDefinedName');
    const out = apply(document, i);
    assert.ok(out.includes('\t\t\t<key>UserDefinedName</key>\n\t\t\t<string></string>\n\t\t\t<key>VPNSubType</key>'), out);
    assert.deepEqual(parsePlist(out).problems.map((p) => p.code), []);
  });

  it('offers the profile keys in the outer dict', () => {
    const names = labels(complete(profile(vpnHead, '\t$0\n')).items);
    assert.ok(names.includes('PayloadDisplayName') && names.includes('PayloadUUID') && names.includes('ConsentText'));
    assert.ok(!names.includes('PayloadContent') && !names.includes('VPNType'));
  });

  it('renames a key in place inside <key>…</key>', () => {
    const { items, document } = complete(profile(`${vpnHead}\n			<key>UserDefined$0Name</key>\n			<string>Corp</string>`));
    assert.ok(!labels(items).includes('VPNType'));
    const out = apply(document, item(items, 'VPNSubType'));
    assert.ok(out.includes('<key>VPNSubType</key>\n\t\t\t<string>Corp</string>'));
  });

  it('offers the allowed values inside a <string>', () => {
    const { items } = complete(profile(`			<key>PayloadType</key>\n			<string>com.apple.vpn.managed</string>\n			<key>VPNType</key>\n			<string>I$0</string>`));
    assert.deepEqual(labels(items), ['VPN', 'L2TP', 'IPSec', 'IKEv2', 'AlwaysOn', 'TransparentProxy']);
    assert.equal((items[0].textEdit as TextEdit).range.start.character, 11);
  });

  it('offers the value of a key that has none yet', () => {
    const { items } = complete(profile(`${vpnHead}\n			<key>VPN</key>\n			<dict>\n				<key>OnDemandEnabled</key>\n				$0\n			</dict>`));
    assert.deepEqual(labels(items), ['<integer>0</integer>', '<integer>1</integer>']);
  });

  it('offers the AnyConnect subtypes, the new app first, including subtypes from the settings', () => {
    const { items } = complete(profile(`${vpnHead}\n			<key>VPNSubType</key>\n			<string>$0</string>`), { anyconnectNewSubtypes: ['com.cisco.anyconnect', 'com.cisco.secureclient'] });
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.deepEqual(labels(sorted), ['com.cisco.anyconnect', 'com.cisco.secureclient', 'com.cisco.anyconnect.applevpn.plugin']);
  });

  it('offers a fresh UUID inside PayloadUUID, a new one each time', () => {
    const marked = profile(`${vpnHead}\n			<key>PayloadUUID</key>\n			<string>$0</string>`);
    const a = complete(marked).items;
    const b = complete(marked).items;
    assert.equal(a.length, 1);
    assert.match(String(a[0].label), /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    assert.notEqual(a[0].label, b[0].label);
  });

  it('offers the certificate payloads of the file inside PayloadCertificateUUID', () => {
    const cert = `		<dict>\n			<key>PayloadDisplayName</key>\n			<string>Device identity</string>\n			<key>PayloadType</key>\n			<string>com.apple.security.pkcs12</string>\n			<key>PayloadUUID</key>\n			<string>C0000000-0000-4000-8000-000000000001</string>\n		</dict>\n`;
    const marked = profile(`${vpnHead}\n			<key>VPN</key>\n			<dict>\n				<key>PayloadCertificateUUID</key>\n				<string>$0</string>\n			</dict>`).replace('\t<array>\n', '\t<array>\n' + cert);
    const { items } = complete(marked);
    assert.deepEqual(labels(items), ['C0000000-0000-4000-8000-000000000001']);
    assert.equal(items[0].detail, 'Device identity (com.apple.security.pkcs12)');
  });

  it('offers payload types in PayloadType, each adding the required keys the payload lacks', () => {
    const { items, document } = withCountingUuids(() => complete(profile(`			<key>PayloadType</key>\n			<string>com.apple.w$0</string>`)));
    assert.ok(labels(items).includes('com.apple.vpn.managed') && labels(items).includes('com.apple.security.scep'));
    const out = apply(document, item(items, 'com.apple.webClip.managed'));
    assert.ok(out.includes('<string>com.apple.webClip.managed</string>\n\t\t\t<key>Label</key>\n\t\t\t<string></string>'), out);
    assert.ok(out.includes('<key>PayloadUUID</key>\n\t\t\t<string>00000000-0000-4000-8000-'), out);
    assert.ok(out.includes('<key>URL</key>') && out.includes('<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>'));
    assert.deepEqual(parsePlist(out).problems, []);
  });

  it('offers whole payload skeletons between the items of PayloadContent', () => {
    const marked = profile(`${vpnHead}`).replace('\t\t</dict>\n\t</array>', '\t\t</dict>\n\t\t$0\n\t</array>');
    const { items, document } = withCountingUuids(() => complete(marked));
    const vpn = item(items, 'payload: com.apple.vpn.managed');
    const snippet = newText(vpn);
    assert.ok(snippet.startsWith('<dict>\n\t\t\t<key>PayloadDisplayName</key>\n\t\t\t<string>${1:vpn}</string>'), snippet);
    assert.ok(snippet.includes('\t\t\t<key>PayloadType</key>\n\t\t\t<string>com.apple.vpn.managed</string>'));
    assert.ok(snippet.includes('<key>UserDefinedName</key>') && snippet.includes('<key>VPNType</key>\n\t\t\t<string>${'));
    assert.match(snippet, /<key>PayloadUUID<\/key>\n\t\t\t<string>00000000-0000-4000-8000-\d{12}<\/string>/);
    assert.ok(snippet.endsWith('\n\t\t</dict>'));
    const out = apply(document, vpn);
    assert.deepEqual(parsePlist(out).problems, []);
  });

  it('offers the body of a payload skeleton in an empty payload dict', () => {
    const { items } = complete(profile('			$0'));
    const snippet = newText(item(items, 'payload: com.apple.wifi.managed'));
    assert.ok(snippet.startsWith('<key>PayloadDisplayName</key>\n\t\t\t<string>'), snippet);
    assert.ok(labels(items).includes('PayloadType'), 'keys are still offered');
  });

  it('offers an element with its required keys in an array of dicts', () => {
    const { items } = complete(profile(`${vpnHead}\n			<key>VPN</key>\n			<dict>\n				<key>OnDemandRules</key>\n				<array>\n					$0\n				</array>\n			</dict>`));
    assert.equal(items.length, 1);
    assert.equal(newText(items[0]), '<dict>\n\t\t\t\t\t\t<key>Action</key>\n\t\t\t\t\t\t<string>${1|Allow,Connect,Disconnect,EvaluateConnection,Ignore|}</string>\n\t\t\t\t\t</dict>');
  });

  it('indents with the spaces the document uses', () => {
    const marked = '<plist version="1.0">\n<dict>\n  <key>PayloadType</key>\n  <string>Configuration</string>\n  $0\n</dict>\n</plist>\n';
    assert.equal(newText(item(complete(marked).items, 'ConsentText')), '<key>ConsentText</key>\n  <dict>\n    ${1}\n  </dict>');
  });

  it('offers nothing outside the plist, in a tag or on an end tag', () => {
    assert.deepEqual(complete('<?xml version="1.0"?>$0\n<plist version="1.0">\n<dict>\n</dict>\n</plist>\n').items, []);
    assert.deepEqual(complete(profile(vpnHead).replace('<string>VPN</string>', '<str$0ing>VPN</string>')).items, []);
    assert.deepEqual(complete(profile(vpnHead).replace('\t\t</dict>\n\t</array>', '\t\t</di$0ct>\n\t</array>')).items, []);
  });

  it('payload-… snippets are valid payloads once their placeholders are filled', () => {
    const file = path.join(FIXTURES, '..', '..', 'snippets', 'mobileconfig.code-snippets');
    const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string[] }>;
    let uuid = 0;
    // Resolves VS Code's snippet syntax the way accepting every default would: first choice, default text.
    const fill = (s: string) => s
      // A certificate's bytes are what the user types into an empty <data> tab stop (rule payload-certificate-empty).
      .replace(/<data>\$\{\d+\}<\/data>/g, '<data>MIIB</data>')
      .replace(/\$\{UUID\/\(\.\*\)\/\$\{1:\/upcase\}\/\}/g, () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`)
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}$]*)\}/g, '$1').replace(/\$\{\d+:/g, '').replace(/\}$/gm, '').replace(/\$\{\d+\}|\$\d/g, '');
    const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n<key>PayloadContent</key>\n<array>\n${body}\n</array>\n`
      + '<key>PayloadIdentifier</key>\n<string>com.example.test</string>\n<key>PayloadType</key>\n<string>Configuration</string>\n'
      + '<key>PayloadUUID</key>\n<string>00000000-0000-4000-8000-0000000000FF</string>\n<key>PayloadVersion</key>\n<integer>1</integer>\n</dict>\n</plist>\n';
    // Keys for the VPN dictionary (the on-demand set) go into an AnyConnect payload.
    const inVpn = (keys: string) => fill(snippets['Cisco AnyConnect VPN payload'].body.join('\n')).replace('<key>RemoteAddress</key>', `${keys}\n<key>RemoteAddress</key>`);
    assert.ok(Object.keys(snippets).length >= 10);
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.some((p) => p.startsWith('payload-')), `${name} has a payload- prefix`);
      const body = fill(s.body.join('\n'));
      const text = body.startsWith('<?xml') ? body : wrap(body.startsWith('<key>') ? inVpn(body) : body);
      assert.deepEqual(parsePlist(text).problems.map((p) => `${p.code}: ${p.message}`), [], name);
      const errors = diagnose(text).filter((d) => d.severity === 1 && d.code !== 'payload-content-shape' && !(body.startsWith('<?xml')));
      assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), [], name);
    }
  });
});
