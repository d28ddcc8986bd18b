/**
 * The `mobileconfig.analyzeCertificateReport` command: reads the portal's certificate CSV (bounded, with
 * progress), asks the server for each workspace profile's name and apps (the client parses no plist), and shows
 * the migration status in a read-only webview, built afresh on every run. Closing it never asks to save.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProfileSummary, ProfileSummaryParams, ProfileSummaryRequest, SETTINGS_SECTION } from '../../../server/src/protocol';
import { readProfileSource } from '../profileSource';
import { checkReportSize, parseCertificateReport, ReportError, ReportReadError } from './certificateReport';
import { analyzeMigration, DEFAULT_COLUMNS, MigrationStatus, revokeListCsv, StatusColumns, WorkspaceMatch } from './migrationStatus';
import { renderReport } from './renderReport';

const MAX_PROFILES = 2000;

/** What the last run showed (integration tests read it). */
export interface ReportState {
  status: MigrationStatus;
  html: string;
  source: string;
}

async function workspaceProfiles(client: LanguageClient, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Map<string, WorkspaceMatch[]>> {
  const byName = new Map<string, WorkspaceMatch[]>();
  // Exports are copies of their sources and would list every profile twice.
  const files = await vscode.workspace.findFiles('**/*.mobileconfig', '{**/node_modules/**,**/export/**}', MAX_PROFILES, token);
  let done = 0;
  for (const file of files) {
    if (token.isCancellationRequested) break;
    progress.report({ message: vscode.l10n.t('Reading workspace profiles ({0}/{1})', ++done, files.length), increment: 50 / Math.max(files.length, 1) });
    const source = await readProfileSource(client, file);
    if (!source.ok) continue;
    const summary = await client.sendRequest<ProfileSummary | null>(ProfileSummaryRequest, { uri: file.toString(), text: source.text } satisfies ProfileSummaryParams);
    const name = summary?.name?.trim();
    if (!summary || !name) continue;
    const match = { file: vscode.workspace.asRelativePath(file), uri: file.toString(), servesNew: summary.apps.new.length > 0, servesLegacy: summary.apps.legacy.length > 0 };
    const list = byName.get(name);
    if (list) list.push(match);
    else byName.set(name, [match]);
  }
  return byName;
}

/** The column names from `mobileconfig.certificateReport.*`; an empty or invalid list falls back to the default. */
function statusColumns(uri: vscode.Uri): StatusColumns {
  const config = vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.certificateReport`, uri);
  const list = (key: string, fallback: string[]) => {
    const value = config.get<unknown>(key);
    return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? value as string[] : fallback;
  };
  return { device: list('deviceColumns', DEFAULT_COLUMNS.device), commonName: list('commonNameColumns', DEFAULT_COLUMNS.commonName), status: list('statusColumns', DEFAULT_COLUMNS.status) };
}

function describeError(error: ReportError): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  switch (error.code) {
    case 'too-large': return vscode.l10n.t('The file is {0} MB; certificate reports up to {1} MB are read. Is it the portal\'s certificate report? Split it if it is.', mb(error.size), mb(error.limit));
    case 'empty': return vscode.l10n.t('The CSV file is empty.');
    case 'no-profile-column': return vscode.l10n.t('No column "{0}" in the CSV header ({1}).', '構成プロファイル名', error.columns.join(', '));
  }
}

/** One report view at a time; a new run replaces it, so nothing from an earlier run is ever shown. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: ReportState | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {}

  getState(): ReportState | undefined {
    return this.state;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  /** Returns what it showed, or undefined when cancelled or when the file could not be read (the error is shown). */
  async analyze(csv?: vscode.Uri): Promise<ReportState | undefined> {
    const uri = csv ?? (await vscode.window.showOpenDialog({
      canSelectMany: false, openLabel: vscode.l10n.t('Analyze'), title: vscode.l10n.t('Certificate report (CSV) from the portal'),
      filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    }))?.[0];
    if (!uri) return undefined;
    const source = vscode.workspace.asRelativePath(uri);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Certificate report: {0}', source), cancellable: true }, async (progress, token) => {
        progress.report({ message: vscode.l10n.t('Reading the CSV file') });
        // The size is checked before the bytes are read: a huge file is refused without loading it.
        checkReportSize((await vscode.workspace.fs.stat(uri)).size);
        const report = parseCertificateReport(await vscode.workspace.fs.readFile(uri));
        const matches = await workspaceProfiles(this.client, progress, token);
        if (token.isCancellationRequested) return undefined;
        const status = analyzeMigration(report, matches, statusColumns(uri), new Date());
        this.show(report, status, matches, source, uri);
        return this.state;
      });
    } catch (error) {
      const message = error instanceof ReportReadError ? describeError(error.detail) : error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('The certificate report {0} could not be read: {1}', source, message));
      return undefined;
    }
  }

  private show(report: Parameters<typeof renderReport>[0], status: MigrationStatus, matches: Map<string, WorkspaceMatch[]>, source: string, csv: vscode.Uri): void {
    this.panel?.dispose();
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('mobileconfig.certificateReport', vscode.l10n.t('Certificate report: {0}', source), vscode.ViewColumn.Active,
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] });
    this.panel = panel;
    const webview = panel.webview;
    const html = renderReport(report, status, matches, {
      nonce: randomBytes(16).toString('base64'), cspSource: webview.cspSource, source, t: vscode.l10n.t,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
    });
    webview.html = html;
    this.state = { status, html, source };
    // Only files the report itself linked may be opened: the page's messages are not trusted further.
    const linked = new Set([...matches.values()].flat().map((m) => m.uri));
    webview.onDidReceiveMessage(async (message: { type?: string; uri?: unknown }) => {
      if (message.type === 'open' && typeof message.uri === 'string' && linked.has(message.uri)) {
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.Beside });
      } else if (message.type === 'saveRevokeList') {
        await saveRevokeList(csv, revokeListCsv(report, status, { device: status.deviceColumn ?? vscode.l10n.t('Device'), line: vscode.l10n.t('Line in the report') }));
      }
    });
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; });
  }
}

/** Asks where to write the revoke list (default: beside the report) and writes it; says where it went. */
export async function saveRevokeList(csv: vscode.Uri, text: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const base = csv.path.replace(/\.csv$/i, '');
  const uri = target ?? await vscode.window.showSaveDialog({
    defaultUri: csv.with({ path: `${base}-revoke.csv` }), filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    saveLabel: vscode.l10n.t('Save'), title: vscode.l10n.t('Save the revoke list'),
  });
  if (!uri) return undefined;
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The revoke list could not be saved to {0}: {1}', uri.fsPath, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Revoke list saved: {0}', vscode.workspace.asRelativePath(uri)));
  return uri;
}
