/**
 * The portal's certificate report (CSV): decoding (UTF-8, Shift_JIS, UTF-16 with a BOM), a size bound, and a
 * CSV reader that skips a malformed line and says which one instead of rejecting the whole file. Column
 * `構成プロファイル名` tells which certificates have no profile applied (domain/README.md, "Migration paths").
 * Pure (no vscode), so it is unit-tested in plain node.
 */
import * as iconv from 'iconv-lite';

export const PROFILE_COLUMN = '構成プロファイル名';
export const NO_PROFILE_PREFIX = 'RA operated by KDDI Corporation';
const PROFILE_PREFIX = 'Profile...';

/**
 * The largest report read. A fleet's report is a line per certificate, well under a megabyte per thousand
 * devices; anything far larger is not a certificate report, and reading it whole would stall the extension host.
 */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export type ReportEncoding = 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';

/** A report problem the user can act on; `code` picks the message (the client translates it). */
export type ReportError =
  | { code: 'too-large'; size: number; limit: number }
  | { code: 'empty' }
  | { code: 'no-profile-column'; columns: string[] };

export class ReportReadError extends Error {
  constructor(readonly detail: ReportError) {
    super(detail.code);
  }
}

/** One data line of the report; `line` is its 1-based line in the file (the header is line 1). */
export interface ReportRow {
  line: number;
  cells: string[];
}

/** A line that was skipped, and why: `quote` (a stray or unclosed quote). */
export interface BadLine {
  line: number;
  reason: 'quote';
}

export interface CertificateReport {
  encoding: ReportEncoding;
  columns: string[];
  profileColumn: number;
  rows: ReportRow[];
  badLines: BadLine[];
}

/** Throws a `too-large` error before anything is read when the size is over the bound. */
export function checkReportSize(size: number, limit = MAX_REPORT_BYTES): void {
  if (size > limit) throw new ReportReadError({ code: 'too-large', size, limit });
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text; the side of the NULs gives the order. */
function guessUtf16(bytes: Uint8Array): ReportEncoding | undefined {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd > n / 6 && even === 0) return 'utf-16le';
  if (even > n / 6 && odd === 0) return 'utf-16be';
  return undefined;
}

/**
 * Text by BOM (UTF-8, UTF-16 LE/BE), else UTF-8 when the bytes are valid UTF-8, else UTF-16 when the NULs say so,
 * else Shift_JIS, as the portal's Excel-bound exports are.
 */
export function decodeReport(bytes: Uint8Array): { text: string; encoding: ReportEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'Shift_JIS'), encoding: 'shift_jis' };
  }
}

/** The offset just past the end of the physical line holding `from` (after its \r\n, \n or \r). */
function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * RFC 4180 records with their first line number. A record with a stray quote (inside an unquoted field, after a
 * closing quote, or never closed) is skipped from its first line to the end of that line and listed in `bad`,
 * so one broken line costs one line. A quoted field may span lines only when the record it ends still has the
 * header's column count: otherwise a stray opening quote would swallow the lines after it.
 */
export function parseCsv(text: string): { records: ReportRow[]; bad: BadLine[] } {
  const records: ReportRow[] = [];
  const bad: BadLine[] = [];
  let pos = 0;
  let line = 1;
  let width: number | undefined;
  const countLines = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
    }
    return n;
  };
  while (pos < text.length) {
    const start = pos;
    const cells: string[] = [];
    let ok = true;
    let spansLines = false;
    for (;;) {
      if (text[pos] === '"') {
        let value = '';
        let i = pos + 1;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) { ok = false; break; }
          value += text.slice(i, q);
          if (text[q + 1] === '"') { value += '"'; i = q + 2; continue; }
          i = q + 1;
          break;
        }
        if (!ok) break;
        if (/[\r\n]/.test(value)) spansLines = true;
        cells.push(value);
        pos = i;
        const c = text[pos];
        if (c !== undefined && c !== ',' && c !== '\r' && c !== '\n') { ok = false; break; }
      } else {
        let end = pos;
        while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
        const value = text.slice(pos, end);
        if (value.includes('"')) { ok = false; break; }
        cells.push(value);
        pos = end;
      }
      if (text[pos] === ',') { pos++; continue; }
      break;
    }
    if (ok && spansLines && width !== undefined && cells.length !== width) ok = false;
    if (!ok) {
      bad.push({ line, reason: 'quote' });
      pos = nextLineStart(text, start);
      line++;
      continue;
    }
    const end = nextLineStart(text, pos);
    // A blank line is no record (Excel and editors leave one at the end).
    if (!(cells.length === 1 && cells[0] === '')) {
      records.push({ line, cells });
      width ??= cells.length;
    }
    line += countLines(start, end);
    pos = end;
  }
  return { records, bad };
}

/** The profile name a report value names, or undefined for "no profile" and for anything else. */
export function profileNameOf(value: string): string | undefined {
  const v = value.trim();
  if (!v.startsWith(PROFILE_PREFIX)) return undefined;
  // The guide writes the form as `Profile...{name}`; braces around the name are dropped if present.
  const name = v.slice(PROFILE_PREFIX.length).trim().replace(/^\{(.*)\}$/, '$1').trim();
  return name || undefined;
}

/** Whether a report value says no profile was applied (the certificate needs migration path B). */
export function isNoProfile(value: string): boolean {
  return value.trim().startsWith(NO_PROFILE_PREFIX);
}

/** Reads the report's bytes; throws `ReportReadError` for what makes the whole file unusable. */
export function parseCertificateReport(bytes: Uint8Array): CertificateReport {
  checkReportSize(bytes.byteLength);
  const { text, encoding } = decodeReport(bytes);
  const { records, bad } = parseCsv(text);
  if (records.length === 0) throw new ReportReadError({ code: 'empty' });
  const columns = records[0].cells.map((c) => c.trim());
  const profileColumn = columns.indexOf(PROFILE_COLUMN);
  if (profileColumn < 0) throw new ReportReadError({ code: 'no-profile-column', columns });
  return { encoding, columns, profileColumn, rows: records.slice(1), badLines: bad };
}
