/**
 * Signed profiles: a read-only `mobileconfig-signed:` view of the embedded plist (extracted by the server's
 * CMS library; signatures are not verified), and a notice on opening that the portal needs the file unsigned.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FeatureCommands, LANGUAGE_ID, SIGNED_SCHEME } from '../../server/src/protocol';
import { looksSigned, signedContent, sourceUri } from './profileSource';

class SignedContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const bytes = await vscode.workspace.fs.readFile(sourceUri(uri));
    const result = await signedContent(this.client, bytes);
    if (!result.ok) throw new Error(result.error);
    return withBanner(result.text);
  }
}

/**
 * Puts a banner into the read-only view, as an XML comment right after the XML declaration (where a comment
 * is allowed), so whoever reads the embedded plist also reads that the portal needs the file unsigned.
 */
export function withBanner(text: string): string {
  const banner = `<!-- ${vscode.l10n.t('Read-only view of the plist inside a signed profile (the signature is not verified). The portal needs the profile unsigned: run "Mobileconfig: Export signed profile unsigned".')} -->`;
  const decl = /^\uFEFF?<\?xml[^>]*\?>\r?\n?/.exec(text);
  if (!decl) return `${banner}\n${text}`;
  return `${decl[0]}${decl[0].endsWith('\n') ? '' : '\n'}${banner}\n${text.slice(decl[0].length)}`;
}

/**
 * The uri of the read-only view of `file`'s embedded plist. A tab is named after its uri's last path segment,
 * so the view gets a name of its own ("signed (embedded plist).mobileconfig") and carries the file's path in
 * its query (profileSource.ts `sourceUri`; the server reads it too, to tell the view and the file are one profile).
 */
export function signedViewUri(file: vscode.Uri): vscode.Uri {
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  const stem = base.replace(/\.mobileconfig$/i, '');
  const name = `${stem} ${vscode.l10n.t('(embedded plist)')}.mobileconfig`;
  return vscode.Uri.from({ scheme: SIGNED_SCHEME, path: file.path.slice(0, file.path.length - base.length) + name, query: file.path });
}

/** The read-only view of a signed file's embedded plist. */
export async function showSignedContent(file: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(signedViewUri(file));
  const typed = document.languageId === LANGUAGE_ID ? document : await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  return vscode.window.showTextDocument(typed, { preview: false });
}

export function registerSignedProfiles(context: vscode.ExtensionContext, client: LanguageClient): void {
  const noticed = new Set<string>();
  const notice = async (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file' || document.languageId !== LANGUAGE_ID || noticed.has(document.uri.toString())) return;
    const bytes = await vscode.workspace.fs.readFile(document.uri).then((b) => b, () => undefined);
    if (!bytes || !looksSigned(bytes)) return;
    noticed.add(document.uri.toString());
    const show = vscode.l10n.t('Show embedded plist');
    const exportLabel = vscode.l10n.t('Export unsigned');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is signed (CMS). The portal needs profiles unsigned; the signature is not verified here.', vscode.workspace.asRelativePath(document.uri)),
      show, exportLabel);
    if (choice === show) await showSignedContent(document.uri);
    else if (choice === exportLabel) await vscode.commands.executeCommand(FeatureCommands.exportUnsigned, document.uri);
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SIGNED_SCHEME, new SignedContentProvider(client)),
    vscode.workspace.onDidOpenTextDocument((d) => void notice(d)),
    vscode.commands.registerCommand(FeatureCommands.showSignedContent, async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (target) return showSignedContent(sourceUri(target));
      return undefined;
    }),
  );
  for (const d of vscode.workspace.textDocuments) void notice(d);
}
