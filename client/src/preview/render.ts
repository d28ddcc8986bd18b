/**
 * The preview's HTML as a pure function of the server's profile summary, so it is unit-tested in plain node.
 * Every value from the profile is escaped; the page runs only the nonce'd script under a strict CSP.
 */
import type { ProfileSummary, SummaryField, SummaryPayload, SummaryProblem, SummaryVpn } from '../../../server/src/protocol';

/** Localises a message with `{0}`-style placeholders (vscode.l10n.t in the host, a plain formatter in tests). */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface RenderOptions {
  /** A fresh random value per render: the only script allowed to run carries it. */
  nonce: string;
  /** The webview's `cspSource`, allowed for the stylesheet and script files. */
  cspSource: string;
  styleUri: string;
  scriptUri: string;
  t: Translate;
  /** The file name shown when the profile has no name. */
  fileName: string;
}

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain formatter with VS Code's `{0}` syntax, for tests and for hosts without l10n. */
export const formatMessage: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));

function row(label: string, value: string | undefined, extraClass = ''): string {
  if (value === undefined || value === '') return '';
  return `<tr${extraClass ? ` class="${extraClass}"` : ''}><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function fieldsTable(fields: SummaryField[], caption: string): string {
  if (fields.length === 0) return '';
  const rows = fields.map((f) => `<tr><th scope="row"><code>${escapeHtml(f.key)}</code></th><td${f.secret ? ' class="secret"' : ''}>${escapeHtml(f.value)}</td></tr>`).join('');
  return `<table class="fields"><caption>${escapeHtml(caption)}</caption><tbody>${rows}</tbody></table>`;
}

/** The badge naming which AnyConnect app uses a VPN payload (domain/README.md, "The two iOS apps"). */
export function appBadge(app: SummaryVpn['app'], t: Translate): string {
  if (app === 'new') return `<span class="badge badge-new" data-app="new">${escapeHtml(t('Cisco AnyConnect'))}</span>`;
  if (app === 'legacy') return `<span class="badge badge-legacy" data-app="legacy">${escapeHtml(t('Cisco Legacy AnyConnect'))}</span>`;
  return `<span class="badge badge-other" data-app="none">${escapeHtml(t('Not an AnyConnect app'))}</span>`;
}

function revealLink(range: { start: { line: number; character: number } }, text: string): string {
  return `<a href="#" class="reveal" data-line="${range.start.line}" data-character="${range.start.character}">${escapeHtml(text)}</a>`;
}

function vpnSection(vpn: SummaryVpn, t: Translate): string {
  let certificate: string | undefined;
  if (vpn.certificate?.resolved) {
    certificate = vpn.certificate.isIdentity ? t('{0} (in this profile)', vpn.certificate.payloadName ?? vpn.certificate.uuid)
      : t('{0} ({1}: holds no private key)', vpn.certificate.payloadName ?? vpn.certificate.uuid, vpn.certificate.payloadType ?? '?');
  } else if (vpn.certificate) {
    certificate = t('{0}: not in this profile (the portal may inject it)', vpn.certificate.uuid);
  }
  const details = [
    row(t('Connection name'), vpn.connectionName),
    row(t('Gateway'), vpn.gateway ?? t('(missing)')),
    row(t('Group'), vpn.group),
    row(t('Authentication'), vpn.authentication),
    row(t('Certificate'), certificate, vpn.certificate && !vpn.certificate.resolved ? 'unresolved' : ''),
    row(t('VPN subtype'), vpn.subtype ?? t('(missing)')),
  ].join('');
  let onDemand = `<p class="muted">${escapeHtml(vpn.onDemand.enabled ? t('On demand: enabled') : t('On demand: off'))}</p>`;
  if (vpn.onDemand.rules.length > 0) {
    const rules = vpn.onDemand.rules.map((r, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(r.action)}</td><td>${r.conditions.map((c) => escapeHtml(c)).join('<br>') || escapeHtml(t('(always)'))}</td></tr>`).join('');
    onDemand += `<table class="on-demand"><caption>${escapeHtml(t('On-demand rules, in order'))}</caption><thead><tr><th>#</th><th>${escapeHtml(t('Action'))}</th><th>${escapeHtml(t('When'))}</th></tr></thead><tbody>${rules}</tbody></table>`;
  }
  const proxyKind = { none: t('Proxy: none'), manual: t('Proxy: manual'), automatic: t('Proxy: automatic (PAC)') }[vpn.proxies.kind];
  const proxies = `<p class="muted">${escapeHtml(proxyKind)}</p>${vpn.proxies.kind === 'none' ? '' : fieldsTable(vpn.proxies.fields, t('Proxies'))}`;
  return `<table class="details"><tbody>${details}</tbody></table>${onDemand}${proxies}`;
}

function payloadCard(p: SummaryPayload, t: Translate): string {
  const badge = p.vpn ? appBadge(p.vpn.app, t) : '';
  const header = `<header><h2>${revealLink(p.range, p.displayName)}</h2>${badge}<p class="type"><code>${escapeHtml(p.type || t('(no PayloadType)'))}</code></p></header>`;
  const body = p.vpn ? vpnSection(p.vpn, t) : '';
  return `<article class="card card-${p.kind}" data-kind="${escapeHtml(p.kind)}">${header}${body}${fieldsTable(p.fields, t('Other keys'))}</article>`;
}

function problemsSection(problems: SummaryProblem[], t: Translate): string {
  if (problems.length === 0) return `<section class="problems"><h2>${escapeHtml(t('Problems'))}</h2><p class="muted">${escapeHtml(t('No problems found.'))}</p></section>`;
  const items = problems.map((p) => `<li class="problem problem-${p.severity}"><span class="severity">${escapeHtml(t(p.severity))}</span> ${revealLink(p.range, t('Line {0}', p.range.start.line + 1))} ${escapeHtml(p.message)}${p.code ? ` <code>${escapeHtml(p.code)}</code>` : ''}</li>`).join('');
  return `<section class="problems"><h2>${escapeHtml(t('Problems ({0})', problems.length))}</h2><ul>${items}</ul></section>`;
}

function appsSummary(summary: ProfileSummary, t: Translate): string {
  const parts: string[] = [];
  if (summary.apps.new.length > 0) parts.push(`${appBadge('new', t)} ${escapeHtml(summary.apps.new.join(', '))}`);
  if (summary.apps.legacy.length > 0) parts.push(`${appBadge('legacy', t)} ${escapeHtml(summary.apps.legacy.join(', '))}`);
  if (parts.length === 0) return `<p class="apps muted">${escapeHtml(t('No VPN payload for an AnyConnect app.'))}</p>`;
  return `<p class="apps">${parts.join('<br>')}</p>`;
}

/** The whole preview document for one summary. */
export function renderPreview(summary: ProfileSummary, options: RenderOptions): string {
  const { t } = options;
  const title = summary.name || options.fileName;
  const removal = summary.removal.hasPassword ? t('Removal needs a password')
    : summary.removal.disallowed ? t('Users cannot remove it') : t('Users can remove it');
  const header = [
    row(t('Identifier'), summary.identifier),
    row(t('Organization'), summary.organization),
    row(t('Description'), summary.description),
    row(t('Removal'), removal),
    row(t('Removal date or duration'), summary.removal.expiration),
    row(t('Payloads'), String(summary.payloads.length)),
    row(t('Secrets in clear text'), summary.secrets.join(', '), summary.secrets.length > 0 ? 'warning' : ''),
  ].join('');
  const notes: string[] = [];
  if (summary.container === 'signed') notes.push(t('This profile is signed. The portal needs it unsigned: use "Export for portal upload". The signature is not verified.'));
  if (!summary.isProfile) notes.push(t('This is not a configuration profile (no top-level PayloadType Configuration).'));
  const noteHtml = notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const body = `<header class="profile"><h1>${escapeHtml(title)}</h1>${noteHtml}${appsSummary(summary, t)}<table class="details"><tbody>${header}</tbody></table></header>`
    + problemsSection(summary.problems, t)
    + `<section class="payloads">${summary.payloads.map((p) => payloadCard(p, t)).join('')}</section>`;
  return webviewPage(options, { lang: t('en'), title, body, bodyAttributes: ` data-version="${summary.version}"`, images: true });
}

/**
 * A webview page under the strict CSP every page of the extension uses: nothing loads but the webview's own
 * stylesheet (and images, when asked), and only the nonce'd script runs. `body` is HTML its caller escaped.
 */
export function webviewPage(options: Pick<RenderOptions, 'nonce' | 'cspSource' | 'styleUri' | 'scriptUri'>,
  page: { lang: string; title: string; body: string; bodyAttributes?: string; images?: boolean }): string {
  const csp = [
    "default-src 'none'",
    `style-src ${options.cspSource}`,
    `script-src 'nonce-${options.nonce}'`,
    ...(page.images ? [`img-src ${options.cspSource}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body${page.bodyAttributes ?? ''}>
${page.body}
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** What the preview shows when there is nothing to summarise (no profile editor, or the server not ready). */
export function renderEmpty(message: string, options: Pick<RenderOptions, 'cspSource' | 'styleUri'>): string {
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(options.cspSource)}"><link rel="stylesheet" href="${escapeHtml(options.styleUri)}"></head><body><p class="muted">${escapeHtml(message)}</p></body></html>`;
}
