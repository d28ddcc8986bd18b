/**
 * The portal's certificate report (CSV, UTF-8 or Shift_JIS): which certificates have no profile applied (they
 * need migration path B) and which profile each other one uses (domain/README.md, "Migration paths").
 * Pure (no vscode), so it is unit-tested in plain node.
 */
import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';

export const PROFILE_COLUMN = '構成プロファイル名';
export const NO_PROFILE_PREFIX = 'RA operated by KDDI Corporation';
const PROFILE_PREFIX = 'Profile...';

export interface CertificateReport {
  encoding: 'utf-8' | 'shift_jis';
  columns: string[];
  profileColumn: number;
  /** Rows whose profile value starts with `RA operated by KDDI Corporation`: no profile applied. */
  unapplied: string[][];
  /** Rows per applied profile name, in first-seen order. */
  byProfile: Map<string, string[][]>;
  /** Rows whose profile value matches neither form (shown as they are). */
  other: string[][];
}

/** What the workspace knows of a profile name: the files that carry it and whether each serves the new app. */
export interface WorkspaceMatch {
  file: string;
  servesNew: boolean;
  servesLegacy: boolean;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else Shift_JIS, as the portal's Excel-bound exports are. */
export function decodeReport(bytes: Uint8Array): { text: string; encoding: CertificateReport['encoding'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'Shift_JIS'), encoding: 'shift_jis' };
  }
}

/** The profile name a report value names, or undefined for "no profile" and for anything else. */
export function profileNameOf(value: string): string | undefined {
  const v = value.trim();
  if (!v.startsWith(PROFILE_PREFIX)) return undefined;
  // The guide writes the form as `Profile...{name}`; braces around the name are dropped if present.
  const name = v.slice(PROFILE_PREFIX.length).trim().replace(/^\{(.*)\}$/, '$1').trim();
  return name || undefined;
}

export function parseCertificateReport(bytes: Uint8Array): CertificateReport {
  const { text, encoding } = decodeReport(bytes);
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false, bom: true }) as string[][];
  if (records.length === 0) throw new Error('The CSV file is empty.');
  const columns = records[0].map((c) => c.trim());
  const profileColumn = columns.indexOf(PROFILE_COLUMN);
  if (profileColumn < 0) throw new Error(`No column "${PROFILE_COLUMN}" in the CSV header (${columns.join(', ')}).`);
  const report: CertificateReport = { encoding, columns, profileColumn, unapplied: [], byProfile: new Map(), other: [] };
  for (const row of records.slice(1)) {
    const value = (row[profileColumn] ?? '').trim();
    const name = profileNameOf(value);
    if (value.startsWith(NO_PROFILE_PREFIX)) report.unapplied.push(row);
    else if (name !== undefined) {
      const rows = report.byProfile.get(name);
      if (rows) rows.push(row);
      else report.byProfile.set(name, [row]);
    } else report.other.push(row);
  }
  return report;
}

/** Escapes text for a Markdown table cell: no HTML, no emphasis, no links, no line breaks, no column splits. */
export function escapeMarkdown(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function table(columns: string[], rows: string[][]): string {
  const head = `| ${columns.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${columns.map(() => ' --- ').join('|')}|`;
  const body = rows.map((r) => `| ${columns.map((_, i) => escapeMarkdown(r[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export type Translate = (message: string, ...args: (string | number)[]) => string;

/** The report as a Markdown document; `matches` maps each profile name to the workspace files carrying it. */
export function renderReportMarkdown(report: CertificateReport, matches: Map<string, WorkspaceMatch[]>, source: string, t: Translate): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(t('Certificate report: {0}', source))}`, '');
  out.push(escapeMarkdown(t('{0} certificates; encoding {1}; {2} without a profile; {3} profiles applied.',
    report.unapplied.length + report.other.length + [...report.byProfile.values()].reduce((n, r) => n + r.length, 0),
    report.encoding, report.unapplied.length, report.byProfile.size)), '');
  out.push(`## ${escapeMarkdown(t('No profile applied ({0}): migration path B', report.unapplied.length))}`, '');
  out.push(escapeMarkdown(t('Register a profile with a Cisco AnyConnect payload, issue a new certificate with it (a different Common Name), and revoke the old certificate before month-end.')), '');
  if (report.unapplied.length > 0) out.push(table(report.columns, report.unapplied), '');
  for (const [name, rows] of report.byProfile) {
    out.push(`## ${escapeMarkdown(t('Profile "{0}" ({1})', name, rows.length))}`, '');
    const found = matches.get(name) ?? [];
    if (found.length === 0) out.push(escapeMarkdown(t('No workspace profile has this name.')), '');
    for (const m of found) {
      const verdict = m.servesNew ? (m.servesLegacy ? t('serves Cisco AnyConnect and Cisco Legacy AnyConnect') : t('serves Cisco AnyConnect'))
        : m.servesLegacy ? t('serves only Cisco Legacy AnyConnect: migrate it') : t('has no AnyConnect payload');
      out.push(`- ${escapeMarkdown(t('{0}: {1}', m.file, verdict))}`);
    }
    if (found.length > 0) out.push('');
    out.push(table(report.columns, rows), '');
  }
  if (report.other.length > 0) {
    out.push(`## ${escapeMarkdown(t('Other values in {0} ({1})', PROFILE_COLUMN, report.other.length))}`, '', table(report.columns, report.other), '');
  }
  return out.join('\n');
}
