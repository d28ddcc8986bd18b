/**
 * The stdio language server on hostile documents (issue 6): a plain Content-Length JSON-RPC client with no
 * pull-diagnostics capability opens each document; the server must push diagnostics for it, stay up, and
 * answer the next documentSymbol request, also after an incremental edit of a hostile document.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { hostileCases, textsOf } from '../../../scripts/hostile/cases';
import { Client } from './lspClient';

const root = path.resolve(__dirname, '../../..');

const OPEN = ['entity-bomb', 'external-entity-file', 'deep-nesting-closed', 'deep-nesting-unclosed', 'nul-bytes', 'utf16le-bom', 'binary-plist', 'signed-der',
  'empty', 'mismatched-tags', 'key-1mb', 'mixed-line-endings', 'lone-surrogates', 'huge-data-20mb'];

describe('hostile inputs: stdio language server', function () {
  this.timeout(180000);
  let client: Client;

  before(async () => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    client = new Client(spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { cwd: root, stdio: 'pipe' }));
    await client.request('initialize', {
      processId: process.pid, rootUri: null,
      capabilities: { textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: {}, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    });
    client.notify('initialized', {});
  });

  after(() => { if (client && client.child.exitCode === null) client.child.kill(); });

  for (const c of hostileCases().filter((x) => OPEN.includes(x.name))) {
    for (const { label, text } of textsOf(c)) {
      it(`${c.name}/${label}: diagnostics pushed, then documentSymbol answered`, async () => {
        const uri = `file:///hostile/${c.name}-${label}.mobileconfig`;
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mobileconfig', version: 1, text } });
        const diagnostics = await client.diagnosticsFor(uri, 1);
        assert.ok(Array.isArray(diagnostics));
        const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(Array.isArray(symbols));
        client.notify('textDocument/didClose', { textDocument: { uri } });
      });
    }
  }

  it('stays up through incremental edits of a hostile document and answers the next request', async () => {
    const uri = 'file:///hostile/edited.mobileconfig';
    const text = textsOf(hostileCases().find((x) => x.name === 'mismatched-tags')!)[0].text;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mobileconfig', version: 1, text } });
    // Insert a lone surrogate and an entity bomb reference, then delete across lines, as keystrokes.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '\ud800&lol9;<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: 3 }, end: { line: 4, character: 1 } }, text: '' }] });
    const diagnostics = await client.diagnosticsFor(uri, 3);
    assert.ok(diagnostics.every((d: any) => !/root:x?:0:0:/.test(d.message)));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    assert.equal(client.child.exitCode, null, 'the server is still running');
    assert.doesNotMatch(client.stderr, /^\s+at /m, 'the server printed a stack trace');
  });
});
