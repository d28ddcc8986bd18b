/**
 * Flags certificate authentication without `VPN.PayloadCertificateUUID`. Why: the new Cisco AnyConnect app
 * sees the certificate only through that reference (rules-reference AC-08/AC-09). In portal mode the portal
 * injects the certificate at issuance, so this becomes information.
 */
import { usesCertificate } from '../model/vpn';
import type { Rule } from './rule';

export const vpnCertificateMissing: Rule = {
  id: 'vpn-certificate-missing',
  defaultSeverity: 'error',
  portalSeverity: 'info',
  description: 'Certificate authentication without VPN.PayloadCertificateUUID (information in portal mode: the portal injects it).',
  messages: {
    en: {
      missing: 'AuthenticationMethod "{0}" needs VPN.PayloadCertificateUUID naming an identity payload (PKCS#12, SCEP, ACME) in this profile.',
      portal: 'AuthenticationMethod "{0}" without PayloadCertificateUUID: expected in portal mode, the portal injects the certificate when it issues it.',
    },
    ja: {
      missing: 'AuthenticationMethod "{0}" には、このプロファイル内の ID ペイロード (PKCS#12, SCEP, ACME) を指す VPN.PayloadCertificateUUID が必要です。',
      portal: 'AuthenticationMethod "{0}" ですが PayloadCertificateUUID がありません。ポータルモードでは想定どおりです (証明書は発行時にポータルが組み込みます)。',
    },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      if (!usesCertificate(v) || (v.certificateUuid && v.certificateUuid.value.trim() !== '')) continue;
      const node = v.authMethod!;
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t(ctx.settings.mode === 'portal' ? 'portal' : 'missing', node.value) });
    }
  },
};
