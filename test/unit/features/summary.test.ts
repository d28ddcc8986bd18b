/**
 * The profile summary behind the preview: header, VPN payloads with their app, certificate links, on-demand
 * rules, proxies, masked secrets and problems, computed from text alone.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, resolveSettings } from '../../../server/src/service';
import { summarizeProfile } from '../../../server/src/service/features/summary';

const root = path.resolve(__dirname, '../../..');
const service = createLanguageService();

function summarize(text: string, settings = resolveSettings()) {
  const document = TextDocument.create('file:///p.mobileconfig', 'mobileconfig', 3, text);
  const parsed = service.parseDocument(document, settings);
  return summarizeProfile(document, service.parseDocument(document, settings).model, service.validate(parsed, settings));
}

const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('profile summary', () => {
  it('names the app of each VPN payload of a both-payload profile', () => {
    const s = summarize(read('examples/anyconnect-both.mobileconfig'));
    assert.equal(s.name, 'Example Remote Access (both apps)');
    assert.equal(s.organization, 'Example Corp');
    assert.equal(s.version, 3);
    assert.equal(s.isProfile, true);
    assert.deepEqual(s.apps, { new: ['Example VPN'], legacy: ['Example VPN (Legacy)'] });
    const vpns = s.payloads.filter((p) => p.kind === 'vpn');
    assert.deepEqual(vpns.map((p) => p.vpn?.app), ['legacy', 'new']);
    assert.equal(vpns[1].vpn?.gateway, 'vpn.example.com');
    assert.equal(vpns[1].vpn?.group, 'Employees');
    assert.deepEqual(vpns[1].vpn?.certificate, {
      uuid: '4BCA65A2-F27A-4D8C-822D-70A30A0C06E2', resolved: true, payloadName: 'Example VPN User',
      payloadType: 'com.apple.security.pkcs12', isIdentity: true,
    });
    assert.equal(s.payloads[0].kind, 'certificate');
    assert.equal(s.payloads[1].range.start.line, 53);
    assert.ok(s.problems.some((p) => p.code === 'vpn-both-apps'));
  });

  it('masks secrets and lists where they are', () => {
    const text = read('test/fixtures/clean/anyconnect-password.mobileconfig')
      .replace('<string>Password</string>', '<string>Password</string>\n<key>AuthPassword</key><string>hunter2</string>')
      .replace('<key>VPNType</key>', '<key>Proxies</key><dict><key>HTTPEnable</key><integer>1</integer><key>HTTPProxy</key><string>proxy.example.com</string><key>HTTPPort</key><integer>8080</integer><key>HTTPProxyPassword</key><string>pw123</string></dict>\n<key>VPNType</key>');
    const s = summarize(text);
    const json = JSON.stringify(s);
    assert.ok(!json.includes('hunter2'), 'the VPN password leaked');
    assert.ok(!json.includes('pw123'), 'the proxy password leaked');
    assert.deepEqual(s.secrets, ['VPN: HTTPProxyPassword', 'VPN: AuthPassword']);
    const proxies = s.payloads[0].vpn!.proxies;
    assert.equal(proxies.kind, 'manual');
    assert.deepEqual(proxies.fields.find((f) => f.key === 'HTTPProxyPassword'), { key: 'HTTPProxyPassword', value: '••••••••', secret: true });
  });

  it('reads on-demand rules as a table', () => {
    const s = summarize(read('examples/anyconnect-on-demand.mobileconfig'));
    const od = s.payloads[0].vpn!.onDemand;
    assert.equal(od.enabled, true);
    assert.deepEqual(od.rules.map((r) => r.action), ['EvaluateConnection', 'Ignore']);
    assert.match(od.rules[0].conditions[0], /^ActionParameters: DomainAction=ConnectIfNeeded; Domains=intranet\.example\.com, mail\.example\.com/);
  });

  it('reports an unresolved certificate reference and a legacy-only profile', () => {
    const both = read('examples/anyconnect-both.mobileconfig');
    // The first reference is the legacy payload's; pointing it nowhere leaves the new payload's intact.
    const s = summarize(both.replace(/(<key>PayloadCertificateUUID<\/key>\s*<string>)[^<]+/, '$1AAAAAAAA-0000-4000-8000-000000000000'));
    const legacy = s.payloads.find((p) => p.vpn?.app === 'legacy')!.vpn!;
    assert.deepEqual(legacy.certificate, { uuid: 'AAAAAAAA-0000-4000-8000-000000000000', resolved: false });
    assert.equal(s.payloads.find((p) => p.vpn?.app === 'new')!.vpn!.certificate?.resolved, true);
    const legacyOnly = summarize(read('examples/anyconnect-legacy.mobileconfig'));
    assert.deepEqual(legacyOnly.apps.new, []);
    assert.equal(legacyOnly.apps.legacy.length, 1);
  });

  it('keeps hostile names as data (escaping is the renderer\'s job) and never throws on garbage', () => {
    const s = summarize(read('examples/anyconnect-new.mobileconfig').replace(/(<key>PayloadDisplayName<\/key>\s*<string>)[^<]+(<\/string>\s*<key>PayloadIdentifier<\/key>\s*<string>com\.example\.remote-access\.new<)/, '$1&lt;img src=x onerror=alert(1)&gt;$2'));
    assert.equal(s.name, '<img src=x onerror=alert(1)>');
    for (const junk of ['', 'not xml', '<plist><dict><key>a</key></plist>', '\u0000\u0001']) {
      const j = summarize(junk);
      assert.equal(j.isProfile, false);
      assert.deepEqual(j.payloads, []);
    }
  });
});
