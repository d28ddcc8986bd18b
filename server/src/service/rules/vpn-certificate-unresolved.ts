/**
 * Flags a `PayloadCertificateUUID` that names no payload of this profile. Why: a certificate installed
 * separately or by another profile is not linked to the VPN (rules-reference AC-09). In portal mode the
 * certificate is injected at issuance, so this becomes information.
 */
import { getStringNode, nodeCache, walkContainers } from '../profile';
import type { ScalarNode } from '../types';
import { allPayloads } from './helpers';
import type { Rule } from './rule';

const referenceCache = nodeCache<ScalarNode[]>();

/**
 * Every `PayloadCertificateUUID` string in the profile (VPN, DNS, Wi-Fi and other payloads use the same key),
 * found once per tree: three rules and a fix ask for them.
 */
export function certificateReferences(root: Parameters<typeof walkContainers>[0]): ScalarNode[] {
  if (!root) return [];
  const cached = referenceCache.get(root);
  if (cached) return cached;
  const refs: ScalarNode[] = [];
  referenceCache.set(root, refs);
  for (const node of walkContainers(root)) {
    if (node.kind !== 'dict') continue;
    const ref = getStringNode(node, 'PayloadCertificateUUID');
    if (ref && ref.value.trim() !== '') refs.push(ref);
  }
  return refs;
}

export const vpnCertificateUnresolved: Rule = {
  id: 'vpn-certificate-unresolved',
  defaultSeverity: 'error',
  portalSeverity: 'info',
  description: 'A PayloadCertificateUUID that names no payload in the profile (information in portal mode).',
  messages: {
    en: {
      missing: 'PayloadCertificateUUID "{0}" names no payload in this profile: the certificate must travel in the same profile as the VPN payload.',
      portal: 'PayloadCertificateUUID "{0}" names no payload in this file: in portal mode the certificate is added at issuance; check that the portal keeps this reference.',
    },
    ja: {
      missing: 'PayloadCertificateUUID "{0}" に該当するペイロードがこのプロファイルにありません。証明書は VPN ペイロードと同じプロファイルで配布する必要があります。',
      portal: 'PayloadCertificateUUID "{0}" に該当するペイロードがこのファイルにありません。ポータルモードでは証明書は発行時に追加されます。ポータルがこの参照を保持するか確認してください。',
    },
  },
  check(ctx) {
    const uuids = new Set(allPayloads(ctx.profile).map((p) => getStringNode(p.dict, 'PayloadUUID')?.value.trim().toUpperCase()).filter(Boolean));
    for (const ref of certificateReferences(ctx.profile.top)) {
      if (uuids.has(ref.value.trim().toUpperCase())) continue;
      ctx.report({ offset: ref.valueOffset, length: ref.valueLength, message: ctx.t(ctx.settings.mode === 'portal' ? 'portal' : 'missing', ref.value.trim()) });
    }
  },
};
