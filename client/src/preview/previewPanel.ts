/**
 * The live preview panel: one webview beside the editor that follows the active profile and re-renders
 * as you type, from the server's `mobileconfig/profileSummary`. Clicking a problem or a payload reveals it.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, ProfileSummary, ProfileSummaryParams, ProfileSummaryRequest } from '../../../server/src/protocol';
import { renderEmpty, renderPreview } from './render';

/** What the webview's script reported after a render: read back by the integration tests. */
export interface RenderedReport {
  version: number;
  badges: (string | null)[];
  title: string | null;
  images: number;
}

export interface PreviewState {
  uri: string | undefined;
  version: number | undefined;
  html: string;
  rendered: RenderedReport | undefined;
}

const UPDATE_DELAY_MS = 150;

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: PreviewState = { uri: undefined, version: undefined, html: '', rendered: undefined };

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Follows the active profile; other editors (or the panel itself taking focus) keep the last one.
        if (this.panel && editor && editor.document.languageId === LANGUAGE_ID && editor.document !== this.document) {
          this.document = editor.document;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document && e.contentChanges.length > 0) this.schedule(UPDATE_DELAY_MS);
      }),
    );
  }

  /** The last rendered HTML and what the webview reported of it (for tests and diagnostics). */
  getState(): PreviewState {
    return this.state;
  }

  show(document: vscode.TextDocument): void {
    this.document = document;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('mobileconfig.preview', vscode.l10n.t('Profile preview'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
          enableScripts: true,
          enableFindWidget: true,
          // Only the extension's media folder: the page may load nothing else (no remote content).
          localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
        });
      this.panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = { uri: undefined, version: undefined, html: '', rendered: undefined };
      }, undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((message) => this.onMessage(message), undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update().catch((error: unknown) => this.showError(error));
    }, delay);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    const webview = panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', name)).toString();
    const fileName = path.basename(document.uri.path);
    panel.title = vscode.l10n.t('Preview {0}', fileName);
    const summary = await this.client.sendRequest<ProfileSummary | null>(ProfileSummaryRequest, { uri: document.uri.toString() } satisfies ProfileSummaryParams);
    if (panel !== this.panel || document !== this.document) return;
    if (summary && summary.version < document.version) {
      // The server has not seen the latest keystroke yet: ask again shortly rather than show stale content.
      this.schedule(UPDATE_DELAY_MS);
      return;
    }
    const html = summary
      ? renderPreview(summary, { nonce: randomBytes(16).toString('base64'), cspSource: webview.cspSource, styleUri: media('preview.css'), scriptUri: media('preview.js'), t: vscode.l10n.t, fileName })
      : renderEmpty(vscode.l10n.t('The language server does not know this document yet.'), { cspSource: webview.cspSource, styleUri: media('preview.css') });
    this.state = { uri: document.uri.toString(), version: summary?.version, html, rendered: undefined };
    webview.html = html;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: string; line?: number; character?: number } & Partial<RenderedReport>;
    if (m.type === 'rendered') {
      this.state = { ...this.state, rendered: { version: Number(m.version), badges: m.badges ?? [], title: m.title ?? null, images: Number(m.images) } };
    } else if (m.type === 'reveal' && this.document && Number.isInteger(m.line)) {
      const position = new vscode.Position(Math.max(0, m.line!), Math.max(0, m.character ?? 0));
      const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
      const editor = await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private showError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The preview could not be updated: {0}', text));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
