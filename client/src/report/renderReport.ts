/**
 * The certificate report's webview page: the migration status per device first (what to revoke before
 * month-end, where overwrite fails, what still needs a profile), then every certificate. Every value is
 * escaped and the page runs only its nonce'd script under the preview's strict CSP. Pure (no vscode).
 */
import { escapeHtml, webviewPage } from '../preview/render';
import type { CertificateReport } from './certificateReport';
import type { CertificateStatus, MigrationStatus, WorkspaceMatch } from './migrationStatus';

export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface ReportRenderOptions {
  nonce: string;
  cspSource: string;
  styleUri: string;
  scriptUri: string;
  /** The CSV's workspace-relative path (or file name). */
  source: string;
  t: Translate;
}

function fileLinks(files: WorkspaceMatch[]): string {
  return files.map((f) => `<a href="#" class="open" data-uri="${escapeHtml(f.uri)}">${escapeHtml(f.file)}</a>`).join(', ');
}

function verdict(m: WorkspaceMatch, t: Translate): string {
  if (m.servesNew) return m.servesLegacy ? t('serves Cisco AnyConnect and Cisco Legacy AnyConnect') : t('serves Cisco AnyConnect');
  return m.servesLegacy ? t('serves only Cisco Legacy AnyConnect: migrate it') : t('has no AnyConnect payload');
}

function table(head: string[], rows: string[][], className = ''): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  // Cells arrive as HTML already (links), so the callers escape every text they put in.
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table class="${className}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function section(id: string, title: string, explanation: string, content: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><p class="muted">${escapeHtml(explanation)}</p>${content}</section>`;
}

export function renderReport(report: CertificateReport, status: MigrationStatus, matches: Map<string, WorkspaceMatch[]>, options: ReportRenderOptions): string {
  const { t } = options;
  const deviceOf = new Map<CertificateStatus, string>();
  for (const d of status.devices) for (const c of d.certificates) deviceOf.set(c, d.id);
  const line = (c: CertificateStatus) => escapeHtml(String(c.row.line));
  const device = (c: CertificateStatus) => escapeHtml(deviceOf.get(c) ?? '');
  const files = (c: CertificateStatus) => (c.profile ? fileLinks(matches.get(c.profile) ?? []) : '');
  // Grouped by Common Name, the device column would repeat the Common Name column: it is shown once.
  const byCommonName = status.deviceColumn !== undefined && status.deviceColumn === status.commonNameColumn;
  const profileCell = (c: CertificateStatus) => escapeHtml(c.kind === 'none' ? t('(no profile)') : c.profile ?? '');
  const certHead = [t('Line'), ...(byCommonName ? [] : [status.deviceColumn ?? t('Device')]), status.commonNameColumn ?? t('Common Name'), t('Profile'), t('Workspace files')];
  const certRow = (c: CertificateStatus) => [line(c), ...(byCommonName ? [] : [device(c)]), escapeHtml(c.commonName), profileCell(c), files(c)];
  const idColumns = byCommonName ? 2 : 3;

  const out: string[] = [];
  out.push(`<h1>${escapeHtml(t('Certificate report: {0}', options.source))}</h1>`);
  out.push(`<p>${escapeHtml(t('Certificates: {0}; devices: {1}; read as {2}.', status.certificates.length, status.devices.length, report.encoding))}</p>`);
  out.push(`<p class="note month-end">${escapeHtml(t('Revoke old certificates before month-end, or both certificates are billed: {0} days left (until {1}).', status.daysToMonthEnd, status.monthEnd))}</p>`);
  if (report.badLines.length > 0) {
    out.push(`<p class="note bad-lines">${escapeHtml(t('Lines skipped as malformed (a stray or unclosed quote): {0}. The other lines were read.', report.badLines.map((b) => b.line).join(', ')))}</p>`);
  }
  if (!status.deviceColumn) {
    out.push(`<p class="note">${escapeHtml(t('The report has none of the device columns ({0}): certificates are not grouped by device. Set "mobileconfig.certificateReport.deviceColumns".', report.columns.join(', ')))}</p>`);
  } else {
    out.push(`<p class="muted">${escapeHtml(t('Devices are identified by column "{0}" (setting "mobileconfig.certificateReport.deviceColumns").', status.deviceColumn))}</p>`);
  }

  const revokeButton = status.revoke.length > 0 ? `<p><button id="save-revoke" type="button">${escapeHtml(t('Save the revoke list as CSV…'))}</button></p>` : '';
  out.push(section('revoke', t('Certificates to revoke ({0})', status.revoke.length),
    t('These devices also hold a certificate whose profile serves Cisco AnyConnect: revoke the old certificate in the portal before month-end.'),
    revokeButton + (status.revoke.length > 0 ? table(certHead, status.revoke.map(certRow)) : '')));

  const several = status.devices.filter((d) => d.several);
  out.push(section('several', t('Devices holding several certificates ({0})', several.length),
    t('"Change profile" (overwrite) fails on a device holding several certificates: migrate these by issuing a new certificate.'),
    several.length > 0 ? table([status.deviceColumn ?? t('Device'), t('Certificates'), t('Lines')],
      several.map((d) => [escapeHtml(d.id), escapeHtml(String(d.certificates.filter((c) => !c.revoked).length)), escapeHtml(d.certificates.map((c) => c.row.line).join(', '))])) : ''));

  out.push(section('path-b', t('No profile applied ({0}): migration path B', status.pathB.length),
    t('Register a profile with a Cisco AnyConnect payload, issue a new certificate with it (a different Common Name), and revoke the old certificate before month-end.'),
    // No profile, so no profile or file columns: they would be empty on every row.
    status.pathB.length > 0 ? table(certHead.slice(0, idColumns), status.pathB.map((c) => certRow(c).slice(0, idColumns))) : ''));

  out.push(section('legacy-only', t('Profile serves only Cisco Legacy AnyConnect ({0})', status.legacyOnly.length),
    t('Cisco AnyConnect does not see these certificates: migrate the profile, then issue a new certificate or change the profile.'),
    status.legacyOnly.length > 0 ? table(certHead, status.legacyOnly.map(certRow)) : ''));

  const names = [...new Set(status.certificates.map((c) => c.profile).filter((p): p is string => p !== undefined))];
  const profileRows = names.map((name) => {
    const found = matches.get(name) ?? [];
    const count = status.certificates.filter((c) => c.profile === name).length;
    const where = found.length === 0 ? escapeHtml(t('No workspace profile has this name.'))
      : found.map((m) => `${fileLinks([m])}: ${escapeHtml(verdict(m, t))}`).join('<br>');
    return [escapeHtml(name), escapeHtml(String(count)), where];
  });
  out.push(section('profiles', t('Profiles applied ({0})', names.length), t('Each profile name of the report and the workspace files that carry it.'),
    profileRows.length > 0 ? table([t('Profile'), t('Certificates'), t('Workspace files')], profileRows) : ''));

  out.push(section('all', t('All certificates ({0})', report.rows.length), t('The report as read, with its line numbers.'),
    table([t('Line'), ...report.columns], report.rows.map((r) => [escapeHtml(String(r.line)), ...report.columns.map((_, i) => escapeHtml(r.cells[i] ?? ''))]), 'all')));

  return webviewPage(options, { lang: t('en'), title: t('Certificate report: {0}', options.source), body: out.join('\n') });
}
