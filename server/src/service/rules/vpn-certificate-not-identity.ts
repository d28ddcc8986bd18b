/**
 * Flags a `PayloadCertificateUUID` that names a payload holding no private key (PKCS#1, root, PEM) or no
 * certificate at all. Why: client authentication needs an identity: PKCS#12, SCEP, ACME or AD certificate.
 */
import { getStringNode } from '../profile';
import { allPayloads, startTagSpan } from './helpers';
import { certificateReferences } from './vpn-certificate-unresolved';
import type { Rule } from './rule';

export const IDENTITY_TYPES = ['com.apple.security.pkcs12', 'com.apple.security.scep', 'com.apple.security.acme', 'com.apple.ADCertificate.managed'];

export const vpnCertificateNotIdentity: Rule = {
  id: 'vpn-certificate-not-identity',
  defaultSeverity: 'error',
  description: 'A PayloadCertificateUUID naming a payload with no private key (PKCS#1, root, PEM) or no certificate.',
  messages: {
    en: { notIdentity: 'PayloadCertificateUUID names a {0} payload, which holds no private key: point it at a PKCS#12, SCEP or ACME payload.', target: 'The payload referenced.' },
    ja: { notIdentity: 'PayloadCertificateUUID が {0} ペイロードを指していますが、これは秘密鍵を含みません。PKCS#12、SCEP、ACME のペイロードを指定してください。', target: '参照先のペイロード。' },
  },
  check(ctx) {
    const byUuid = new Map(allPayloads(ctx.profile).map((p) => [getStringNode(p.dict, 'PayloadUUID')?.value.trim().toUpperCase(), p]));
    for (const ref of certificateReferences(ctx.profile.top)) {
      const target = byUuid.get(ref.value.trim().toUpperCase());
      if (!target || IDENTITY_TYPES.includes(target.type ?? '')) continue;
      ctx.report({
        offset: ref.valueOffset, length: ref.valueLength, message: ctx.t('notIdentity', target.type ?? '?'),
        related: [{ ...startTagSpan(target.dict), message: ctx.t('target') }],
      });
    }
  },
};
