/**
 * The one definition of a certificate reference: a key whose value names a certificate payload of the same
 * profile by its PayloadUUID (PayloadCertificateUUID, PayloadCertificateAnchorUUID, IdentityCertificateUUID,
 * …). Go to definition, completion, the UUID fixes and the certificate rules all read the model's list.
 */
import type { DictNode, KeyNode, PlistNode, ScalarNode } from '../types';
import type { Payload } from './tree';

/** Key names that hold certificate references. */
const REFERENCE_KEY = /Cert\w*UUID$/;

/** The payload types that hold a certificate or identity another payload can point at by PayloadUUID. */
export const CERTIFICATE_TYPES: readonly string[] = [
  'com.apple.security.acme', 'com.apple.security.pem', 'com.apple.security.pkcs1',
  'com.apple.security.pkcs12', 'com.apple.security.root', 'com.apple.security.scep',
];

/** The payload types that hold an identity (a certificate with its private key), as client authentication needs. */
export const IDENTITY_TYPES: readonly string[] = [
  'com.apple.security.pkcs12', 'com.apple.security.scep', 'com.apple.security.acme', 'com.apple.ADCertificate.managed',
];

export interface CertificateReference {
  /** The key holding the reference (for an array of references, the array's key). */
  key: KeyNode;
  /** The `<string>` naming a PayloadUUID. */
  node: ScalarNode;
  /** The dict holding the key. */
  dict: DictNode;
  payload: Payload;
}

export function isReferenceKey(name: string): boolean {
  return REFERENCE_KEY.test(name);
}

/** Every non-empty certificate reference of these payloads (a string, or the strings of an array), in document order. */
export function findReferences(payloads: readonly Payload[]): CertificateReference[] {
  const out: CertificateReference[] = [];
  for (const payload of payloads) {
    const visit = (node: PlistNode) => {
      if (node.kind === 'array') {
        for (const item of node.items) visit(item);
        return;
      }
      if (node.kind !== 'dict') return;
      for (const e of node.entries) {
        const v = e.value;
        if (!v || !e.key) continue;
        // The profile dict's PayloadContent holds payloads of their own, visited as such.
        if (payload.index < 0 && node === payload.dict && e.key.name === 'PayloadContent') continue;
        if (isReferenceKey(e.key.name)) {
          const strings = v.kind === 'array' ? v.items : [v];
          for (const s of strings) if (s.kind === 'string' && s.value.trim() !== '') out.push({ key: e.key, node: s, dict: node, payload });
        } else {
          visit(v);
        }
      }
    };
    visit(payload.dict);
  }
  return out;
}
