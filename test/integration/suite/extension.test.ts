/**
 * Round-trips through the real client and language server inside VS Code: activation, pushed or pulled
 * diagnostics, the outline, and live re-validation of an edited untitled document.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MobileconfigApi } from '../../../client/src/extension';
import { EXTENSION_ID, fixturePath, mobileconfigDiagnostics, openFixture, waitFor } from './helpers';

describe('mobileconfig extension in VS Code', () => {
  after(async () => {
    // Leaves no open editors behind for whatever runs next in this window.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates on a .mobileconfig file and starts the language server', async () => {
    const editor = await openFixture('anyconnect-valid.mobileconfig');
    assert.equal(editor.document.languageId, 'mobileconfig');
    const extension = vscode.extensions.getExtension<MobileconfigApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
    await extension.exports.ready;
    assert.equal(extension.exports.client.isRunning(), true);
  });

  it('reports both places of a duplicated PayloadUUID', async () => {
    const editor = await openFixture('duplicate-uuid.mobileconfig');
    const uri = editor.document.uri;
    const duplicates = await waitFor('payload-uuid-duplicate diagnostics', () => {
      const found = mobileconfigDiagnostics(uri, 'payload-uuid-duplicate');
      return found.length >= 2 ? found : undefined;
    });
    assert.equal(duplicates.length, 2);
    // Lines 15 and 40 of the fixture (0-based 14 and 39) hold the two copies of the UUID.
    assert.deepEqual(duplicates.map((d) => d.range.start.line).sort((a, b) => a - b), [14, 39]);
    for (const d of duplicates) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(editor.document.getText(d.range).includes('6F1A2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B'), true);
    }
  });

  it('reports malformed XML where the bad closing tag is', async () => {
    const editor = await openFixture('malformed.mobileconfig');
    const malformed = await waitFor('xml-malformed diagnostics', () => {
      const found = mobileconfigDiagnostics(editor.document.uri, 'xml-malformed');
      return found.length > 0 ? found : undefined;
    });
    assert.ok(malformed.some((d) => d.range.start.line === 14), `expected one on line 15, got lines ${malformed.map((d) => d.range.start.line + 1)}`);
    assert.ok(malformed.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('lists the payloads of a profile in the outline', async () => {
    const editor = await openFixture('anyconnect-valid.mobileconfig');
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider', editor.document.uri);
      return result && result.length > 0 ? result : undefined;
    });
    assert.equal(symbols.length, 1);
    const [profile] = symbols;
    assert.equal(profile.name, 'Example Remote Access');
    assert.deepEqual(profile.children.map((c) => c.name), ['Cisco AnyConnect VPN', 'Office Wi-Fi']);
    assert.deepEqual(profile.children.map((c) => c.detail), ['com.apple.vpn.managed', 'com.apple.wifi.managed']);
  });

  it('re-validates an untitled profile as it is edited', async () => {
    const valid = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('anyconnect-valid.mobileconfig')));
    const duplicated = valid.getText().replace('7A8B9C0D-1E2F-4A3B-9C4D-5E6F7A8B9C0D', '6F1A2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B');
    const document = await vscode.workspace.openTextDocument({ language: 'mobileconfig', content: duplicated });
    const editor = await vscode.window.showTextDocument(document);
    const uri = document.uri;
    try {
      assert.equal(uri.scheme, 'untitled');
      await waitFor('payload-uuid-duplicate on the untitled document',
        () => (mobileconfigDiagnostics(uri, 'payload-uuid-duplicate').length === 2 ? true : undefined));

      // Put the second payload's own UUID back: the duplicate errors must go away with no error left behind.
      const second = document.getText().lastIndexOf('6F1A2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B');
      const range = new vscode.Range(document.positionAt(second), document.positionAt(second + 36));
      assert.ok(await editor.edit((edit) => edit.replace(range, '7A8B9C0D-1E2F-4A3B-9C4D-5E6F7A8B9C0D')));
      await waitFor('the duplicate diagnostics to clear',
        () => (mobileconfigDiagnostics(uri, 'payload-uuid-duplicate').length === 0 ? true : undefined));
      const errors = mobileconfigDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => d.message), []);
    } finally {
      // A dirty untitled editor would otherwise ask to be saved when the window closes.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
