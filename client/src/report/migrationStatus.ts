/**
 * The migration status the carrier's guide asks for, per device, from the certificate report and what the server
 * says each workspace profile serves (domain/README.md, "Migration paths" and "The portal"): certificates still
 * without a profile (path B), certificates whose profile serves only the legacy app, devices holding an old and a
 * new certificate (revoke the old one before month-end, or both are billed), and devices holding several
 * certificates ("change profile" fails there by the CA's design: issue a new certificate instead). Pure.
 */
import { CertificateReport, isNoProfile, profileNameOf, ReportRow } from './certificateReport';

/** What the workspace knows of a profile name: the files that carry it and the apps each one serves. */
export interface WorkspaceMatch {
  /** Workspace-relative path, for display. */
  file: string;
  /** The file's URI, for links. */
  uri: string;
  servesNew: boolean;
  servesLegacy: boolean;
}

/** Which report columns to read; each list is tried in order, compared without case and spaces. */
export interface StatusColumns {
  device: string[];
  commonName: string[];
  status: string[];
}

export const DEFAULT_COLUMNS: StatusColumns = {
  // The guide's issuance form names the device by AuthID (type IMEI); Common Name is the fallback, one per certificate.
  device: ['AuthID', 'IMEI', 'Common Name'],
  commonName: ['Common Name', 'CommonName', 'コモンネーム', 'CN'],
  status: ['状態', 'ステータス', 'Status'],
};

/**
 * What a certificate's profile does for the migration:
 * `none` no profile applied (path B); `legacy-only` a profile that serves only Cisco Legacy AnyConnect;
 * `new` a profile that serves Cisco AnyConnect; `unknown` a profile name no workspace file carries;
 * `no-vpn` a workspace profile with no AnyConnect payload; `other` a value of neither documented form.
 */
export type CertificateKind = 'none' | 'legacy-only' | 'new' | 'unknown' | 'no-vpn' | 'other';

export interface CertificateStatus {
  row: ReportRow;
  commonName: string;
  profile: string | undefined;
  kind: CertificateKind;
  /** The status column says revoked (失効): the certificate is neither billed nor to be revoked again. */
  revoked: boolean;
}

export interface DeviceStatus {
  id: string;
  certificates: CertificateStatus[];
  /** Active certificates to revoke: the device also holds an active certificate whose profile serves the new app. */
  revoke: CertificateStatus[];
  /** Two or more active certificates: "change profile" (overwrite) fails, so migrate by new issuance. */
  several: boolean;
}

export interface MigrationStatus {
  /** The column devices are grouped by, or undefined when the report has none of the configured ones. */
  deviceColumn: string | undefined;
  commonNameColumn: string | undefined;
  statusColumn: string | undefined;
  certificates: CertificateStatus[];
  devices: DeviceStatus[];
  /** Active certificates without a profile: migration path B. */
  pathB: CertificateStatus[];
  /** Active certificates whose profile serves only the legacy app. */
  legacyOnly: CertificateStatus[];
  /** Every certificate of `devices[].revoke`, in report order. */
  revoke: CertificateStatus[];
  /** Whole days from `today` to the last day of its month (0 on that day). */
  daysToMonthEnd: number;
  /** The last day of the month, as YYYY-MM-DD. */
  monthEnd: string;
}

const normalise = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The first of `names` the report has as a column (index and its own spelling). */
export function findColumn(columns: string[], names: string[]): { index: number; name: string } | undefined {
  const have = columns.map(normalise);
  for (const name of names) {
    const index = have.indexOf(normalise(name));
    if (index >= 0) return { index, name: columns[index] };
  }
  return undefined;
}

function isRevoked(value: string): boolean {
  return /失効|revoked/i.test(value);
}

function kindOf(value: string, matches: Map<string, WorkspaceMatch[]>): { kind: CertificateKind; profile?: string } {
  if (isNoProfile(value)) return { kind: 'none' };
  const profile = profileNameOf(value);
  if (profile === undefined) return { kind: 'other' };
  const files = matches.get(profile) ?? [];
  if (files.length === 0) return { kind: 'unknown', profile };
  // A name several files carry serves the new app if any of them does: the portal keeps one, the user knows which.
  if (files.some((f) => f.servesNew)) return { kind: 'new', profile };
  if (files.some((f) => f.servesLegacy)) return { kind: 'legacy-only', profile };
  return { kind: 'no-vpn', profile };
}

/** Days left in `today`'s month and its last day, in local time (the portal's month is the administrator's). */
export function monthEnd(today: Date): { days: number; date: string } {
  const last = new Date(today.getFullYear(), today.getMonth() + 1, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { days: last.getDate() - today.getDate(), date: `${last.getFullYear()}-${pad(last.getMonth() + 1)}-${pad(last.getDate())}` };
}

export function analyzeMigration(report: CertificateReport, matches: Map<string, WorkspaceMatch[]>, columns: StatusColumns, today: Date): MigrationStatus {
  const device = findColumn(report.columns, columns.device);
  const cn = findColumn(report.columns, columns.commonName);
  const status = findColumn(report.columns, columns.status);
  const cell = (row: ReportRow, index: number | undefined) => (index === undefined ? '' : (row.cells[index] ?? '').trim());
  const certificates: CertificateStatus[] = report.rows.map((row) => {
    const { kind, profile } = kindOf(cell(row, report.profileColumn), matches);
    return { row, commonName: cell(row, cn?.index), kind, profile, revoked: status ? isRevoked(cell(row, status.index)) : false };
  });
  const byDevice = new Map<string, CertificateStatus[]>();
  if (device) {
    for (const c of certificates) {
      const id = cell(c.row, device.index);
      // A row without an identifier belongs to no device: grouping all of them would invent one.
      if (!id) continue;
      const list = byDevice.get(id);
      if (list) list.push(c);
      else byDevice.set(id, [c]);
    }
  }
  const devices: DeviceStatus[] = [...byDevice].map(([id, list]) => {
    const active = list.filter((c) => !c.revoked);
    const hasNew = active.some((c) => c.kind === 'new');
    return { id, certificates: list, revoke: hasNew ? active.filter((c) => c.kind !== 'new') : [], several: active.length > 1 };
  });
  const active = certificates.filter((c) => !c.revoked);
  const revokeSet = new Set(devices.flatMap((d) => d.revoke));
  const end = monthEnd(today);
  return {
    deviceColumn: device?.name,
    commonNameColumn: cn?.name,
    statusColumn: status?.name,
    certificates,
    devices,
    pathB: active.filter((c) => c.kind === 'none'),
    legacyOnly: active.filter((c) => c.kind === 'legacy-only'),
    revoke: certificates.filter((c) => revokeSet.has(c)),
    daysToMonthEnd: end.days,
    monthEnd: end.date,
  };
}

/** One CSV field: quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet shows it as text. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The revoke list as CSV (UTF-8 with a BOM, which Excel needs to read it as UTF-8): the report's own columns of
 * each certificate to revoke, after its device and its line in the report.
 */
export function revokeListCsv(report: CertificateReport, status: MigrationStatus, labels: { device: string; line: string }): string {
  const head = [labels.device, labels.line, ...report.columns];
  const lines = [head, ...status.devices.flatMap((d) => d.revoke.map((c) => [d.id, String(c.row.line), ...report.columns.map((_, i) => c.row.cells[i] ?? '')]))];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
