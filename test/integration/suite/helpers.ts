/**
 * Shared helpers for the in-host integration tests: where the fixtures are, how to open them,
 * and polling (the language server answers asynchronously, so tests wait by polling, never by sleeping).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The extension's id as VS Code sees it: `publisher.name` from package.json. */
export const EXTENSION_ID = 'mobileconfig.mobileconfig';

/** The fixture workspace; the runners open it as the folder, but fall back to the repo layout. */
export function fixturePath(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath
    ?? path.resolve(__dirname, '../../../test/fixtures/workspace');
  return path.join(folder, name);
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath(name)));
  // Shown, not just opened: the client pulls diagnostics for documents in editor tabs.
  return vscode.window.showTextDocument(document);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A diagnostic's code as a plain string, whether the client gave a string or `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** This extension's diagnostics on `uri` that carry `code`. */
export function mobileconfigDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'mobileconfig' && (code === undefined || codeOf(d) === code));
}
