/**
 * The profile summary behind the client's preview and status bar: what the profile does, as plain data.
 * Secrets are masked here, so a password never leaves the server; the client only escapes and renders.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { IDENTITY_TYPES } from '../model/references';
import { getArray, getString, getValue } from '../model/tree';
import type { VpnPayload } from '../model/vpn';
import { isFlagOn } from '../rules/vpnSettings';
import type { ContainerKind, DictNode, PlistNode } from '../types';

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
  /** Where each clear-text secret is: the payload's name and the key (the secret rule's list). */
  secrets: string[];
  payloads: SummaryPayload[];
  problems: SummaryProblem[];
}

const MASK = '••••••••';
const HEADER_KEYS: readonly string[] = ['PayloadType', 'PayloadUUID', 'PayloadIdentifier', 'PayloadVersion', 'PayloadDisplayName'];
const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** A diagnostic's message as plain text (LSP 3.18 allows markup). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The text of a data node's base64 body, whitespace removed (the parser keeps only its span). */
export function dataText(text: string, node: PlistNode): string {
  return node.kind === 'data' ? text.slice(node.valueOffset, node.valueOffset + node.valueLength).replace(/\s+/g, '') : '';
}

function base64Bytes(base64: string): number {
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - pad);
}

/** True for a value that must not be shown: the model's secrets (the ones the secret rule reports). */
type IsSecret = (node: PlistNode) => boolean;

/** A value as one line of readable text; nested containers are abbreviated, data shows its size, secrets are masked. */
export function formatValue(text: string, node: PlistNode | undefined, isSecret: IsSecret, depth = 0): string {
  if (!node) return '';
  switch (node.kind) {
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'data':
      return `<${base64Bytes(dataText(text, node))} bytes>`;
    case 'array':
      if (depth > 3) return `[${node.items.length}]`;
      return node.items.map((i) => formatValue(text, i, isSecret, depth + 1)).join(', ');
    case 'dict':
      if (depth > 3) return `{${node.entries.length}}`;
      return node.entries.map((e) => `${e.key?.name ?? '?'}=${formatValue(text, e.value, isSecret, depth + 1)}`).join('; ');
    default:
      return isSecret(node) ? MASK : node.value.trim();
  }
}

function fieldsOf(model: ProfileModel, dict: DictNode | undefined, skip: readonly string[] = HEADER_KEYS): SummaryField[] {
  if (!dict) return [];
  const out: SummaryField[] = [];
  const isSecret = (node: PlistNode) => model.isSecret(node);
  for (const e of dict.entries) {
    const key = e.key?.name;
    if (key === undefined || skip.includes(key)) continue;
    if (e.value && isSecret(e.value)) out.push({ key, value: MASK, secret: true });
    else out.push({ key, value: formatValue(model.text, e.value, isSecret) });
  }
  return out;
}

/** Where each secret is, for the preview and the export report: the payload's name and the key, never the value. */
export function secretLabels(model: ProfileModel): string[] {
  return model.secrets.map((s) => `${model.label(s.payload)}: ${s.key}`);
}

function payloadName(dict: DictNode, fallback: string): string {
  return getString(dict, 'PayloadDisplayName')?.trim() || getString(dict, 'PayloadType') || fallback;
}

function describeVpn(model: ProfileModel, v: VpnPayload): SummaryVpn {
  const { text } = model;
  const isSecret = (node: PlistNode) => model.isSecret(node);
  const vpn = v.vpn;
  let certificate: SummaryVpn['certificate'];
  const ref = v.certificateUuid?.value.trim();
  if (ref) {
    // A payload of PayloadContent with that UUID (the last one, should several share it).
    const target = model.payloadsWithUuid(ref).filter((p) => p.index >= 0).at(-1)?.dict;
    const type = target && getString(target, 'PayloadType');
    certificate = target
      ? { uuid: ref, resolved: true, payloadName: payloadName(target, ref), payloadType: type, isIdentity: IDENTITY_TYPES.includes(type ?? '') }
      : { uuid: ref, resolved: false };
  }
  const enabled = isFlagOn(vpn, 'OnDemandEnabled');
  const rules: SummaryOnDemandRule[] = [];
  for (const item of (vpn && getArray(vpn, 'OnDemandRules')?.items) ?? []) {
    if (item.kind !== 'dict') continue;
    rules.push({
      action: getString(item, 'Action') ?? '?',
      conditions: item.entries.filter((e) => e.key?.name !== 'Action').map((e) => `${e.key?.name ?? '?'}: ${formatValue(text, e.value, isSecret)}`),
    });
  }
  const proxies = v.proxies;
  const flag = (key: string) => isFlagOn(proxies, key);
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
    proxies: { kind, fields: fieldsOf(model, proxies, []) },
  };
}

/**
 * Summarises a parsed profile. `diagnostics` are the document's current problems (computed by the caller
 * with the document's settings), listed for the preview's problems section.
 */
export function summarizeProfile(document: TextDocument, model: ProfileModel, diagnostics: Diagnostic[]): ProfileSummary {
  const { text, parse } = model;
  const profile = model;
  const top = profile.top;
  const vpns = model.vpnPayloads;
  const apps = { new: [] as string[], legacy: [] as string[] };
  const payloads: SummaryPayload[] = profile.payloads.map((p) => {
    const type = p.type ?? '';
    const v = vpns.find((x) => x.payload === p);
    const vpn = v ? describeVpn(model, v) : undefined;
    const displayName = payloadName(p.dict, `Payload ${p.index + 1}`);
    if (vpn?.app) apps[vpn.app].push(vpn.connectionName || displayName);
    const kind = v ? 'vpn' : IDENTITY_TYPES.includes(type) || type.startsWith('com.apple.security.') ? 'certificate'
      : type === 'com.apple.profileRemovalPassword' ? 'removal-password' : 'other';
    // A VPN card shows its VPN and Proxies dicts in their own sections, not again as raw fields.
    const skip = v ? [...HEADER_KEYS, 'VPN', 'Proxies', 'VPNType', 'VPNSubType', 'UserDefinedName', 'VendorConfig'] : HEADER_KEYS;
    const start = document.positionAt(p.dict.offset);
    return {
      index: p.index,
      type,
      displayName,
      identifier: getString(p.dict, 'PayloadIdentifier'),
      uuid: getString(p.dict, 'PayloadUUID'),
      range: { start, end: start },
      kind,
      fields: fieldsOf(model, p.dict, skip),
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
      expiration: expiration ? formatValue(text, expiration, (n) => model.isSecret(n)) : undefined,
    },
    apps,
    secrets: secretLabels(model),
    payloads,
    problems: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity ?? 1],
      message: messageText(d),
      code: d.code === undefined ? undefined : String(d.code),
      range: d.range,
    })),
  };
}
