/**
 * Export for portal upload: asks the server for the canonical unsigned text (validated in portal mode) and
 * writes it to `export/<profile name>.mobileconfig` beside the source, atomically and safely (writeExport), never over the source.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ExportOutcome, ExportProfileParams, ExportProfileRequest, ExportReport } from '../../server/src/protocol';
import { isSameFile, replaceFileSafely, WriteRefused } from '../../server/src/safeWrite';
import { readProfileSource } from './profileSource';
import { showSignedContent } from './signed';

/** A problem that blocks an export, as the server found it in portal mode (1-based line). */
export type BlockingProblem = { message: string; code: string | undefined; line: number };

export interface ExportResult {
  source: string;
  status: 'written' | 'refused' | 'skipped' | 'failed';
  /** The written file (status `written`). */
  target?: string;
  report?: ExportReport;
  errors?: BlockingProblem[];
  /** Why it failed or was refused; for `written`, a note (the target was a symbolic link). */
  message?: string;
  /** The source is CMS-signed: its problems are located in the embedded plist's view. */
  signed?: boolean;
}

/** One blocking problem in one line: where, which rule, what. */
export function describeProblem(p: BlockingProblem): string {
  return vscode.l10n.t('line {0}, {1}: {2}', p.line, p.code ?? '?', p.message);
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
    // The reason names the first blocking problem itself: "N errors" alone gives the user nothing to act on.
    const [first] = outcome.errors;
    const message = outcome.reason === 'not-a-profile' ? vscode.l10n.t('This is not a configuration profile.')
      : outcome.errors.length === 1 ? vscode.l10n.t('1 error in portal mode: {0}', describeProblem(first))
        : vscode.l10n.t('{0} errors in portal mode, first: {1}', outcome.errors.length, describeProblem(first));
    return { source: source.uri.toString(), status: 'refused', errors: outcome.errors, message, signed: source.signed };
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
  return { source: source.uri.toString(), status: 'written', target: target.toString(), report: outcome.report, message: note, signed: source.signed };
}

/**
 * Lists every problem that blocked the refused exports in a quick pick and opens the one picked at its line.
 * These are the portal-mode problems the export found: the Problems view shows the workspace's own mode,
 * which may be standalone and show none of them.
 */
export async function showBlockingProblems(refused: ExportResult[]): Promise<void> {
  type Item = vscode.QuickPickItem & { result: ExportResult; problem: BlockingProblem };
  const items: Item[] = refused.flatMap((result) => (result.errors ?? []).map((problem) => ({
    label: `$(error) ${problem.message}`,
    // The rule id goes into the detail line: a long message would push a description out of sight.
    detail: `${vscode.l10n.t('{0}, line {1}', vscode.workspace.asRelativePath(vscode.Uri.parse(result.source)), problem.line)} · ${problem.code ?? ''}`,
    result,
    problem,
  })));
  if (items.length === 0) return;
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Problems that block the export (portal mode)'),
    placeHolder: vscode.l10n.t('Pick a problem to go to its line'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const source = vscode.Uri.parse(picked.result.source);
  let line = picked.problem.line - 1;
  let editor: vscode.TextEditor;
  if (picked.result.signed) {
    // The embedded plist's view carries a one-line banner comment (signed.ts `withBanner`) before the problem's line.
    editor = await showSignedContent(source);
    const banner = [0, 1].find((l) => l < editor.document.lineCount && editor.document.lineAt(l).text.startsWith('<!-- '));
    if (banner !== undefined && line >= banner) line += 1;
  } else {
    editor = await vscode.window.showTextDocument(source);
  }
  const at = editor.document.lineAt(Math.min(line, editor.document.lineCount - 1)).range;
  editor.selection = new vscode.Selection(at.start, at.end);
  editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Offers the migration after an export whose VPN payloads serve only Cisco Legacy AnyConnect. */
async function offerMigration(r: ExportResult, text: string, openLabel: string): Promise<void> {
  const migrate = vscode.l10n.t('Migrate AnyConnect payloads…');
  const choice = await vscode.window.showWarningMessage(text, migrate, openLabel);
  if (choice === openLabel) await vscode.window.showTextDocument(vscode.Uri.parse(r.target!));
  else if (choice === migrate) {
    // A signed source is read-only: its unsigned export is what can be migrated.
    const file = vscode.Uri.parse(r.signed ? r.target! : r.source);
    await vscode.window.showTextDocument(file);
    await vscode.commands.executeCommand(Commands.migrateAnyConnect, file);
  }
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
  const relative = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  if (results.length === 1) {
    const [r] = results;
    const name = relative(r.source);
    if (r.status === 'written') {
      const note = r.message ? ` ${r.message}` : '';
      const text = vscode.l10n.t('Exported {0} to {1}: {2}', name, relative(r.target!), describeReport(r.report!)) + note;
      // A legacy-only export installs fine and gives Cisco AnyConnect users no VPN: that is a warning, not news.
      if (r.report!.apps.legacy && !r.report!.apps.new) {
        // The warning comes first: it is what the user must act on; the export's details follow.
        void offerMigration(r, `${vscode.l10n.t('Its VPN payloads serve only Cisco Legacy AnyConnect: users of the Cisco AnyConnect app get no VPN from it.')} ${text}`, openLabel);
        return;
      }
      void vscode.window.showInformationMessage(text, openLabel)
        .then((choice) => { if (choice === openLabel) void vscode.window.showTextDocument(vscode.Uri.parse(r.target!)); });
    } else if (r.status === 'refused') {
      const offer = (r.errors?.length ?? 0) > 0 ? [showProblemsLabel] : [];
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}: {1}', name, r.message ?? ''), ...offer)
        .then((choice) => { if (choice === showProblemsLabel) void showBlockingProblems([r]); });
    } else if (r.status === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}: {1}', name, r.message ?? ''));
    }
    return;
  }
  const count = (s: ExportResult['status']) => results.filter((r) => r.status === s).length;
  const refused = results.filter((r) => r.status === 'refused');
  const failed = results.filter((r) => r.status === 'failed');
  const legacyOnly = results.filter((r) => r.status === 'written' && r.report?.apps.legacy && !r.report.apps.new);
  // Name each file that did not make it and why (the first few; the quick pick lists every problem).
  const listed = (list: ExportResult[]) => list.slice(0, 3).map((r) => `${relative(r.source)} (${r.message ?? ''})`).join('; ') + (list.length > 3 ? '; …' : '');
  const parts = [vscode.l10n.t('Export for portal upload: {0} written, {1} refused, {2} skipped, {3} failed.', count('written'), count('refused'), count('skipped'), count('failed'))];
  if (refused.length > 0) parts.push(vscode.l10n.t('Refused: {0}.', listed(refused)));
  if (failed.length > 0) parts.push(vscode.l10n.t('Failed: {0}.', listed(failed)));
  if (legacyOnly.length > 0) parts.push(vscode.l10n.t('Only for Cisco Legacy AnyConnect (no VPN for Cisco AnyConnect users): {0}.', legacyOnly.map((r) => relative(r.source)).join(', ')));
  const message = parts.join(' ');
  if (refused.length > 0) void vscode.window.showWarningMessage(message, showProblemsLabel).then((choice) => { if (choice === showProblemsLabel) void showBlockingProblems(refused); });
  else if (failed.length > 0 || legacyOnly.length > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}
