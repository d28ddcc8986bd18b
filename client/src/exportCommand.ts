/**
 * Export for portal upload: asks the server for the canonical unsigned text (validated in portal mode) and
 * writes it to `export/<profile name>.mobileconfig` beside the source, atomically and safely (writeExport), never over the source.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportOutcome, ExportProfileParams, ExportProfileRequest, ExportReport } from '../../server/src/protocol';
import { isSameFile, replaceFileSafely, WriteRefused } from '../../server/src/safeWrite';
import { readProfileSource } from './profileSource';

export interface ExportResult {
  source: string;
  status: 'written' | 'refused' | 'skipped' | 'failed';
  /** The written file (status `written`). */
  target?: string;
  report?: ExportReport;
  errors?: { message: string; code: string | undefined; line: number }[];
  /** Why it failed or was refused; for `written`, a note (the target was a symbolic link). */
  message?: string;
}

/** Describes a written export in one sentence: payloads, apps covered, secrets (domain/README.md, "The portal"). */
export function describeReport(report: ExportReport): string {
  const apps = [report.apps.new ? vscode.l10n.t('Cisco AnyConnect') : '', report.apps.legacy ? vscode.l10n.t('Cisco Legacy AnyConnect') : ''].filter(Boolean).join(' + ')
    || vscode.l10n.t('no AnyConnect app');
  const secrets = report.secrets.length > 0 ? vscode.l10n.t('secrets in clear text: {0}', report.secrets.join(', ')) : vscode.l10n.t('no secrets');
  const signed = report.wasSigned ? ` ${vscode.l10n.t('The signature was removed.')}` : '';
  return vscode.l10n.t('{0} payload(s); apps: {1}; {2}.', report.payloadCount, apps, secrets) + signed;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The user's words for a file the export will not replace, and why. */
function refusalMessage(error: WriteRefused, target: vscode.Uri): string {
  const name = vscode.workspace.asRelativePath(target);
  switch (error.reason) {
    case 'read-only': return vscode.l10n.t('{0} is read-only: it was not replaced.', name);
    case 'hard-linked': return vscode.l10n.t('{0} has {1} hard links, and replacing it would split them: it was not replaced. Remove the other links, or move it away.', name, error.links);
    default: return vscode.l10n.t('{0} is not a regular file: it was not replaced.', name);
  }
}

/**
 * Writes the export so a reader never sees half a file. On disk, through replaceFileSafely: an exclusive temp file
 * beside the real target, the mode kept, a symbolic link's target written, read-only and hard-linked files refused.
 * Returns a note for the user when the target was a link.
 */
async function writeExport(target: vscode.Uri, text: string): Promise<string | undefined> {
  const folder = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.createDirectory(folder);
  const data = Buffer.from(text, 'utf8');
  if (target.scheme === 'file') {
    try {
      const outcome = replaceFileSafely(target.fsPath, data, { mayCreate: true });
      return outcome.throughLink ? vscode.l10n.t('{0} is a symbolic link: its target {1} was written.', vscode.workspace.asRelativePath(target), outcome.written) : undefined;
    } catch (error) {
      throw error instanceof WriteRefused ? new Error(refusalMessage(error, target)) : error;
    }
  }
  // Other file systems (a virtual workspace) have no links or modes to keep: an unguessable temp name, then a rename.
  const temp = vscode.Uri.joinPath(folder, `.mobileconfig-${randomBytes(8).toString('hex')}.tmp`);
  await vscode.workspace.fs.writeFile(temp, data);
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
  return undefined;
}

async function exportOne(client: LanguageClient, uri: vscode.Uri): Promise<ExportResult> {
  const source = await readProfileSource(client, uri);
  if (!source.ok) return { source: uri.toString(), status: 'failed', message: source.error };
  if (source.uri.scheme === 'untitled') return { source: uri.toString(), status: 'failed', message: vscode.l10n.t('Save the profile first: the export goes next to it.') };
  const outcome = await client.sendRequest<ExportOutcome>(ExportProfileRequest, { uri: source.uri.toString(), text: source.text, wasSigned: source.signed } satisfies ExportProfileParams);
  if (!outcome.ok) {
    const message = outcome.reason === 'not-a-profile' ? vscode.l10n.t('This is not a configuration profile.') : vscode.l10n.t('{0} error(s) in portal mode.', outcome.errors.length);
    return { source: source.uri.toString(), status: 'refused', errors: outcome.errors, message };
  }
  const target = vscode.Uri.joinPath(source.uri, '..', 'export', outcome.fileName);
  // A link (or the same name) in the export folder pointing at the source would make the export overwrite it.
  if (target.toString() === source.uri.toString() || (target.scheme === 'file' && source.uri.scheme === 'file' && isSameFile(target.fsPath, source.uri.fsPath))) {
    return { source: source.uri.toString(), status: 'failed', message: vscode.l10n.t('The export would replace its own source; move the source out of the export folder.') };
  }
  if (await exists(target)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', vscode.workspace.asRelativePath(target)), { modal: true }, replace);
    if (answer !== replace) return { source: source.uri.toString(), status: 'skipped', target: target.toString() };
  }
  const note = await writeExport(target, outcome.text);
  return { source: source.uri.toString(), status: 'written', target: target.toString(), report: outcome.report, message: note };
}

function showProblems(source: string): void {
  void vscode.window.showTextDocument(vscode.Uri.parse(source)).then(() => vscode.commands.executeCommand('workbench.actions.view.problems'));
}

/**
 * Exports every uri; one file reports directly, several run with progress and report once at the end.
 * Messages are not awaited, so the command returns its results at once (tests read them).
 */
export async function exportProfiles(client: LanguageClient, uris: vscode.Uri[]): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  const run = async (uri: vscode.Uri) => {
    try {
      results.push(await exportOne(client, uri));
    } catch (error) {
      results.push({ source: uri.toString(), status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  if (uris.length === 1) {
    await run(uris[0]);
  } else {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting profiles for portal upload'), cancellable: true }, async (progress, token) => {
      for (const [i, uri] of uris.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        await run(uri);
      }
    });
  }
  report(results);
  return results;
}

function report(results: ExportResult[]): void {
  const showProblemsLabel = vscode.l10n.t('Show problems');
  const openLabel = vscode.l10n.t('Open export');
  if (results.length === 1) {
    const [r] = results;
    const name = vscode.workspace.asRelativePath(vscode.Uri.parse(r.source));
    if (r.status === 'written') {
      const note = r.message ? ` ${r.message}` : '';
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} to {1}: {2}', name, vscode.workspace.asRelativePath(vscode.Uri.parse(r.target!)), describeReport(r.report!)) + note, openLabel)
        .then((choice) => { if (choice === openLabel) void vscode.window.showTextDocument(vscode.Uri.parse(r.target!)); });
    } else if (r.status === 'refused') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}: {1}', name, r.message ?? ''), showProblemsLabel)
        .then((choice) => { if (choice === showProblemsLabel) showProblems(r.source); });
    } else if (r.status === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}: {1}', name, r.message ?? ''));
    }
    return;
  }
  const count = (s: ExportResult['status']) => results.filter((r) => r.status === s).length;
  const refused = results.find((r) => r.status === 'refused');
  const message = vscode.l10n.t('Export for portal upload: {0} written, {1} refused, {2} skipped, {3} failed.', count('written'), count('refused'), count('skipped'), count('failed'));
  if (refused) void vscode.window.showWarningMessage(message, showProblemsLabel).then((choice) => { if (choice === showProblemsLabel) showProblems(refused.source); });
  else void vscode.window.showInformationMessage(message);
}
