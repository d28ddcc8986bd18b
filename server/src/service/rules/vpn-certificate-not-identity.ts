/**
 * Flags a `PayloadCertificateUUID` that names a payload holding no private key (PKCS#1, root, PEM) or no
 * certificate at all. Why: client authentication needs an identity: PKCS#12, SCEP, ACME or AD certificate.
 */
import { startTagSpan } from './helpers';
import { IDENTITY_TYPES } from '../model/references';
import type { Rule } from './rule';


export const vpnCertificateNotIdentity: Rule = {
  id: 'vpn-certificate-not-identity',
  defaultSeverity: 'error',
  description: 'A PayloadCertificateUUID naming a payload with no private key (PKCS#1, root, PEM) or no certificate.',
  messages: {
    en: { notIdentity: 'PayloadCertificateUUID names a {0} payload, which holds no private key: point it at a PKCS#12, SCEP or ACME payload.', target: 'The payload referenced.' },
    ja: { notIdentity: 'PayloadCertificateUUID が {0} ペイロードを指していますが、これは秘密鍵を含みません。PKCS#12、SCEP、ACME のペイロードを指定してください。', target: '参照先のペイロード。' },
  },
  check(ctx) {
    for (const ref of ctx.model.certificateReferences) {
      // Only PayloadCertificateUUID names the identity a payload authenticates with; other references
      // (PayloadCertificateAnchorUUID, …) name certificates to trust, which need no private key.
      if (ref.key.name !== 'PayloadCertificateUUID') continue;
      const target = ctx.model.payloadsWithUuid(ref.node.value)[0];
      if (!target || IDENTITY_TYPES.includes(target.type ?? '')) continue;
      ctx.report({
        offset: ref.node.valueOffset, length: ref.node.valueLength, message: ctx.t('notIdentity', target.type ?? '?'),
        related: [{ ...startTagSpan(ctx.text, target.dict), message: ctx.t('target') }],
      });
    }
  },
};
