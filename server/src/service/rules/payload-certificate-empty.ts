/**
 * Flags a certificate payload (PKCS#12, PKCS#1, root, PEM) whose `PayloadContent` holds no bytes. Why: a
 * PKCS#12 file, like any certificate, is a DER structure (RFC 7292, RFC 5280) and zero bytes cannot hold one,
 * so the payload cannot work: no identity is installed, and a VPN that names it cannot authenticate. The new
 * profile wizard writes exactly such a placeholder for the administrator to fill in; it must not pass as clean.
 */
import { getEntry } from '../model/tree';
import type { Rule } from './rule';

const CERTIFICATE_TYPES = ['com.apple.security.pkcs12', 'com.apple.security.pkcs1', 'com.apple.security.root', 'com.apple.security.pem'];

export const payloadCertificateEmpty: Rule = {
  id: 'payload-certificate-empty',
  defaultSeverity: 'error',
  description: 'A certificate payload (PKCS#12, PKCS#1, root, PEM) whose PayloadContent data is empty.',
  messages: {
    en: { empty: 'The {0} payload\'s PayloadContent is empty: put the certificate file\'s bytes (base64) here, or remove the payload.' },
    ja: { empty: '{0} ペイロードの PayloadContent が空です。証明書ファイルの内容 (base64) を入れるか、ペイロードを削除してください。' },
  },
  check(ctx) {
    for (const p of ctx.model.payloads) {
      if (!CERTIFICATE_TYPES.includes(p.type ?? '')) continue;
      const value = getEntry(p.dict, 'PayloadContent')?.value;
      if (value?.kind !== 'data') continue;
      // Only whitespace between the tags decodes to zero bytes; other malformed base64 is plist-invalid-value's.
      const raw = ctx.text.slice(value.valueOffset, value.valueOffset + value.valueLength);
      if (raw.trim() !== '') continue;
      ctx.report({ offset: value.offset, length: value.length, message: ctx.t('empty', p.type!) });
    }
  },
};
