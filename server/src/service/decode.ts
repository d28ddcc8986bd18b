/**
 * Turns a file's bytes into the text the parser reads, as an editor would: UTF-8 (BOM optional),
 * UTF-16 with a BOM, and latin1 for binary plists and CMS-signed DER so every byte keeps one offset.
 */

export type ByteEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

export function detectEncoding(bytes: Uint8Array): ByteEncoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  // `bplist` or a DER SEQUENCE with a long-form/indefinite length: binary containers, not text.
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === 'bplist') return 'latin1';
  if (bytes.length >= 2 && bytes[0] === 0x30 && bytes[1] >= 0x80) return 'latin1';
  return 'utf8';
}

export function decodeBytes(bytes: Uint8Array): string {
  const encoding = detectEncoding(bytes);
  switch (encoding) {
    case 'utf16le':
      return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    case 'utf16be':
      return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    case 'latin1':
      return new TextDecoder('latin1').decode(bytes);
    default:
      // A UTF-8 BOM is dropped, as VS Code does when it opens the file, so columns match the editor's.
      return new TextDecoder('utf-8').decode(bytes);
  }
}
