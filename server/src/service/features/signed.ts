/**
 * Signed (CMS/PKCS#7) profiles: recognise them by their bytes and turn the signed content into the plist text
 * shown read-only and exported unsigned. The DER itself is read by a CMS library the server passes in
 * (the service imports no such library); signatures are never verified, only the content is extracted.
 */
import { decodeBytes } from '../decode';

/** What a CMS reader finds in a SignedData: the encapsulated content and how many signers and certificates. */
export interface SignedContent {
  content: Uint8Array;
  signerCount: number;
  certificateCount: number;
}

/** Reads a DER/BER ContentInfo holding SignedData; throws on anything else. */
export type CmsReader = (bytes: Uint8Array) => SignedContent;

export type SignedProfileView =
  | { ok: true; text: string; signerCount: number; certificateCount: number }
  | { ok: false; error: string };

/** A DER SEQUENCE with a long-form or indefinite length: how a CMS-signed profile starts (as decode.ts). */
export function looksSigned(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x30 && bytes[1] >= 0x80;
}

/** The embedded plist of a signed profile as text, or why it could not be had. Never throws. */
export function readSignedProfile(bytes: Uint8Array, reader: CmsReader): SignedProfileView {
  if (!looksSigned(bytes)) return { ok: false, error: 'The file is not a CMS-signed profile.' };
  let signed: SignedContent;
  try {
    signed = reader(bytes);
  } catch (error) {
    return { ok: false, error: `The CMS structure could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (signed.content.length === 0) return { ok: false, error: 'The signature is detached: the file carries no content.' };
  // The content is the profile's own bytes: UTF-8 or UTF-16 XML, or (rarely) a binary plist.
  const text = decodeBytes(signed.content);
  if (!/<plist[\s>]/.test(text)) return { ok: false, error: 'The signed content is not an XML property list.' };
  return { ok: true, text, signerCount: signed.signerCount, certificateCount: signed.certificateCount };
}
