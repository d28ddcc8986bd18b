/**
 * The new-profile wizard's builder: every combination of the portal form's choices gives a profile with zero
 * error diagnostics, with fresh UUIDs and the chosen apps, proxy and removal password.
 */
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { validate } from '../../../server/src/service';
import { buildNewProfile, identifierPrefix, nameIdentifier, NewProfileAuth, NewProfileOptions, NewProfileProxy, NewProfileTarget } from '../../../server/src/service/features/newProfile';

const targets: NewProfileTarget[] = ['new', 'legacy', 'both'];
const auths: NewProfileAuth[] = ['portal-certificate', 'certificate-payload', 'password'];
const proxies: NewProfileProxy[] = [
  { kind: 'none' },
  { kind: 'manual', server: 'proxy.example.com', port: 8080, user: 'proxyuser', password: 'proxy-pass' },
  { kind: 'manual', server: 'proxy.example.com', port: 3128 },
  { kind: 'automatic', pacUrl: 'http://pac.example.com/proxy.pac' },
];
const removals = [undefined, 'remove-me'];

type Profile = { PayloadContent: Record<string, unknown>[]; PayloadUUID: string; PayloadDisplayName: string };

describe('new AnyConnect profile', () => {
  // plist 5 is ESM-only and the unit tests run as CommonJS under tsx, so it is loaded with a dynamic import.
  let plist: typeof import('plist');
  before(async () => { plist = await import('plist'); });

  let count = 0;
  for (const target of targets) for (const auth of auths) for (const proxy of proxies) for (const removalPassword of removals) {
    count++;
    const options: NewProfileOptions = { name: 'AC_NEW <&> 日本', target, gateway: 'https://vpn.example.com/staff', auth, removalPassword, proxy };
    it(`validates with zero errors (the empty certificate placeholder aside): ${target}, ${auth}, proxy ${proxy.kind}${'port' in proxy ? ` ${proxy.port}` : ''}, removal ${removalPassword ? 'password' : 'none'}`, () => {
      const text = buildNewProfile(options, randomUUID);
      // A portal-injected certificate is by design only complete in portal mode (rule vpn-certificate-missing).
      const modes = auth === 'portal-certificate' ? ['portal'] as const : ['standalone', 'portal'] as const;
      for (const mode of modes) {
        const errors = validate(text, { mode }).filter((d) => d.severity === 1);
        // The PKCS#12 placeholder is empty until the administrator fills it in, and must say so.
        const expected = auth === 'certificate-payload' ? ['payload-certificate-empty'] : [];
        assert.deepEqual(errors.map((d) => String(d.code)), expected, `${mode}: ${errors.map((d) => d.message).join('; ')}`);
      }
      const value = plist.parse(text) as unknown as Profile;
      assert.equal(value.PayloadDisplayName, 'AC_NEW <&> 日本');
      const vpns = value.PayloadContent.filter((p) => p.PayloadType === 'com.apple.vpn.managed');
      assert.deepEqual(vpns.map((v) => v.VPNSubType), target === 'both' ? ['com.cisco.anyconnect', 'com.cisco.anyconnect.applevpn.plugin']
        : [target === 'new' ? 'com.cisco.anyconnect' : 'com.cisco.anyconnect.applevpn.plugin']);
      assert.ok(vpns.every((v) => (v.VPN as Record<string, unknown>).RemoteAddress === 'vpn.example.com/staff'));
      assert.equal(value.PayloadContent.some((p) => p.PayloadType === 'com.apple.profileRemovalPassword'), !!removalPassword);
      assert.equal(value.PayloadContent.some((p) => p.PayloadType === 'com.apple.security.pkcs12'), auth === 'certificate-payload');
      const proxyDict = vpns[0].Proxies as Record<string, unknown> | undefined;
      if (proxy.kind === 'none') assert.equal(proxyDict, undefined);
      else if (proxy.kind === 'automatic') assert.equal(proxyDict?.ProxyAutoConfigURLString, proxy.pacUrl);
      else assert.equal(proxyDict?.HTTPPort, proxy.port);
    });
  }

  it(`covers all ${targets.length * auths.length * proxies.length * removals.length} combinations`, () => assert.equal(count, 72));

  it('gives every payload a fresh UUID', () => {
    const options: NewProfileOptions = { name: 'x', target: 'both', gateway: 'vpn.example.com', auth: 'certificate-payload', removalPassword: 'p', proxy: { kind: 'none' } };
    const a = plist.parse(buildNewProfile(options, randomUUID)) as unknown as Profile;
    const b = plist.parse(buildNewProfile(options, randomUUID)) as unknown as Profile;
    const uuids = (p: Profile) => [p.PayloadUUID, ...p.PayloadContent.map((c) => c.PayloadUUID as string)];
    assert.equal(new Set([...uuids(a), ...uuids(b)]).size, 10);
  });

  it('derives the identifier from the gateway host', () => {
    assert.equal(identifierPrefix('https://vpn.corp.example.co.jp/grp'), 'jp.co.example.corp.vpn');
    assert.equal(identifierPrefix('192.0.2.1'), 'com.example.vpn');
    assert.equal(identifierPrefix(''), 'com.example.vpn');
  });
  it('gives distinct non-ASCII names distinct, stable identifiers', () => {
    const ids = (name: string) => {
      const value = plist.parse(buildNewProfile({ name, target: 'both', gateway: 'vpn.example.co.jp', auth: 'password', removalPassword: 'p', proxy: { kind: 'none' } }, randomUUID)) as unknown as Record<string, unknown> & Profile;
      return [value.PayloadIdentifier as string, ...value.PayloadContent.map((c) => c.PayloadIdentifier as string)];
    };
    const tokyo = ids('東京本社 VPN 2025');
    const osaka = ids('大阪支社 VPN 2025');
    assert.match(tokyo[0], /^jp\.co\.example\.vpn\.vpn-2025-[0-9a-f]{8}$/);
    assert.deepEqual(tokyo.filter((id) => osaka.includes(id)), [], 'no identifier is shared');
    assert.deepEqual(ids('東京本社 VPN 2025'), tokyo, 'the same name gives the same identifiers');
    assert.equal(new Set(tokyo).size, tokyo.length);
  });

  it('keeps a plain slug as it is and hashes any name the slug loses something of', () => {
    assert.equal(nameIdentifier('corp-vpn'), 'corp-vpn');
    assert.notEqual(nameIdentifier('Corp VPN'), nameIdentifier('corp vpn'));
    assert.notEqual(nameIdentifier('Corp VPN'), 'corp-vpn');
    assert.match(nameIdentifier('日本'), /^profile-[0-9a-f]{8}$/);
    assert.equal(nameIdentifier(' Corp VPN '), nameIdentifier('Corp VPN'));
  });

  it('writes the text shown on the device in Japanese under a Japanese UI', () => {
    const text = buildNewProfile({ name: '東京本社 VPN', target: 'both', gateway: 'vpn.example.com', auth: 'certificate-payload', removalPassword: 'p', proxy: { kind: 'none' }, language: 'ja' }, randomUUID);
    const value = plist.parse(text) as unknown as Record<string, unknown> & Profile;
    const shown = [value.PayloadDescription, ...value.PayloadContent.flatMap((c) => [c.PayloadDescription, c.PayloadDisplayName, c.UserDefinedName])]
      .filter((v): v is string => typeof v === 'string');
    // Brand and key names aside (Cisco AnyConnect, PayloadContent, PKCS#12, VPN), no English word is left.
    const english = shown.map((v) => v.replace(/Cisco|Legacy|AnyConnect|PayloadContent|PKCS#12|VPN|ID|vpn\.example\.com/g, '')).filter((v) => /[A-Za-z]{2,}/.test(v));
    assert.deepEqual(english, []);
    assert.ok(shown.includes('VPN の設定を構成します'));
    const en = plist.parse(buildNewProfile({ name: 'x', target: 'new', gateway: 'vpn.example.com', auth: 'password', proxy: { kind: 'none' } }, randomUUID)) as unknown as Record<string, unknown>;
    assert.equal(en.PayloadDescription, 'AnyConnect VPN for vpn.example.com');
  });
});
