/**
 * The `mobileconfig.analyzeCertificateReport` command: reads the portal's certificate CSV, asks the server
 * for each workspace profile's name and apps (the client parses no plist), and opens the report as Markdown.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProfileSummary, ProfileSummaryParams, ProfileSummaryRequest } from '../../../server/src/protocol';
import { readProfileSource } from '../profileSource';
import { parseCertificateReport, renderReportMarkdown, WorkspaceMatch } from './certificateReport';

const MAX_PROFILES = 2000;

async function workspaceProfiles(client: LanguageClient): Promise<Map<string, WorkspaceMatch[]>> {
  const byName = new Map<string, WorkspaceMatch[]>();
  // Exports are copies of their sources and would list every profile twice.
  const files = await vscode.workspace.findFiles('**/*.mobileconfig', '{**/node_modules/**,**/export/**}', MAX_PROFILES);
  for (const file of files) {
    const source = await readProfileSource(client, file);
    if (!source.ok) continue;
    const summary = await client.sendRequest<ProfileSummary | null>(ProfileSummaryRequest, { uri: file.toString(), text: source.text } satisfies ProfileSummaryParams);
    const name = summary?.name?.trim();
    if (!summary || !name) continue;
    const match = { file: vscode.workspace.asRelativePath(file), servesNew: summary.apps.new.length > 0, servesLegacy: summary.apps.legacy.length > 0 };
    const list = byName.get(name);
    if (list) list.push(match);
    else byName.set(name, [match]);
  }
  return byName;
}

/** Returns the Markdown document it opened (undefined when the user cancelled the file dialog). */
export async function analyzeCertificateReport(client: LanguageClient, csv?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const uri = csv ?? (await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: vscode.l10n.t('Analyze'), title: vscode.l10n.t('Certificate report (CSV) from the portal'),
    filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
  }))?.[0];
  if (!uri) return undefined;
  let markdown: string;
  try {
    const report = parseCertificateReport(await vscode.workspace.fs.readFile(uri));
    const matches = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading workspace profiles') }, () => workspaceProfiles(client));
    markdown = renderReportMarkdown(report, matches, vscode.workspace.asRelativePath(uri), vscode.l10n.t);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The certificate report could not be read: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri).then(undefined, () => undefined);
  return document;
}
