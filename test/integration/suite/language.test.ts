/**
 * Language features through the real client: the AnyConnect migration quick fixes applied via the
 * code-action API, completion and hover answered by the server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mobileconfigDiagnostics, openFixture, waitFor } from './helpers';

const LEGACY = 'com.cisco.anyconnect.applevpn.plugin';

/** Opens the legacy-only fixture as an untitled copy, so applying fixes never touches the fixture file. */
async function legacyCopy(): Promise<vscode.TextEditor> {
  const source = await openFixture('legacy-only.mobileconfig');
  const doc = await vscode.workspace.openTextDocument({ language: 'mobileconfig', content: source.document.getText() });
  return vscode.window.showTextDocument(doc);
}

async function migrationActions(editor: vscode.TextEditor): Promise<vscode.CodeAction[]> {
  const diagnostic = await waitFor('the vpn-legacy-only diagnostic', () => mobileconfigDiagnostics(editor.document.uri, 'vpn-legacy-only')[0]);
  return waitFor('the migration quick fixes', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    return actions && actions.length >= 2 ? actions : undefined;
  });
}

describe('language features in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('applies "replace legacy" by changing only the VPNSubType text', async () => {
    const editor = await legacyCopy();
    const before = editor.document.getText();
    const replace = (await migrationActions(editor)).find((a) => a.title.includes('replace legacy'));
    assert.ok(replace?.edit, 'a replace legacy quick fix with an edit');
    assert.equal(await vscode.workspace.applyEdit(replace.edit), true);
    assert.equal(editor.document.getText(), before.replace(LEGACY, 'com.cisco.anyconnect'));
    await waitFor('the legacy warning to go', () => (mobileconfigDiagnostics(editor.document.uri, 'vpn-legacy-only').length === 0 ? true : undefined));
  });

  it('applies "alongside" by inserting a new-app copy after the legacy payload', async () => {
    const editor = await legacyCopy();
    const before = editor.document.getText();
    const alongside = (await migrationActions(editor)).find((a) => a.title.includes('alongside'));
    assert.ok(alongside?.edit, 'an alongside quick fix with an edit');
    assert.equal(await vscode.workspace.applyEdit(alongside.edit), true);
    const after = editor.document.getText();
    assert.ok(after.length > before.length);
    assert.equal(after.split(LEGACY).length - 1, 1, 'the legacy payload stays');
    assert.equal(after.split('<string>com.cisco.anyconnect</string>').length - 1, 1, 'one new-app payload was added');
    const notes = await waitFor('the both-apps note', () => {
      const found = mobileconfigDiagnostics(editor.document.uri, 'vpn-both-apps');
      return found.length === 1 ? found : undefined;
    });
    assert.equal(notes.length, 1);
    const errors = mobileconfigDiagnostics(editor.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  it('completes keys and answers hover from the schema', async () => {
    const editor = await openFixture('anyconnect-valid.mobileconfig');
    const text = editor.document.getText();
    // Just after the first payload's `<dict>` line: keys of a payload are offered there.
    const vpnSubtypeKey = text.indexOf('<key>VPNSubType</key>');
    assert.ok(vpnSubtypeKey > 0, 'fixture has a VPNSubType key');
    const hover = await waitFor('a hover on VPNSubType', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(vpnSubtypeKey + 8));
      return hovers && hovers.length > 0 ? hovers : undefined;
    });
    const hoverText = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /VPNSubType/);
    const lineAfterVpnType = editor.document.positionAt(text.indexOf('\n', text.indexOf('<key>VPNType</key>')) + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', editor.document.uri, lineAfterVpnType);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('VPNUUID') || labels.includes('OnDemandEnabled') || labels.includes('Proxies'), `completion offers VPN keys: ${labels.slice(0, 20).join(', ')}`);
    assert.ok(!labels.includes('VPNType'), 'a key already present is not offered again');
  });

  it('offers and applies the "did you mean" fix for an unknown key', async () => {
    const source = await openFixture('anyconnect-valid.mobileconfig');
    const misspelt = source.document.getText().replace('<key>UserDefinedName</key>', '<key>UserDefinedNme</key>');
    assert.notEqual(misspelt, source.document.getText(), 'the fixture has a UserDefinedName key');
    const doc = await vscode.workspace.openTextDocument({ language: 'mobileconfig', content: misspelt });
    const editor = await vscode.window.showTextDocument(doc);
    const unknown = await waitFor('the payload-key-unknown diagnostic', () => mobileconfigDiagnostics(doc.uri, 'payload-key-unknown')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.title.includes('UserDefinedName'));
    assert.ok(rename?.edit, `a fix to UserDefinedName among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.workspace.applyEdit(rename.edit), true);
    assert.ok(editor.document.getText().includes('<key>UserDefinedName</key>'));
    await waitFor('the unknown-key warning to go', () => (mobileconfigDiagnostics(doc.uri, 'payload-key-unknown').length === 0 ? true : undefined));
  });
});
