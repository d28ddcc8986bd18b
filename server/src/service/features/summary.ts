/**
 * The profile summary behind the client's preview and status bar: what the profile does, as plain data.
 * Secrets are masked here, so a password never leaves the server; the client only escapes and renders.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { buildProfile, getArray, getString, getValue } from '../profile';
import { IDENTITY_TYPES } from '../rules/vpn-certificate-not-identity';
import type { ContainerKind, DictNode, ParseResult, PlistNode, ServiceSettings } from '../types';
import { vpnPayloads, VpnPayload } from '../vpn';

/** One key and its value as shown; `secret` values are already masked. */
export interface SummaryField {
  key: string;
  value: string;
  secret?: boolean;
}

export interface SummaryOnDemandRule {
  action: string;
  /** Every other key of the rule, flattened to readable text (`DNSDomainMatch: a.example, b.example`). */
  conditions: string[];
}

export interface SummaryVpn {
  /** Which AnyConnect app uses the payload (exact VPNSubType match, domain/README.md "The two iOS apps"). */
  app: 'new' | 'legacy' | undefined;
  vpnType: string | undefined;
  subtype: string | undefined;
  connectionName: string | undefined;
  gateway: string | undefined;
  group: string | undefined;
  authentication: string | undefined;
  /** The PayloadCertificateUUID reference and whether it names a payload of this profile. */
  certificate: { uuid: string; resolved: boolean; payloadName?: string; payloadType?: string; isIdentity?: boolean } | undefined;
  onDemand: { enabled: boolean; rules: SummaryOnDemandRule[] };
  proxies: { kind: 'none' | 'manual' | 'automatic'; fields: SummaryField[] };
}

export interface SummaryPayload {
  index: number;
  type: string;
  displayName: string;
  identifier: string | undefined;
  uuid: string | undefined;
  /** Where the payload's dict starts, for click-to-reveal. */
  range: Range;
  kind: 'vpn' | 'certificate' | 'removal-password' | 'other';
  /** The payload's own keys other than the Payload* header keys, secrets masked. */
  fields: SummaryField[];
  vpn?: SummaryVpn;
}

export interface SummaryProblem {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  code: string | undefined;
  range: Range;
}

export interface ProfileSummary {
  uri: string;
  /** The document version summarised, so the client can tell a stale answer from a fresh one. */
  version: number;
  container: ContainerKind;
  isProfile: boolean;
  name: string | undefined;
  identifier: string | undefined;
  organization: string | undefined;
  description: string | undefined;
  uuid: string | undefined;
  removal: { disallowed: boolean; hasPassword: boolean; expiration: string | undefined };
  /** Names of the VPN payloads each AnyConnect app will use. */
  apps: { new: string[]; legacy: string[] };
  /** Dotted key paths that hold a secret (password, shared secret, PKCS#12 content). */
  secrets: string[];
  payloads: SummaryPayload[];
  problems: SummaryProblem[];
}

const MASK = '••••••••';
const HEADER_KEYS = new Set(['PayloadType', 'PayloadUUID', 'PayloadIdentifier', 'PayloadVersion', 'PayloadDisplayName']);
const SECRET_KEY = /password|secret|passphrase|^PIN$/i;
const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** A diagnostic's message as plain text (LSP 3.18 allows markup). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** True for a key whose value must not be shown (domain README: "secrets in clear text"). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** The text of a data node's base64 body, whitespace removed (the parser keeps only its span). */
export function dataText(text: string, node: PlistNode): string {
  return node.kind === 'data' ? text.slice(node.valueOffset, node.valueOffset + node.valueLength).replace(/\s+/g, '') : '';
}

function base64Bytes(base64: string): number {
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - pad);
}

/** A value as one line of readable text; nested containers are abbreviated, data shows its size. */
export function formatValue(text: string, node: PlistNode | undefined, depth = 0): string {
  if (!node) return '';
  switch (node.kind) {
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'data':
      return `<${base64Bytes(dataText(text, node))} bytes>`;
    case 'array':
      if (depth > 3) return `[${node.items.length}]`;
      return node.items.map((i) => formatValue(text, i, depth + 1)).join(', ');
    case 'dict':
      if (depth > 3) return `{${node.entries.length}}`;
      return node.entries.map((e) => `${e.key?.name ?? '?'}=${isSecretKey(e.key?.name ?? '') ? MASK : formatValue(text, e.value, depth + 1)}`).join('; ');
    default:
      return node.value.trim();
  }
}

function fieldsOf(text: string, dict: DictNode | undefined, skip: Set<string> = HEADER_KEYS): SummaryField[] {
  if (!dict) return [];
  const out: SummaryField[] = [];
  for (const e of dict.entries) {
    const key = e.key?.name;
    if (key === undefined || skip.has(key)) continue;
    if (isSecretKey(key) && e.value && e.value.kind !== 'dict' && e.value.kind !== 'array') {
      out.push({ key, value: MASK, secret: true });
    } else {
      out.push({ key, value: formatValue(text, e.value) });
    }
  }
  return out;
}

/** Every key path holding a secret: password-like keys with a non-empty value, and PKCS#12 bodies. */
export function findSecrets(text: string, top: DictNode | undefined): string[] {
  const out: string[] = [];
  const visit = (node: PlistNode | undefined, path: string, parentType: string | undefined) => {
    if (!node) return;
    if (node.kind === 'dict') {
      const type = getString(node, 'PayloadType') ?? parentType;
      for (const e of node.entries) {
        const key = e.key?.name ?? '?';
        const p = path ? `${path}.${key}` : key;
        const v = e.value;
        // SCEP's Challenge is the one secret whose name says nothing of it; the rest match isSecretKey.
        if ((isSecretKey(key) || (key === 'Challenge' && type === 'com.apple.security.scep')) && v && ((v.kind === 'string' && v.value !== '') || v.kind === 'data')) out.push(p);
        else if (key === 'PayloadContent' && v?.kind === 'data' && type === 'com.apple.security.pkcs12' && dataText(text, v) !== '') out.push(p);
        else visit(v, p, type);
      }
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => visit(item, `${path}[${i}]`, parentType));
    }
  };
  visit(top, '', undefined);
  return out;
}

function payloadName(dict: DictNode, fallback: string): string {
  return getString(dict, 'PayloadDisplayName')?.trim() || getString(dict, 'PayloadType') || fallback;
}

function describeVpn(text: string, v: VpnPayload, byUuid: Map<string, DictNode>): SummaryVpn {
  const vpn = v.vpn;
  let certificate: SummaryVpn['certificate'];
  const ref = v.certificateUuid?.value.trim();
  if (ref) {
    const target = byUuid.get(ref.toUpperCase());
    const type = target && getString(target, 'PayloadType');
    certificate = target
      ? { uuid: ref, resolved: true, payloadName: payloadName(target, ref), payloadType: type, isIdentity: IDENTITY_TYPES.includes(type ?? '') }
      : { uuid: ref, resolved: false };
  }
  const onDemandValue = vpn && getValue(vpn, 'OnDemandEnabled');
  const enabled = onDemandValue?.kind === 'integer' ? onDemandValue.value.trim() === '1' : onDemandValue?.kind === 'bool' ? onDemandValue.value : false;
  const rules: SummaryOnDemandRule[] = [];
  for (const item of (vpn && getArray(vpn, 'OnDemandRules')?.items) ?? []) {
    if (item.kind !== 'dict') continue;
    rules.push({
      action: getString(item, 'Action') ?? '?',
      conditions: item.entries.filter((e) => e.key?.name !== 'Action').map((e) => `${e.key?.name ?? '?'}: ${formatValue(text, e.value)}`),
    });
  }
  const proxies = v.proxies;
  const flag = (key: string) => {
    const n = proxies && getValue(proxies, key);
    return n?.kind === 'integer' ? n.value.trim() === '1' : n?.kind === 'bool' ? n.value : false;
  };
  const kind = flag('ProxyAutoConfigEnable') || (proxies && getString(proxies, 'ProxyAutoConfigURLString')) ? 'automatic'
    : flag('HTTPEnable') || flag('HTTPSEnable') || (proxies && (getString(proxies, 'HTTPProxy') || getString(proxies, 'HTTPSProxy'))) ? 'manual' : 'none';
  return {
    app: v.app,
    vpnType: v.vpnType,
    subtype: v.subtype,
    connectionName: v.userDefinedName?.value,
    gateway: v.remoteAddress?.value,
    group: v.group?.value,
    authentication: v.authMethod?.value,
    certificate,
    onDemand: { enabled, rules },
    proxies: { kind, fields: fieldsOf(text, proxies, new Set()) },
  };
}

/**
 * Summarises a parsed profile. `diagnostics` are the document's current problems (computed by the caller
 * with the document's settings), listed for the preview's problems section.
 */
export function summarizeProfile(document: TextDocument, parse: ParseResult, settings: ServiceSettings, diagnostics: Diagnostic[]): ProfileSummary {
  const text = document.getText();
  const profile = buildProfile(parse);
  const top = profile.top;
  const vpns = vpnPayloads(profile, settings);
  const byUuid = new Map<string, DictNode>();
  for (const p of profile.payloads) {
    const uuid = getString(p.dict, 'PayloadUUID')?.trim().toUpperCase();
    if (uuid) byUuid.set(uuid, p.dict);
  }
  const apps = { new: [] as string[], legacy: [] as string[] };
  const payloads: SummaryPayload[] = profile.payloads.map((p) => {
    const type = p.type ?? '';
    const v = vpns.find((x) => x.payload === p);
    const vpn = v ? describeVpn(text, v, byUuid) : undefined;
    const displayName = payloadName(p.dict, `Payload ${p.index + 1}`);
    if (vpn?.app) apps[vpn.app].push(vpn.connectionName || displayName);
    const kind = v ? 'vpn' : IDENTITY_TYPES.includes(type) || type.startsWith('com.apple.security.') ? 'certificate'
      : type === 'com.apple.profileRemovalPassword' ? 'removal-password' : 'other';
    // A VPN card shows its VPN and Proxies dicts in their own sections, not again as raw fields.
    const skip = v ? new Set([...HEADER_KEYS, 'VPN', 'Proxies', 'VPNType', 'VPNSubType', 'UserDefinedName', 'VendorConfig']) : HEADER_KEYS;
    const start = document.positionAt(p.dict.offset);
    return {
      index: p.index,
      type,
      displayName,
      identifier: getString(p.dict, 'PayloadIdentifier'),
      uuid: getString(p.dict, 'PayloadUUID'),
      range: { start, end: start },
      kind,
      fields: fieldsOf(text, p.dict, skip),
      vpn,
    };
  });
  const removalDisallowed = top ? getValue(top, 'PayloadRemovalDisallowed') : undefined;
  const expiration = top ? getValue(top, 'RemovalDate') ?? getValue(top, 'DurationUntilRemoval') : undefined;
  return {
    uri: document.uri,
    version: document.version,
    container: parse.container,
    isProfile: !!top && getString(top, 'PayloadType') === 'Configuration',
    name: top && getString(top, 'PayloadDisplayName'),
    identifier: top && getString(top, 'PayloadIdentifier'),
    organization: top && getString(top, 'PayloadOrganization'),
    description: top && getString(top, 'PayloadDescription'),
    uuid: top && getString(top, 'PayloadUUID'),
    removal: {
      disallowed: removalDisallowed?.kind === 'bool' && removalDisallowed.value,
      hasPassword: payloads.some((p) => p.kind === 'removal-password'),
      expiration: expiration ? formatValue(text, expiration) : undefined,
    },
    apps,
    secrets: findSecrets(text, top),
    payloads,
    problems: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity ?? 1],
      message: messageText(d),
      code: d.code === undefined ? undefined : String(d.code),
      range: d.range,
    })),
  };
}
