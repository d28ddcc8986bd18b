/**
 * Export for portal upload: canonical unsigned text that parses (with the `plist` package) to the same value
 * as the source, refusal on errors, safe file names, and the report of what the file carries.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, resolveSettings, ServiceSettings } from '../../../server/src/service';
import { buildExport, exportFileName } from '../../../server/src/service/features/exportProfile';
import { readSignedProfile } from '../../../server/src/service/features/signed';
import { readCms } from '../../../server/src/customRequests';

const root = path.resolve(__dirname, '../../..');
const service = createLanguageService();
const portal: ServiceSettings = resolveSettings({ mode: 'portal' });

function exportText(text: string, settings = portal) {
  const document = TextDocument.create('file:///w/source.mobileconfig', 'mobileconfig', 1, text);
  const parsed = service.parseDocument(document, settings);
  return buildExport(service.parseDocument(TextDocument.create('file:///x.mobileconfig', 'mobileconfig', 1, text), settings).model, service.validate(parsed, settings), 'source.mobileconfig');
}

const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('export for portal upload', () => {
  // plist 5 is ESM-only and the unit tests run as CommonJS under tsx, so it is loaded with a dynamic import.
  let plist: typeof import('plist');
  before(async () => { plist = await import('plist'); });

  for (const file of ['examples/anyconnect-both.mobileconfig', 'examples/anyconnect-on-demand.mobileconfig', 'test/fixtures/clean/anyconnect-password.mobileconfig']) {
    it(`round-trips ${path.basename(file)} to the same plist value`, () => {
      const source = read(file);
      const outcome = exportText(source);
      assert.equal(outcome.ok, true, JSON.stringify(outcome));
      if (!outcome.ok) return;
      assert.deepEqual(plist.parse(outcome.text), plist.parse(source));
      assert.ok(outcome.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>'));
      assert.ok(!outcome.text.includes('\r') && !outcome.text.includes('<!--') && !/^ +</m.test(outcome.text));
      assert.ok(outcome.text.endsWith('</dict>\n</plist>\n'));
      // Canonical means stable: exporting the export changes nothing.
      const again = exportText(outcome.text);
      assert.equal(again.ok && again.text, outcome.text);
    });
  }

  it('writes the golden export of the integration fixture (spaces and a comment in, tabs and none out)', () => {
    const outcome = exportText(read('test/integration/workspace/both-apps.mobileconfig'));
    assert.ok(outcome.ok);
    assert.equal(outcome.text, read('test/integration/workspace/both-apps.export.golden'));
  });

  it('drops comments, resolves entities and CDATA, and keeps every value', () => {
    const source = read('test/fixtures/clean/anyconnect-password.mobileconfig')
      .replace('<string>Corp VPN</string>', '<!-- a note --><string>Corp &amp; <![CDATA[<Partners>]]> VPN 日本語</string>')
      .replace('\n', '\r\n');
    const outcome = exportText(source);
    assert.ok(outcome.ok);
    assert.ok(outcome.text.includes('<string>Corp &amp; &lt;Partners&gt; VPN 日本語</string>'));
    assert.ok(!outcome.text.includes('a note'));
    assert.deepEqual(plist.parse(outcome.text), plist.parse(source));
  });

  it('reports payloads, apps and secrets', () => {
    const outcome = exportText(read('examples/anyconnect-both.mobileconfig'));
    assert.ok(outcome.ok);
    assert.equal(outcome.fileName, 'Example Remote Access (both apps).mobileconfig');
    assert.deepEqual(outcome.report, {
      profileName: 'Example Remote Access (both apps)', payloadCount: 3, apps: { new: true, legacy: true },
      secrets: [], wasSigned: false,
    });
  });

  it('refuses a profile with errors and lists them with their lines', () => {
    const outcome = exportText(read('test/integration/workspace/broken-export.mobileconfig'));
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.reason, 'errors');
    assert.deepEqual(outcome.errors.map((e) => [e.code, e.line]), [['payload-uuid-duplicate', 64], ['payload-uuid-duplicate', 98]]);
  });

  it('refuses in portal mode what standalone would allow: a duplicate profile name in the workspace', () => {
    const text = read('examples/anyconnect-new.mobileconfig');
    const name = (plist.parse(text) as { PayloadDisplayName: string }).PayloadDisplayName;
    const clash = resolveSettings({ mode: 'portal', workspaceProfileNames: [{ name, uri: 'file:///w/other.mobileconfig' }] });
    const outcome = exportText(text, clash);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.errors.some((e) => e.code === 'portal-profile-name'));
  });

  it('refuses what is not a configuration profile', () => {
    for (const text of ['', 'hello', '<?xml version="1.0"?><plist version="1.0"><dict><key>a</key><string>b</string></dict></plist>']) {
      const outcome = exportText(text);
      assert.equal(outcome.ok, false, text);
    }
  });

  it('exports the embedded plist of a signed profile, unsigned', () => {
    const bytes = fs.readFileSync(path.join(root, 'test/integration/workspace/signed.mobileconfig'));
    const view = readSignedProfile(bytes, readCms);
    assert.ok(view.ok);
    const outcome = exportText(bytes.toString('latin1'));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.report.wasSigned, true);
    assert.deepEqual(plist.parse(outcome.text), plist.parse(view.text));
  });

  it('makes file names every file system accepts', () => {
    assert.equal(exportFileName('AC_NEW', 'x.mobileconfig'), 'AC_NEW.mobileconfig');
    assert.equal(exportFileName('a/b\\c:d*e?"f"<g>|h', 'x'), 'a_b_c_d_e__f__g__h.mobileconfig');
    assert.equal(exportFileName('  ..hidden.. ', 'x'), 'hidden.mobileconfig');
    assert.equal(exportFileName('', 'source.mobileconfig'), 'source.mobileconfig');
    assert.equal(exportFileName('CON', 'source.mobileconfig'), 'source.mobileconfig');
    assert.equal(exportFileName('リモートアクセス', 'x'), 'リモートアクセス.mobileconfig');
  });
});
