/**
 * The stdio language server on hostile documents (issue 6): a plain Content-Length JSON-RPC client with no
 * pull-diagnostics capability opens each document; the server must push diagnostics for it, stay up, and
 * answer the next documentSymbol request, also after an incremental edit of a hostile document.
 */
import { strict as assert } from 'node:assert';
import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { hostileCases, textsOf } from '../../../scripts/hostile/cases';

const root = path.resolve(__dirname, '../../..');

type Message = { jsonrpc: '2.0'; id?: number; method?: string; params?: any; result?: any; error?: { message: string } };

/** Just enough of an LSP client: framing, request/response matching, notifications kept for polling. */
class Client {
  readonly notifications: Message[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private id = 1;
  private readonly waiting = new Map<number, (m: Message) => void>();

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const m: Message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        this.buffer = this.buffer.subarray(end + 4 + length);
        if (m.method !== undefined && m.id !== undefined) this.send({ jsonrpc: '2.0', id: m.id, result: null });
        else if (m.method !== undefined) this.notifications.push(m);
        else if (m.id !== undefined) { this.waiting.get(m.id)?.(m); this.waiting.delete(m.id); }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
  }

  send(m: Message): void {
    // JSON.stringify escapes lone surrogates (\ud800), so they reach the server as the editor had them.
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void { this.send({ jsonrpc: '2.0', method, params }); }

  request(method: string, params: unknown, timeoutMs = 20000): Promise<any> {
    const id = this.id++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms (exit ${this.child.exitCode}); stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiting.set(id, (m) => { clearTimeout(timer); m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result); });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  async diagnosticsFor(uri: string, version: number, timeoutMs = 30000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === version);
      if (m) return m.params.diagnostics;
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`no diagnostics for ${uri} v${version} (exit ${this.child.exitCode}); stderr: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

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
