/**
 * The client features of issue 5 through the real commands in the workbench: the preview's webview reports
 * its badges back and follows an edit; export writes the golden file and refuses a broken profile; the
 * wizard, driven through every step, saves a profile whose only error is its empty PKCS#12 placeholder, and Esc
 * leaves nothing behind.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MobileconfigApi } from '../../../client/src/extension';
import type { ExportResult } from '../../../client/src/exportCommand';
import type { ProfileSummary } from '../../../server/src/protocol';
import { EXTENSION_ID, fixturePath, openFixture, waitFor } from './helpers';

async function api(): Promise<MobileconfigApi> {
  const extension = vscode.extensions.getExtension<MobileconfigApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const exports = await extension.activate();
  await exports.ready;
  return exports;
}

describe('mobileconfig client features', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('previews a both-payload profile with legacy and new badges and follows an edit', async () => {
    const { previewState } = await api();
    const editor = await openFixture('both-apps.mobileconfig');
    await vscode.commands.executeCommand('mobileconfig.showPreview');
    // The badges come from the webview's own DOM: its script posts what it rendered back to the extension.
    const first = await waitFor('the preview to render both badges', () => {
      const r = previewState().rendered;
      return r && r.badges.length === 2 ? r : undefined;
    });
    assert.deepEqual(first.badges, ['legacy', 'new']);
    assert.equal(first.title, 'Integration Both Apps');
    assert.equal(first.images, 0);
    try {
      const legacy = editor.document.getText().indexOf('com.cisco.anyconnect.applevpn.plugin');
      assert.ok(legacy > 0);
      const range = new vscode.Range(editor.document.positionAt(legacy), editor.document.positionAt(legacy + 'com.cisco.anyconnect.applevpn.plugin'.length));
      assert.ok(await editor.edit((edit) => edit.replace(range, 'com.cisco.anyconnect')));
      const version = editor.document.version;
      const updated = await waitFor('the preview to follow the edit', () => {
        const r = previewState().rendered;
        return r && r.version === version ? r : undefined;
      });
      assert.deepEqual(updated.badges, ['new', 'new']);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('exports the golden file, refuses a broken profile and exports a signed one unsigned', async () => {
    await api();
    const exportDir = fixturePath('export');
    fs.rmSync(exportDir, { recursive: true, force: true });

    const [written] = await vscode.commands.executeCommand<ExportResult[]>('mobileconfig.exportForPortal', vscode.Uri.file(fixturePath('both-apps.mobileconfig')));
    assert.equal(written.status, 'written', JSON.stringify(written));
    assert.equal(vscode.Uri.parse(written.target!).fsPath, fixturePath('export/Integration Both Apps.mobileconfig'));
    assert.equal(fs.readFileSync(fixturePath('export/Integration Both Apps.mobileconfig'), 'utf8'), fs.readFileSync(fixturePath('both-apps.export.golden'), 'utf8'));
    assert.deepEqual(written.report?.apps, { new: true, legacy: true });
    assert.deepEqual(fs.readdirSync(exportDir), ['Integration Both Apps.mobileconfig'], 'no temp file is left behind');

    const [refused] = await vscode.commands.executeCommand<ExportResult[]>('mobileconfig.exportForPortal', vscode.Uri.file(fixturePath('broken-export.mobileconfig')));
    assert.equal(refused.status, 'refused');
    assert.deepEqual(refused.errors?.map((e) => e.code), ['payload-uuid-duplicate', 'payload-uuid-duplicate']);
    // The reason names the first blocking problem (rule and line), not just a count.
    assert.match(refused.message ?? '', /2 errors in portal mode, first: line \d+, payload-uuid-duplicate: /);
    assert.equal(fs.existsSync(fixturePath('export/Integration Broken.mobileconfig')), false);

    const [unsigned] = await vscode.commands.executeCommand<ExportResult[]>('mobileconfig.exportUnsigned', vscode.Uri.file(fixturePath('signed.mobileconfig')));
    assert.equal(unsigned.status, 'written', JSON.stringify(unsigned));
    assert.equal(unsigned.report?.wasSigned, true);
    const text = fs.readFileSync(fixturePath('export/Integration Signed.mobileconfig'), 'utf8');
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist'));
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it('saves the wizard\'s profile to a file named by the caller, flags only the empty PKCS#12, and Esc leaves nothing', async () => {
    const { client } = await api();
    const target = fixturePath('Wizard Profile.mobileconfig');
    fs.rmSync(target, { force: true });
    const opened = () => vscode.workspace.textDocuments.length;
    const before = opened();
    const cancelled = await vscode.commands.executeCommand('mobileconfig.newAnyConnectProfile', { answers: ['Cancelled', 'new', null] });
    assert.equal(cancelled, undefined);
    assert.equal(opened(), before, 'Esc opened a document');

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('mobileconfig.newAnyConnectProfile', {
      answers: ['Wizard Profile', 'both', 'https://vpn.example.com/staff', 'certificate-payload', 'set', 'remove-me',
        'manual', 'proxy.example.com', '8080', 'proxyuser', 'proxy-pass'],
      saveTo: target,
    });
    try {
      assert.equal(document.languageId, 'mobileconfig');
      assert.equal(document.uri.scheme, 'file');
      assert.equal(document.uri.fsPath, target);
      assert.equal(document.isDirty, false);
      assert.equal(fs.readFileSync(target, 'utf8'), document.getText());
      const summary = await waitFor('the server to summarise the new profile', async () =>
        (await client.sendRequest<ProfileSummary | null>('mobileconfig/profileSummary', { uri: document.uri.toString() })) ?? undefined);
      assert.equal(summary.name, 'Wizard Profile');
      assert.deepEqual(summary.apps, { new: ['Wizard Profile'], legacy: ['Wizard Profile (Legacy)'] });
      // The placeholder certificate is empty until the administrator fills it in.
      assert.deepEqual(summary.problems.filter((p) => p.severity === 'error').map((p) => p.code), ['payload-certificate-empty']);
      assert.equal(summary.payloads.find((p) => p.vpn?.app === 'new')?.vpn?.proxies.kind, 'manual');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(target, { force: true });
    }
  });

  it('shows the certificate report in a fresh read-only view per run, with the migration status per device', async () => {
    const { reportState } = await api();
    const csv = vscode.Uri.file(fixturePath('certificates-migration.csv'));
    const first = await vscode.commands.executeCommand<ReturnType<typeof reportState>>('mobileconfig.analyzeCertificateReport', csv);
    assert.ok(first, 'the report was shown');
    const s = first.status;
    assert.equal(s.deviceColumn, 'AuthID');
    assert.deepEqual(s.revoke.map((c) => c.commonName), ['tanaka-old']);
    assert.deepEqual(s.devices.filter((d) => d.several).map((d) => d.id), ['351234000000011', '351234000000033']);
    assert.deepEqual(s.pathB.map((c) => c.commonName), ['tanaka-old', 'ito-old']);
    assert.deepEqual(s.legacyOnly.map((c) => c.commonName), ['suzuki-old']);
    assert.match(first.html, /data-uri="file:[^"]*both-apps\.mobileconfig"/);
    assert.match(first.html, /unclosed quote\): 8\. /);
    // No text document stands for the report: nothing to save, nothing asks on close.
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled'), false);
    const second = await vscode.commands.executeCommand<ReturnType<typeof reportState>>('mobileconfig.analyzeCertificateReport', vscode.Uri.file(fixturePath('certificates-utf8.csv')));
    assert.ok(second && second !== first);
    assert.equal(second.source, 'certificates-utf8.csv');
    assert.doesNotMatch(second.html, /tanaka/, 'nothing of the first run is left');
    assert.equal(reportState(), second);
  });
});
