/**
 * A status bar item on mobileconfig editors naming which AnyConnect apps the profile serves
 * (domain/README.md, "What a profile may contain"); clicking it opens the preview.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FeatureCommands, LANGUAGE_ID, ProfileSummary, ProfileSummaryParams, ProfileSummaryRequest } from '../../server/src/protocol';

/** The item's text for a summary's apps (exported for the integration test's expectations). */
export function appsText(apps: ProfileSummary['apps']): string {
  if (apps.new.length > 0 && apps.legacy.length > 0) return vscode.l10n.t('AnyConnect: new + legacy');
  if (apps.new.length > 0) return vscode.l10n.t('AnyConnect: new');
  if (apps.legacy.length > 0) return vscode.l10n.t('AnyConnect: legacy only');
  return vscode.l10n.t('AnyConnect: none');
}

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('mobileconfig.apps', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Mobileconfig AnyConnect apps');
  item.command = FeatureCommands.showPreview;
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) { item.hide(); return; }
    const summary = await client.sendRequest<ProfileSummary | null>(ProfileSummaryRequest, { uri: document.uri.toString() } satisfies ProfileSummaryParams).then((s) => s, () => null);
    if (document !== vscode.window.activeTextEditor?.document) return;
    if (!summary) { item.hide(); return; }
    item.text = `$(shield) ${appsText(summary.apps)}`;
    const lines = [
      summary.apps.new.length > 0 ? vscode.l10n.t('Cisco AnyConnect: {0}', summary.apps.new.join(', ')) : '',
      summary.apps.legacy.length > 0 ? vscode.l10n.t('Cisco Legacy AnyConnect: {0}', summary.apps.legacy.join(', ')) : '',
      vscode.l10n.t('Click to open the preview.'),
    ].filter(Boolean);
    item.tooltip = lines.join('\n');
    item.show();
  };
  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), delay);
  };
  context.subscriptions.push(item,
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) schedule(300); }),
    { dispose: () => timer && clearTimeout(timer) });
  schedule(0);
  return item;
}
