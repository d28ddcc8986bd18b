/**
 * A deterministic generator of realistic configuration profiles for the benchmark: AnyConnect VPN payloads
 * (new and legacy subtypes) with on-demand rules and proxies, PKCS#12 identities with multi-KB `<data>`,
 * Wi-Fi and restrictions, laid out the way Apple's tools write them (tabs, sorted keys, base64 wrapped at 52).
 */

/** A seeded PRNG (mulberry32): the same seed always gives the same profile, so runs compare like with like. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i += 4) {
      const v = (this.next() * 4294967296) >>> 0;
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

export interface GenerateOptions {
  /** Approximate size of the profile in UTF-8 bytes. */
  targetBytes: number;
  seed?: number;
}

export interface GeneratedProfile {
  text: string;
  /** UTF-8 size of `text`. */
  bytes: number;
  /** PayloadType of each payload in PayloadContent, in order. */
  payloadTypes: string[];
  /** Every PayloadUUID (profile first). */
  uuids: string[];
  /** UTF-8 bytes inside `<data>` elements (base64 text and its line breaks). */
  dataBytes: number;
}

/** The four sizes issue 7 names. */
export const BENCH_SIZES = [
  { label: '5 KB', bytes: 5 * 1024 },
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '10 MB', bytes: 10 * 1024 * 1024 },
] as const;

/** Apple's tools wrap base64 in `<data>` at 52 characters per line. */
export const BASE64_LINE = 52;

const ORGS = ['Example Corp', 'サンプル株式会社', 'Contoso Japan', '情報システム部'];
const WORDS = ['intra', 'corp', 'mail', 'wiki', 'files', 'hr', 'erp', 'crm', 'git', 'ci', 'portal', 'print', 'sso'];
const TLDS = ['example.co.jp', 'example.com', 'corp.example.jp', 'internal.example.net'];
const RESTRICTION_KEYS = [
  'allowAirDrop', 'allowAppInstallation', 'allowAppRemoval', 'allowAssistant', 'allowBookstore',
  'allowCamera', 'allowChat', 'allowCloudBackup', 'allowCloudDocumentSync', 'allowCloudKeychainSync', 'allowPassbookWhileLocked', 'allowScreenShot',
];

/**
 * Writes plist XML with Apple's layout: one tab per nesting level, each dict's keys in the order given
 * (callers pass them sorted, as Apple's serializer does).
 */
class PlistWriter {
  private readonly parts: string[] = [];
  /** UTF-8 bytes written so far, tracked per part so the size check stays O(1). */
  bytes = 0;
  dataBytes = 0;

  line(depth: number, text: string): void {
    const s = '\t'.repeat(depth) + text + '\n';
    this.parts.push(s);
    this.bytes += Buffer.byteLength(s);
  }

  key(depth: number, name: string): void {
    this.line(depth, `<key>${escapeXml(name)}</key>`);
  }

  string(depth: number, key: string, value: string): void {
    this.key(depth, key);
    this.line(depth, `<string>${escapeXml(value)}</string>`);
  }

  integer(depth: number, key: string, value: number): void {
    this.key(depth, key);
    this.line(depth, `<integer>${value}</integer>`);
  }

  bool(depth: number, key: string, value: boolean): void {
    this.key(depth, key);
    this.line(depth, value ? '<true/>' : '<false/>');
  }

  stringArray(depth: number, key: string, values: string[]): void {
    this.key(depth, key);
    this.line(depth, '<array>');
    for (const v of values) this.line(depth + 1, `<string>${escapeXml(v)}</string>`);
    this.line(depth, '</array>');
  }

  /** `<data>` as Apple writes it: base64 lines of 52 characters at the element's own indentation. */
  data(depth: number, key: string, payload: Buffer): void {
    this.key(depth, key);
    const b64 = payload.toString('base64');
    const before = this.bytes;
    this.line(depth, '<data>');
    for (let i = 0; i < b64.length; i += BASE64_LINE) this.line(depth, b64.slice(i, i + BASE64_LINE));
    this.line(depth, '</data>');
    this.dataBytes += this.bytes - before;
  }

  toString(): string {
    return this.parts.join('');
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A random version-4 UUID in upper case, as Apple Configurator writes them. */
function uuid(rng: Prng, seen: Set<string>): string {
  for (;;) {
    const b = rng.bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex').toUpperCase();
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/** Bytes that start like a DER PKCS#12 blob (SEQUENCE with a two-byte length), so the base64 reads `MII…`. */
function pkcs12Blob(rng: Prng, size: number): Buffer {
  const b = rng.bytes(size);
  b[0] = 0x30;
  b[1] = 0x82;
  b[2] = ((size - 4) >> 8) & 0xff;
  b[3] = (size - 4) & 0xff;
  return b;
}

function hostName(rng: Prng): string {
  return `${rng.pick(WORDS)}${rng.int(1, 99)}.${rng.pick(TLDS)}`;
}

interface Context {
  rng: Prng;
  w: PlistWriter;
  seen: Set<string>;
  uuids: string[];
  types: string[];
  org: string;
  /** Reverse-DNS prefix of every PayloadIdentifier in the profile. */
  idPrefix: string;
  serial: number;
  /** Upper bounds for on-demand rules per payload and domains per rule, lower for a 5 KB profile so it stays near 5 KB. */
  maxRules: number;
  maxDomains: number;
}

/** The four keys every payload carries plus its display name; the caller writes the rest in sorted order. */
function payloadHeader(c: Context, type: string, display: string): { id: string; uuid: string; display: string } {
  const id = uuid(c.rng, c.seen);
  c.uuids.push(id);
  c.types.push(type);
  return { id: `${c.idPrefix}.${type}.${id}`, uuid: id, display };
}

function writePkcs12(c: Context, depth: number, maxBlob: number): string {
  const { rng, w } = c;
  const h = payloadHeader(c, 'com.apple.security.pkcs12', `Device certificate ${++c.serial}`);
  w.line(depth, '<dict>');
  const d = depth + 1;
  w.string(d, 'PayloadCertificateFileName', `device-${c.serial}.p12`);
  // A device identity with its chain is typically 2-5 KB of DER (smaller only so a 5 KB profile stays near 5 KB).
  w.data(d, 'PayloadContent', pkcs12Blob(rng, rng.int(Math.min(2000, Math.floor(maxBlob * 0.7)), maxBlob)));
  w.string(d, 'PayloadDescription', 'Adds a PKCS#12-formatted certificate');
  w.string(d, 'PayloadDisplayName', h.display);
  w.string(d, 'PayloadIdentifier', h.id);
  w.string(d, 'PayloadType', 'com.apple.security.pkcs12');
  w.string(d, 'PayloadUUID', h.uuid);
  w.integer(d, 'PayloadVersion', 1);
  w.line(depth, '</dict>');
  return h.uuid;
}

/** What a VPN payload says, drawn once so a legacy payload can mirror its new-app twin exactly. */
interface VpnSpec {
  serial: number;
  certUuid: string;
  authName: string;
  remoteAddress: string;
  proxy: { host: string; port: number } | undefined;
  rules: OnDemandRule[];
}

type OnDemandRule =
  | { action: string; kind: 'plain'; match: string[] }
  | { action: 'EvaluateConnection'; kind: 'evaluate'; domainAction: string; domains: string[]; match: string[] }
  | { action: string; kind: 'catch-all' };

function drawVpnSpec(c: Context, certUuid: string): VpnSpec {
  const { rng } = c;
  const rules: OnDemandRule[] = [];
  const n = rng.int(2, c.maxRules);
  for (let i = 0; i < n - 1; i++) {
    if (rng.chance(0.6)) {
      rules.push({
        action: 'EvaluateConnection', kind: 'evaluate', domainAction: rng.pick(['ConnectIfNeeded', 'NeverConnect']),
        domains: Array.from({ length: rng.int(2, c.maxDomains) }, () => hostName(rng)),
        match: Array.from({ length: rng.int(1, 4) }, () => rng.pick(TLDS)),
      });
    } else {
      rules.push({ action: rng.pick(['Connect', 'Disconnect', 'Ignore']), kind: 'plain', match: Array.from({ length: rng.int(1, 6) }, () => `*.${rng.pick(TLDS)}`) });
    }
  }
  // The customary catch-all at the end: what to do when nothing above matched.
  rules.push({ action: rng.pick(['Connect', 'Ignore']), kind: 'catch-all' });
  return {
    serial: c.serial, certUuid, authName: `user${rng.int(1000, 9999)}`,
    // A host and tunnel-group path, without a scheme, as Cisco expects it (rules-reference VPN007); one group per
    // identity, so only a payload's own legacy twin shares its gateway (vpn-twin-mismatch pairs them by address).
    remoteAddress: `vpn${rng.int(1, 20)}.${rng.pick(TLDS)}/${rng.pick(['remote', 'sslvpn', 'ac'])}-${c.serial}`,
    proxy: rng.chance(0.5) ? { host: `proxy.${rng.pick(TLDS)}`, port: rng.pick([3128, 8080, 8000]) } : undefined,
    rules,
  };
}

function writeOnDemandRules(w: PlistWriter, depth: number, rules: OnDemandRule[]): void {
  w.key(depth, 'OnDemandRules');
  w.line(depth, '<array>');
  const d = depth + 2;
  for (const rule of rules) {
    w.line(depth + 1, '<dict>');
    w.string(d, 'Action', rule.action);
    if (rule.kind === 'evaluate') {
      w.key(d, 'ActionParameters');
      w.line(d, '<array>');
      w.line(d + 1, '<dict>');
      w.string(d + 2, 'DomainAction', rule.domainAction);
      w.stringArray(d + 2, 'Domains', rule.domains);
      w.line(d + 1, '</dict>');
      w.line(d, '</array>');
    }
    if (rule.kind !== 'catch-all') w.stringArray(d, 'DNSDomainMatch', rule.match);
    w.line(depth + 1, '</dict>');
  }
  w.line(depth, '</array>');
}

/**
 * A third-party VPN payload for the new (`com.cisco.anyconnect`) or legacy AnyConnect app
 * (domain/README.md, "The two iOS apps"); the two differ only in subtype, name and UUID.
 */
function writeVpn(c: Context, depth: number, spec: VpnSpec, legacy: boolean): void {
  const { w } = c;
  const subtype = legacy ? 'com.cisco.anyconnect.applevpn.plugin' : 'com.cisco.anyconnect';
  const name = `${legacy ? 'Legacy AnyConnect' : 'AnyConnect'} ${spec.serial}`;
  const h = payloadHeader(c, 'com.apple.vpn.managed', `VPN (${name})`);
  w.line(depth, '<dict>');
  const d = depth + 1;
  w.string(d, 'PayloadDescription', 'Configures VPN settings');
  w.string(d, 'PayloadDisplayName', h.display);
  w.string(d, 'PayloadIdentifier', h.id);
  w.string(d, 'PayloadOrganization', c.org);
  w.string(d, 'PayloadType', 'com.apple.vpn.managed');
  w.string(d, 'PayloadUUID', h.uuid);
  w.integer(d, 'PayloadVersion', 1);
  if (spec.proxy) {
    w.key(d, 'Proxies');
    w.line(d, '<dict>');
    w.integer(d + 1, 'HTTPEnable', 1);
    w.integer(d + 1, 'HTTPPort', spec.proxy.port);
    w.string(d + 1, 'HTTPProxy', spec.proxy.host);
    w.line(d, '</dict>');
  }
  w.string(d, 'UserDefinedName', name);
  w.key(d, 'VPN');
  w.line(d, '<dict>');
  w.string(d + 1, 'AuthName', spec.authName);
  w.string(d + 1, 'AuthenticationMethod', 'Certificate');
  w.integer(d + 1, 'OnDemandEnabled', 1);
  writeOnDemandRules(w, d + 1, spec.rules);
  w.string(d + 1, 'PayloadCertificateUUID', spec.certUuid);
  w.string(d + 1, 'RemoteAddress', spec.remoteAddress);
  w.line(d, '</dict>');
  w.string(d, 'VPNSubType', subtype);
  w.string(d, 'VPNType', 'VPN');
  w.key(d, 'VendorConfig');
  w.line(d, '<dict/>');
  w.line(depth, '</dict>');
}

/** An EAP-TLS Wi-Fi payload using the same device identity. */
function writeWifi(c: Context, depth: number, certUuid: string): void {
  const { rng, w } = c;
  const h = payloadHeader(c, 'com.apple.wifi.managed', `Wi-Fi ${c.serial}`);
  w.line(depth, '<dict>');
  const d = depth + 1;
  w.bool(d, 'AutoJoin', true);
  w.key(d, 'EAPClientConfiguration');
  w.line(d, '<dict>');
  w.key(d + 1, 'AcceptEAPTypes');
  w.line(d + 1, '<array>');
  w.line(d + 2, '<integer>13</integer>');
  w.line(d + 1, '</array>');
  w.stringArray(d + 1, 'TLSTrustedServerNames', [`radius.${rng.pick(TLDS)}`]);
  w.line(d, '</dict>');
  w.string(d, 'EncryptionType', 'WPA2');
  w.bool(d, 'HIDDEN_NETWORK', false);
  w.string(d, 'PayloadCertificateUUID', certUuid);
  w.string(d, 'PayloadDisplayName', h.display);
  w.string(d, 'PayloadIdentifier', h.id);
  w.string(d, 'PayloadType', 'com.apple.wifi.managed');
  w.string(d, 'PayloadUUID', h.uuid);
  w.integer(d, 'PayloadVersion', 1);
  w.string(d, 'ProxyType', 'None');
  w.string(d, 'SSID_STR', `CORP-${rng.int(1, 999)}`);
  w.line(depth, '</dict>');
}

function writeRestrictions(c: Context, depth: number): void {
  const { rng, w } = c;
  const h = payloadHeader(c, 'com.apple.applicationaccess', 'Restrictions');
  w.line(depth, '<dict>');
  const d = depth + 1;
  w.string(d, 'PayloadDisplayName', h.display);
  w.string(d, 'PayloadIdentifier', h.id);
  w.string(d, 'PayloadType', 'com.apple.applicationaccess');
  w.string(d, 'PayloadUUID', h.uuid);
  w.integer(d, 'PayloadVersion', 1);
  for (const key of RESTRICTION_KEYS) if (rng.chance(0.7)) w.bool(d, key, rng.chance(0.5));
  w.line(depth, '</dict>');
}

/**
 * Generates a profile of about `targetBytes`: groups of one PKCS#12 identity, the VPN payload(s) that use it
 * (new subtype, plus the legacy one half the time, as the portal's "both" option writes) and now and then
 * Wi-Fi and restrictions, until the size is reached. About half of a large profile's bytes end up in `<data>`.
 */
export function generateProfile(options: GenerateOptions): GeneratedProfile {
  const rng = new Prng(options.seed ?? 0x5eed);
  const w = new PlistWriter();
  const seen = new Set<string>();
  const profileUuid = uuid(rng, seen);
  const c: Context = {
    rng, w, seen, uuids: [profileUuid], types: [], org: rng.pick(ORGS),
    idPrefix: `jp.example.profile.${profileUuid.slice(0, 8).toLowerCase()}`, serial: 0,
    maxRules: options.targetBytes < 16 * 1024 ? 3 : 6, maxDomains: options.targetBytes < 16 * 1024 ? 4 : 12,
  };
  w.line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  w.line(0, '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">');
  w.line(0, '<plist version="1.0">');
  w.line(0, '<dict>');
  w.key(1, 'PayloadContent');
  w.line(1, '<array>');
  // The profile's own keys after PayloadContent take about 700 bytes; stop the payloads short of them.
  const budget = options.targetBytes - 700;
  const maxBlob = Math.max(600, Math.min(5000, Math.floor(options.targetBytes / 3)));
  let group = 0;
  do {
    const cert = writePkcs12(c, 2, maxBlob);
    const vpn = drawVpnSpec(c, cert);
    writeVpn(c, 2, vpn, false);
    if (w.bytes < budget && rng.chance(0.5)) writeVpn(c, 2, vpn, true);
    if (w.bytes < budget && rng.chance(0.15)) writeWifi(c, 2, cert);
    if (w.bytes < budget && group % 8 === 1) writeRestrictions(c, 2);
    group++;
  } while (w.bytes < budget);
  w.line(1, '</array>');
  w.string(1, 'PayloadDescription', 'Remote access VPN for managed iPhone and iPad (AnyConnect).');
  w.string(1, 'PayloadDisplayName', `リモートアクセス VPN (${c.org})`);
  w.string(1, 'PayloadIdentifier', c.idPrefix);
  w.string(1, 'PayloadOrganization', c.org);
  w.bool(1, 'PayloadRemovalDisallowed', false);
  w.string(1, 'PayloadType', 'Configuration');
  w.string(1, 'PayloadUUID', profileUuid);
  w.integer(1, 'PayloadVersion', 1);
  w.line(0, '</dict>');
  w.line(0, '</plist>');
  return { text: w.toString(), bytes: w.bytes, payloadTypes: c.types, uuids: c.uuids, dataBytes: w.dataBytes };
}
