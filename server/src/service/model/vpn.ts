/**
 * The AnyConnect view of a profile: every VPN payload with its type, subtype, target app and the
 * connection facts twins are compared on (shared/domain/README.md, "The two iOS apps").
 */
import { getDict, getStringNode, Payload } from './tree';
import type { DictNode, ScalarNode, ServiceSettings } from '../types';

export const VPN_PAYLOAD_TYPE = 'com.apple.vpn.managed';
export const VPN_TYPES = ['VPN', 'L2TP', 'PPTP', 'IPSec', 'IKEv2', 'AlwaysOn', 'TransparentProxy'];

/** Which AnyConnect app a payload targets; decided by an exact, case-sensitive VPNSubType match. */
export type AnyConnectApp = 'new' | 'legacy';

export interface VpnPayload {
  payload: Payload;
  vpnTypeNode: ScalarNode | undefined;
  vpnType: string | undefined;
  subtypeNode: ScalarNode | undefined;
  subtype: string | undefined;
  /** Set only when VPNType is `VPN` and VPNSubType is exactly one of the accepted ids. */
  app: AnyConnectApp | undefined;
  /** The subtype names Cisco AnyConnect in some spelling (exact or not). */
  looksCisco: boolean;
  /** The `VPN` dict holding RemoteAddress, authentication and on-demand settings. */
  vpn: DictNode | undefined;
  vendorConfig: DictNode | undefined;
  proxies: DictNode | undefined;
  remoteAddress: ScalarNode | undefined;
  group: ScalarNode | undefined;
  authMethod: ScalarNode | undefined;
  certificateUuid: ScalarNode | undefined;
  userDefinedName: ScalarNode | undefined;
  payloadUuid: ScalarNode | undefined;
  payloadIdentifier: ScalarNode | undefined;
  /** RemoteAddress trimmed and lower-cased ('' when missing): what twins are matched on. */
  addressKey: string;
  /** VendorConfig.Group trimmed ('' when missing). */
  groupKey: string;
}

/** A subtype that mentions Cisco AnyConnect in any spelling, e.g. `com.cisco.AnyConnect` or `com.cisco.anyconnect.vpnplugin`. */
export function looksLikeAnyConnect(subtype: string): boolean {
  const s = subtype.toLowerCase().replace(/[\s_-]/g, '');
  return s.includes('cisco') && s.includes('anyconnect');
}

export function appForSubtype(vpnType: string | undefined, subtype: string | undefined, settings: ServiceSettings): AnyConnectApp | undefined {
  if (vpnType !== 'VPN' || subtype === undefined) return undefined;
  if (settings.anyconnectNewSubtypes.includes(subtype)) return 'new';
  if (settings.anyconnectLegacySubtypes.includes(subtype)) return 'legacy';
  return undefined;
}

/** The AnyConnect facts of one `com.apple.vpn.managed` payload (the model lists them for the profile). */
export function describeVpn(payload: Payload, settings: ServiceSettings): VpnPayload {
  const { dict } = payload;
  const vpnTypeNode = getStringNode(dict, 'VPNType');
  const subtypeNode = getStringNode(dict, 'VPNSubType');
  const vpn = getDict(dict, 'VPN');
  const vendorConfig = getDict(dict, 'VendorConfig');
  const remoteAddress = vpn && getStringNode(vpn, 'RemoteAddress');
  const group = vendorConfig && getStringNode(vendorConfig, 'Group');
  return {
    payload,
    vpnTypeNode,
    vpnType: vpnTypeNode?.value,
    subtypeNode,
    subtype: subtypeNode?.value,
    app: appForSubtype(vpnTypeNode?.value, subtypeNode?.value, settings),
    looksCisco: subtypeNode !== undefined && looksLikeAnyConnect(subtypeNode.value),
    vpn,
    vendorConfig,
    proxies: getDict(dict, 'Proxies'),
    remoteAddress,
    group,
    addressKey: remoteAddress?.value.trim().toLowerCase() ?? '',
    groupKey: group?.value.trim() ?? '',
    authMethod: vpn && getStringNode(vpn, 'AuthenticationMethod'),
    certificateUuid: vpn && getStringNode(vpn, 'PayloadCertificateUUID'),
    userDefinedName: getStringNode(dict, 'UserDefinedName'),
    payloadUuid: getStringNode(dict, 'PayloadUUID'),
    payloadIdentifier: getStringNode(dict, 'PayloadIdentifier'),
  };
}

/** New-app payloads indexed by normalised address (rules ask per legacy payload; the model keeps one). */
export interface NewAppIndex {
  news: VpnPayload[];
  legacyCount: number;
  byAddress: Map<string, VpnPayload[]>;
}

export function indexNewApp(all: readonly VpnPayload[]): NewAppIndex {
  const index: NewAppIndex = { news: [], legacyCount: 0, byAddress: new Map() };
  for (const v of all) {
    if (v.app === 'legacy') index.legacyCount++;
    if (v.app !== 'new') continue;
    index.news.push(v);
    const list = index.byAddress.get(v.addressKey);
    if (list) list.push(v);
    else index.byAddress.set(v.addressKey, [v]);
  }
  return index;
}

/** The new-app payload equivalent to a legacy one (same RemoteAddress and Group), if any. */
export function equivalentNewPayload(legacy: VpnPayload, index: NewAppIndex): VpnPayload | undefined {
  return index.byAddress.get(legacy.addressKey)?.find((n) => n.groupKey === legacy.groupKey);
}

/** The new-app payload that mirrors a legacy one: an equivalent one, else one with the same gateway, else the only new payload beside the only legacy one. */
export function twinOf(legacy: VpnPayload, index: NewAppIndex): VpnPayload | undefined {
  const sameHost = index.byAddress.get(legacy.addressKey);
  if (sameHost) return sameHost.find((n) => n.groupKey === legacy.groupKey) ?? sameHost[0];
  return index.news.length === 1 && index.legacyCount === 1 ? index.news[0] : undefined;
}

/** True when the authentication method includes a certificate. */
export function usesCertificate(v: VpnPayload): boolean {
  return /certificate/i.test(v.authMethod?.value ?? '');
}

/** A payload's name for messages: UserDefinedName, else PayloadDisplayName, else its identifier. */
export function vpnLabel(v: VpnPayload): string {
  return v.userDefinedName?.value || getStringNode(v.payload.dict, 'PayloadDisplayName')?.value || v.payloadIdentifier?.value || `payload #${v.payload.index + 1}`;
}
