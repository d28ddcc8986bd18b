/**
 * Export for portal upload: the profile rewritten as canonical, unsigned UTF-8 XML (Apple's declaration and
 * DOCTYPE, tab indentation, LF, no comments) plus what it contains. Portals want it unsigned (domain/README.md, "The portal").
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { getString } from '../model/tree';
import type { DictNode, ParseResult, PlistNode, ServiceSettings } from '../types';
import { dataText, messageText, secretLabels } from './summary';
import { escapeXml } from '../edits';
import { refusesExport } from '../parser/messages';

export const PLIST_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
  + '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
  + '<plist version="1.0">\n';

/** What an export contains, for the report the client shows after writing. */
export interface ExportReport {
  profileName: string | undefined;
  payloadCount: number;
  /** Which AnyConnect apps the VPN payloads serve. */
  apps: { new: boolean; legacy: boolean };
  /** Key paths holding secrets in clear text (the exported file carries them as they are). */
  secrets: string[];
  /** The source was CMS-signed; the export is its embedded plist, unsigned. */
  wasSigned: boolean;
}

export type ExportOutcome =
  | { ok: true; text: string; fileName: string; report: ExportReport }
  | { ok: false; reason: 'errors' | 'not-a-profile'; errors: { message: string; code: string | undefined; line: number }[] };


/** Base64 wrapped like Apple's own writer: 52 characters a line, indented one level deeper than the tag. */
function writeData(base64: string, indent: string): string {
  if (base64.length <= 52) return `${indent}<data>${base64}</data>\n`;
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 52) lines.push(`${indent}${base64.slice(i, i + 52)}`);
  return `${indent}<data>\n${lines.join('\n')}\n${indent}</data>\n`;
}

function writeNode(text: string, node: PlistNode, depth: number, out: string[]): void {
  const indent = '\t'.repeat(depth);
  switch (node.kind) {
    case 'dict': {
      const entries = node.entries.filter((e) => e.key && e.value);
      if (entries.length === 0) { out.push(`${indent}<dict/>\n`); return; }
      out.push(`${indent}<dict>\n`);
      for (const e of entries) {
        out.push(`${indent}\t<key>${escapeXml(e.key!.name)}</key>\n`);
        writeNode(text, e.value!, depth + 1, out);
      }
      out.push(`${indent}</dict>\n`);
      return;
    }
    case 'array':
      if (node.items.length === 0) { out.push(`${indent}<array/>\n`); return; }
      out.push(`${indent}<array>\n`);
      for (const item of node.items) writeNode(text, item, depth + 1, out);
      out.push(`${indent}</array>\n`);
      return;
    case 'bool':
      out.push(`${indent}<${node.value ? 'true' : 'false'}/>\n`);
      return;
    case 'data':
      out.push(writeData(dataText(text, node), indent));
      return;
    case 'string':
      out.push(`${indent}<string>${escapeXml(node.value)}</string>\n`);
      return;
    case 'integer':
    case 'real':
    case 'date':
      out.push(`${indent}<${node.kind}>${escapeXml(node.value.trim())}</${node.kind}>\n`);
      return;
    default:
      // An unknown element never reaches here: export refuses documents with parse errors first.
      return;
  }
}

/** The canonical text of a parsed plist. `text` is the document text the parse's offsets point into. */
export function canonicalPlist(text: string, root: PlistNode): string {
  const out: string[] = [PLIST_HEADER];
  writeNode(text, root, 0, out);
  out.push('</plist>\n');
  return out.join('');
}

/**
 * At most this many UTF-8 bytes for the whole export name. File systems count bytes (255 on ext4, APFS counts
 * UTF-8 too), and a writer's temp name beside it must fit as well; a Japanese character takes three bytes.
 */
export const MAX_EXPORT_NAME_BYTES = 200;

const EXTENSION = '.mobileconfig';

/** Characters Windows, macOS or Linux refuse in a name (C0, DEL, C1 controls and the Windows set) become `_`. */
const REFUSED = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;

/**
 * Invisible characters that make a name read other than it is: bidirectional embeddings, overrides and isolates
 * (U+202E turns `gpj.mobileconfig` around), marks, zero-width spaces and joiners, the BOM. They are dropped.
 */
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Windows' reserved device names: the part before the first dot counts (`NUL.txt` is the device too), trailing
 * spaces are ignored, and the superscript digits ¹²³ count as digits for COM and LPT.
 */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

function isReserved(base: string): boolean {
  return RESERVED.test(base.split('.')[0].trimEnd());
}

/** `s` cut to at most `max` UTF-8 bytes, at a grapheme boundary, so no character or emoji is split. */
function cutToBytes(s: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(s).length <= max) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)) {
    const size = encoder.encode(segment).length;
    if (bytes + size > max) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/**
 * A file name for `export/<profile name>.mobileconfig`: refused characters become `_`, invisible ones are dropped,
 * the name fits in MAX_EXPORT_NAME_BYTES, and a name that is empty or reserved falls back to the source file's
 * base name, then to `profile`.
 */
export function exportFileName(profileName: string | undefined, fallback: string): string {
  const budget = MAX_EXPORT_NAME_BYTES - EXTENSION.length;
  // Dots and spaces at either end are trimmed after the cut too: Windows drops a trailing one, and a leading dot hides the file.
  const trim = (s: string) => s.replace(/^[. ]+|[. ]+$/g, '');
  const clean = (s: string) => trim(cutToBytes(trim(s.replace(INVISIBLE, '').replace(REFUSED, '_').replace(/\s+/g, ' ')), budget));
  const candidates = [clean(profileName ?? ''), clean(fallback.replace(/\.mobileconfig$/i, ''))];
  const base = candidates.find((c) => c !== '' && !isReserved(c)) ?? 'profile';
  return `${base}${EXTENSION}`;
}

/**
 * Decides and builds an export: refuses when `diagnostics` (validated in portal mode by the caller) hold an
 * error, or when the text is not a configuration profile. A signed profile's `profile-signed` error does not
 * block: the export is exactly what removes the signature. `wasSigned` says the text was already extracted from one.
 */
export function buildExport(model: ProfileModel, diagnostics: Diagnostic[], fallbackName: string, wasSigned = false): ExportOutcome {
  const { text, parse } = model;
  const errors = diagnostics
    .filter((d) => (d.severity === 1 || refusesExport(d.data)) && !(parse.container === 'signed' && d.code === 'profile-signed'))
    .map((d) => ({ message: messageText(d), code: d.code === undefined ? undefined : String(d.code), line: d.range.start.line + 1 }));
  const top: DictNode | undefined = model.top;
  if (!parse.root || !top || getString(top, 'PayloadType') !== 'Configuration') {
    return { ok: false, reason: errors.length > 0 ? 'errors' : 'not-a-profile', errors };
  }
  if (errors.length > 0) return { ok: false, reason: 'errors', errors };
  const vpns = model.vpnPayloads;
  const profileName = model.profileName;
  return {
    ok: true,
    text: canonicalPlist(text, parse.root),
    fileName: exportFileName(profileName, fallbackName),
    report: {
      profileName,
      payloadCount: model.payloads.length,
      apps: { new: vpns.some((v) => v.app === 'new'), legacy: vpns.some((v) => v.app === 'legacy') },
      secrets: secretLabels(model),
      wasSigned: wasSigned || parse.container === 'signed',
    },
  };
}
