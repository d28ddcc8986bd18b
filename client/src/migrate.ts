/**
 * `mobileconfig.migrateAnyConnect`: migrates every legacy AnyConnect payload of the active profile, alongside
 * or in place (domain/README.md, "Migration paths"); the server computes the edits, the client applies them.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, MigrateAnyConnectParams, MigrateAnyConnectRequest, MigrateAnyConnectResult } from '../../server/src/protocol';

type Mode = MigrateAnyConnectParams['mode'];

function activeProfile(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === LANGUAGE_ID ? document.uri : undefined;
}

/**
 * With no profile open (the walkthrough's button, the palette on another file), asks for one rather than doing
 * nothing: a file dialog in the workspace, filtered to profiles.
 */
async function pickProfile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Configuration profiles')]: ['mobileconfig'] },
    openLabel: vscode.l10n.t('Migrate'), title: vscode.l10n.t('No profile is open: choose the .mobileconfig file to migrate'),
  });
  return picked?.[0];
}

export async function migrateAnyConnect(client: LanguageClient, output: vscode.LogOutputChannel, uri?: vscode.Uri, preset?: Mode): Promise<MigrateAnyConnectResult | undefined> {
  const known = uri ?? activeProfile();
  const target = known ?? await pickProfile();
  if (!target) return undefined;
  const document = await vscode.workspace.openTextDocument(target);
  // A profile picked in the dialog is shown, so the user sees the edit the migration makes.
  if (!known) await vscode.window.showTextDocument(document);
  const mode = preset ?? (await vscode.window.showQuickPick<vscode.QuickPickItem & { id: Mode }>([
    { id: 'alongside', label: vscode.l10n.t('Add a Cisco AnyConnect payload alongside each legacy one'), detail: vscode.l10n.t('Both apps work during the migration (paths C-2/D-2 with both payloads).') },
    { id: 'replace', label: vscode.l10n.t('Replace each legacy payload'), detail: vscode.l10n.t('Only the new Cisco AnyConnect app will use the profile.') },
  ], { title: vscode.l10n.t('Migrate AnyConnect payloads') }))?.id;
  if (!mode) return undefined;
  const result = await client.sendRequest<MigrateAnyConnectResult>(MigrateAnyConnectRequest, { uri: document.uri.toString(), mode } satisfies MigrateAnyConnectParams);
  if (result.edits.length > 0) {
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, result.edits.map((e) => new vscode.TextEdit(new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText)));
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The migration could not be applied (the document changed?).'));
      return result;
    }
  }
  const labels = { replaced: vscode.l10n.t('replaced'), 'added-alongside': vscode.l10n.t('added alongside'), skipped: vscode.l10n.t('skipped') };
  const lines = result.changes.map((c) => vscode.l10n.t('Line {0}: "{1}" {2}{3}', c.line, c.payload, labels[c.action], c.reason ? ` (${c.reason})` : ''));
  for (const line of lines) output.info(`${vscode.workspace.asRelativePath(document.uri)}: ${line}`);
  const message = result.changes.length === 0 ? vscode.l10n.t('No legacy AnyConnect payload to migrate.') : `${vscode.l10n.t('AnyConnect migration:')} ${lines.join('; ')}`;
  void vscode.window.showInformationMessage(message);
  return result;
}
