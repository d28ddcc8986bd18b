/**
 * Builds a new AnyConnect profile from the choices of the portal's simple creation form (domain/README.md,
 * "The portal"): name, target app, gateway, authentication, removal password and proxy. UUIDs come in from
 * the caller so the service stays pure and tests are repeatable.
 */
import { PLIST_HEADER } from './exportProfile';
import { escapeXml } from '../edits';

export type NewProfileTarget = 'new' | 'legacy' | 'both';
/** `portal-certificate`: the portal injects the certificate at issuance; `certificate-payload`: a PKCS#12 placeholder. */
export type NewProfileAuth = 'portal-certificate' | 'certificate-payload' | 'password';
export type NewProfileProxy =
  | { kind: 'none' }
  | { kind: 'manual'; server: string; port: number; user?: string; password?: string }
  | { kind: 'automatic'; pacUrl: string };

export interface NewProfileOptions {
  name: string;
  target: NewProfileTarget;
  /** Host name or IP, optionally with a group path; a URL scheme is dropped. */
  gateway: string;
  auth: NewProfileAuth;
  /** Undefined or empty: the profile can be removed freely. */
  removalPassword?: string;
  proxy: NewProfileProxy;
  organization?: string;
  /** The UI's language (`vscode.env.language`): the text the profile shows on the device is written in it. */
  language?: string;
}

export const SUBTYPES = { new: 'com.cisco.anyconnect', legacy: 'com.cisco.anyconnect.applevpn.plugin' } as const;

/** A `<data>` value (base64 text); a class so it cannot be mistaken for a dict. */
class Data {
  constructor(readonly base64: string) {}
}

type Value = string | number | boolean | Data | Value[] | { [key: string]: Value };


/** Writes keys in the order given: the generated profile reads top-down like the portal's form. */
function write(value: Value, depth: number, out: string[]): void {
  const indent = '\t'.repeat(depth);
  if (typeof value === 'string') out.push(`${indent}<string>${escapeXml(value)}</string>\n`);
  else if (typeof value === 'number') out.push(`${indent}<integer>${Math.trunc(value)}</integer>\n`);
  else if (typeof value === 'boolean') out.push(`${indent}<${value}/>\n`);
  else if (value instanceof Data) out.push(`${indent}<data>${value.base64}</data>\n`);
  else if (Array.isArray(value)) {
    out.push(`${indent}<array>\n`);
    for (const v of value) write(v, depth + 1, out);
    out.push(`${indent}</array>\n`);
  } else {
    out.push(`${indent}<dict>\n`);
    for (const [k, v] of Object.entries(value)) {
      out.push(`${indent}\t<key>${escapeXml(k)}</key>\n`);
      write(v, depth + 1, out);
    }
    out.push(`${indent}</dict>\n`);
  }
}

/** `https://vpn.example.com/group` → `vpn.example.com/group` (rule vpn-remote-address-format). */
export function cleanGateway(gateway: string): string {
  return gateway.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\s+/g, '');
}

/** A reverse-DNS identifier prefix from the gateway host: `vpn.example.com` → `com.example.vpn`. */
export function identifierPrefix(gateway: string): string {
  const host = cleanGateway(gateway).split(/[/:]/)[0].toLowerCase();
  const labels = host.split('.').filter((l) => /^[a-z0-9-]+$/.test(l));
  if (labels.length < 2 || labels.every((l) => /^\d+$/.test(l))) return 'com.example.vpn';
  return labels.reverse().join('.');
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
}

/** 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits: short, stable across runs and platforms. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The identifier part named after the profile: its ASCII slug, plus a hash of the name whenever the slug
 * drops something (case, spaces, non-ASCII letters). Two distinct names then never share a PayloadIdentifier,
 * and installing one would not replace the other ("東京本社 VPN 2025" and "大阪支社 VPN 2025" both slug to
 * `vpn-2025`); the same name always gives the same identifier.
 */
export function nameIdentifier(name: string): string {
  const key = name.trim().normalize('NFC');
  const s = slug(key);
  return s === key ? s : `${s}-${shortHash(key)}`;
}

/** The text the profile shows on the device, per UI language (DESIGN.md: every user-facing string ships in both). */
const TEXTS = {
  en: {
    vpnDescription: 'Configures VPN settings',
    legacySuffix: '{0} (Legacy)',
    identityName: 'VPN identity certificate',
    identityDescription: 'Placeholder: replace PayloadContent with the PKCS#12 identity for the VPN.',
    removalName: 'Removal password',
    removalDescription: 'Requires a password to remove the profile',
    profileDescription: 'AnyConnect VPN for {0}',
  },
  ja: {
    vpnDescription: 'VPN の設定を構成します',
    legacySuffix: '{0} (Legacy AnyConnect 用)',
    identityName: 'VPN 用 ID 証明書',
    identityDescription: '仮の証明書です: PayloadContent を VPN 用の PKCS#12 ID ファイルの内容に置き換えてください。',
    removalName: '削除パスワード',
    removalDescription: 'プロファイルの削除にパスワードを求めます',
    profileDescription: '{0} への AnyConnect VPN',
  },
} as const;

function textsFor(language: string | undefined): (typeof TEXTS)['en' | 'ja'] {
  return language?.toLowerCase().startsWith('ja') ? TEXTS.ja : TEXTS.en;
}

const fill = (template: string, value: string) => template.replace('{0}', () => value);

function proxies(proxy: NewProfileProxy): { [key: string]: Value } | undefined {
  if (proxy.kind === 'automatic') return { ProxyAutoConfigEnable: 1, ProxyAutoConfigURLString: proxy.pacUrl.trim() };
  if (proxy.kind === 'manual') {
    const dict: { [key: string]: Value } = { HTTPEnable: 1, HTTPProxy: proxy.server.trim(), HTTPPort: proxy.port, HTTPSEnable: 1, HTTPSProxy: proxy.server.trim(), HTTPSPort: proxy.port };
    if (proxy.user) dict.HTTPProxyUsername = proxy.user;
    if (proxy.password) dict.HTTPProxyPassword = proxy.password;
    return dict;
  }
  return undefined;
}

/** The profile's XML text. `newUuid` returns a fresh upper-case UUID per call. */
export function buildNewProfile(options: NewProfileOptions, newUuid: () => string): string {
  const name = options.name.trim();
  const gateway = cleanGateway(options.gateway);
  const prefix = `${identifierPrefix(gateway)}.${nameIdentifier(name)}`;
  const text = textsFor(options.language);
  const profileUuid = newUuid().toUpperCase();
  const content: { [key: string]: Value }[] = [];
  let certificateUuid: string | undefined;
  if (options.auth === 'certificate-payload') {
    certificateUuid = newUuid().toUpperCase();
    // A placeholder identity: the administrator replaces PayloadContent with the user's PKCS#12 file.
    content.push({
      PayloadCertificateFileName: 'user.p12',
      PayloadContent: new Data(''),
      PayloadDescription: text.identityDescription,
      PayloadDisplayName: text.identityName,
      PayloadIdentifier: `${prefix}.credential`,
      PayloadType: 'com.apple.security.pkcs12',
      PayloadUUID: certificateUuid,
      PayloadVersion: 1,
    });
  }
  const apps: ('new' | 'legacy')[] = options.target === 'both' ? ['new', 'legacy'] : [options.target];
  for (const app of apps) {
    const vpn: { [key: string]: Value } = {
      AuthenticationMethod: options.auth === 'password' ? 'Password' : 'Certificate',
      RemoteAddress: gateway,
    };
    if (certificateUuid) vpn.PayloadCertificateUUID = certificateUuid;
    const payload: { [key: string]: Value } = {
      PayloadDescription: text.vpnDescription,
      PayloadDisplayName: app === 'new' ? 'Cisco AnyConnect VPN' : 'Cisco Legacy AnyConnect VPN',
      PayloadIdentifier: `${prefix}.${app === 'new' ? 'vpn' : 'vpn-legacy'}`,
      PayloadType: 'com.apple.vpn.managed',
      PayloadUUID: newUuid().toUpperCase(),
      PayloadVersion: 1,
      // Distinct connection names keep rule vpn-name-duplicate quiet when both apps are served.
      UserDefinedName: app === 'new' || apps.length === 1 ? name : fill(text.legacySuffix, name),
      VPN: vpn,
      VPNSubType: SUBTYPES[app],
      VPNType: 'VPN',
    };
    const p = proxies(options.proxy);
    if (p) payload.Proxies = p;
    content.push(payload);
  }
  const removalPassword = options.removalPassword?.trim() ? options.removalPassword : undefined;
  if (removalPassword) {
    content.push({
      PayloadDescription: text.removalDescription,
      PayloadDisplayName: text.removalName,
      PayloadIdentifier: `${prefix}.removal-password`,
      PayloadType: 'com.apple.profileRemovalPassword',
      PayloadUUID: newUuid().toUpperCase(),
      PayloadVersion: 1,
      RemovalPassword: removalPassword,
    });
  }
  const top: { [key: string]: Value } = {
    PayloadContent: content,
    PayloadDescription: fill(text.profileDescription, gateway),
    PayloadDisplayName: name,
    PayloadIdentifier: prefix,
  };
  if (options.organization?.trim()) top.PayloadOrganization = options.organization.trim();
  Object.assign(top, { PayloadRemovalDisallowed: false, PayloadType: 'Configuration', PayloadUUID: profileUuid, PayloadVersion: 1 });
  const out = [PLIST_HEADER];
  write(top, 0, out);
  out.push('</plist>\n');
  return out.join('');
}
