/**
 * Flags a certificate reference (`PayloadCertificateUUID` and the like, model/references.ts) that names no
 * payload of this profile. Why: a certificate installed separately or by another profile is not linked to the VPN (rules-reference AC-09). In portal mode the
 * certificate is injected at issuance, so this becomes information.
 */
import type { Rule } from './rule';

export const vpnCertificateUnresolved: Rule = {
  id: 'vpn-certificate-unresolved',
  defaultSeverity: 'error',
  portalSeverity: 'info',
  description: 'A certificate reference (PayloadCertificateUUID and the like) that names no payload in the profile (information in portal mode).',
  messages: {
    en: {
      missing: '{1} "{0}" names no payload in this profile: the certificate must travel in the same profile as the VPN payload.',
      portal: '{1} "{0}" names no payload in this file: in portal mode the certificate is added at issuance; check that the portal keeps this reference.',
    },
    ja: {
      missing: '{1} "{0}" に該当するペイロードがこのプロファイルにありません。証明書は VPN ペイロードと同じプロファイルで配布する必要があります。',
      portal: '{1} "{0}" に該当するペイロードがこのファイルにありません。ポータルモードでは証明書は発行時に追加されます。ポータルがこの参照を保持するか確認してください。',
    },
  },
  check(ctx) {
    for (const ref of ctx.model.certificateReferences) {
      if (ctx.model.payloadsWithUuid(ref.node.value).length > 0 || ctx.model.isPlaceholder(ref.node)) continue;
      ctx.report({ offset: ref.node.valueOffset, length: ref.node.valueLength, message: ctx.t(ctx.settings.mode === 'portal' ? 'portal' : 'missing', ref.node.value.trim(), ref.key.name) });
    }
  },
};
