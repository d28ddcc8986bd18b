/**
 * Speaks raw JSON-RPC with Content-Length framing to `node dist/server.js --stdio`, as a non-VS Code
 * client would (Neovim 0.7: no pull diagnostics, no workspace/configuration). Proves the server pushes
 * diagnostics and answers document symbols without vscode-languageclient in the loop.
 */
import { strict as assert } from 'node:assert';
import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../..');

type Message = { jsonrpc: '2.0'; id?: number | string; method?: string; params?: any; result?: any; error?: { code: number; message: string } };

/** A minimal LSP client: frames messages, matches responses to requests, keeps notifications for polling. */
class StdioClient {
  readonly notifications: Message[] = [];
  /** Requests the server sent (registerCapability...), answered with null. */
  readonly requests: Message[] = [];
  readonly stderr: string[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      assert.ok(Number.isFinite(length), `bad header from server: ${header}`);
      // Content-Length counts bytes, not characters: slice the Buffer before decoding.
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (registerCapability, workDoneProgress/create...): accept it, as a simple client does.
      this.requests.push(message);
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.method !== undefined) {
      this.notifications.push(message);
    } else if (typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    }
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  request(method: string, params?: unknown, timeoutMs = 10000): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no response in ${timeoutMs} ms; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result);
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Polls the received notifications until one satisfies `test`. */
  async waitFor(description: string, test: (m: Message) => boolean, timeoutMs = 10000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find(test);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${description}; got: ${this.notifications.map((n) => n.method).join(', ')}; stderr: ${this.stderr.join('')}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

const duplicateText = fs.readFileSync(path.join(root, 'test/fixtures/cli/duplicate-uuid.mobileconfig'), 'utf8');
const cleanText = fs.readFileSync(path.join(root, 'test/fixtures/cli/clean.mobileconfig'), 'utf8');
const brokenUri = 'file:///work/broken.mobileconfig';
const malformedUri = 'file:///work/malformed.mobileconfig';

const isDiagnosticsFor = (uri: string, test: (d: any[]) => boolean) => (m: Message) =>
  m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && test(m.params.diagnostics);

describe('language server over stdio (plain JSON-RPC client)', function () {
  this.timeout(30000);
  let client: StdioClient;

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    client = new StdioClient(spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { cwd: root, stdio: 'pipe' }));
  });

  after(() => {
    if (client && client.child.exitCode === null && client.child.signalCode === null) client.child.kill();
  });

  it('initializes without pull-diagnostics or configuration capabilities', async () => {
    const result = await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'plain-stdio-test' },
      rootUri: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    assert.ok(result.capabilities.documentSymbolProvider);
    assert.ok(result.capabilities.textDocumentSync !== undefined);
    client.notify('initialized', {});
  });

  it('pushes diagnostics for a profile with a duplicated PayloadUUID', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'mobileconfig', version: 1, text: duplicateText } });
    const m = await client.waitFor('duplicate-UUID diagnostics', isDiagnosticsFor(brokenUri, (ds) => ds.some((d) => d.code === 'payload-uuid-duplicate')));
    const dups = m.params.diagnostics.filter((d: any) => d.code === 'payload-uuid-duplicate');
    assert.equal(dups.length, 2);
    assert.ok(dups.every((d: any) => d.source === 'mobileconfig' && d.severity === 1));
    assert.deepEqual(dups.map((d: any) => d.range.start), [{ line: 12, character: 20 }, { line: 37, character: 12 }]);
  });

  it('pushes xml-malformed for broken XML', async () => {
    const text = cleanText.replace('<string>Example VPN</string>', '<string>Example VPN</strin>');
    client.notify('textDocument/didOpen', { textDocument: { uri: malformedUri, languageId: 'mobileconfig', version: 1, text } });
    await client.waitFor('xml-malformed', isDiagnosticsFor(malformedUri, (ds) => ds.some((d) => d.code === 'xml-malformed')));
  });

  it('returns the profile with its payloads as document symbols', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: brokenUri } });
    assert.equal(symbols.length, 1);
    const [profile] = symbols;
    assert.match(profile.name, /CLI duplicated PayloadUUID/);
    assert.equal(profile.children.length, 1);
    assert.match(`${profile.children[0].name} ${profile.children[0].detail ?? ''}`, /com\.apple\.vpn\.managed/);
    assert.ok(profile.children[0].range.start.line > profile.range.start.line);
  });

  it('pushes an empty list once the document is fixed', async () => {
    client.notify('textDocument/didChange', { textDocument: { uri: brokenUri, version: 2 }, contentChanges: [{ text: cleanText }] });
    await client.waitFor('cleared diagnostics', (m) => isDiagnosticsFor(brokenUri, (ds) => ds.length === 0)(m) && m.params.version === 2);
  });

  it('shuts down and exits with status 0', async () => {
    assert.equal(await client.request('shutdown'), null);
    client.notify('exit');
    const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    assert.equal(code, 0);
  });
});

describe('language server and .mobileconfig-lint.json (watched, merged, ignore globs)', function () {
  this.timeout(30000);
  let client: StdioClient;
  let tmp: string;
  let profileUri: string;
  const legacyText = fs.readFileSync(path.join(root, 'examples/anyconnect-legacy.mobileconfig'), 'utf8');
  const legacySeverity = (m: Message) => m.params.diagnostics.find((d: any) => d.code === 'vpn-legacy-only')?.severity;
  const configChanged = () => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(tmp, '.mobileconfig-lint.json')).href, type: 2 }] });

  before(async () => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-lsp-config-'));
    fs.writeFileSync(path.join(tmp, '.mobileconfig-lint.json'), '{ "rules": { "vpn-legacy-only": "error" }, "ignore": ["export/**"] }');
    fs.mkdirSync(path.join(tmp, 'profiles'));
    profileUri = pathToFileURL(path.join(tmp, 'profiles', 'a.mobileconfig')).href;
    client = new StdioClient(spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { cwd: tmp, stdio: 'pipe' }));
    await client.request('initialize', {
      processId: process.pid, rootUri: pathToFileURL(tmp).href,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    });
    client.notify('initialized', {});
  });

  after(() => {
    if (client && client.child.exitCode === null && client.child.signalCode === null) client.child.kill();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('asks the client to watch configuration files', async () => {
    const deadline = Date.now() + 10000;
    while (!client.requests.some((r) => r.method === 'client/registerCapability') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const registration = client.requests.find((r) => r.method === 'client/registerCapability')?.params.registrations[0];
    assert.equal(registration?.method, 'workspace/didChangeWatchedFiles');
    assert.deepEqual(registration.registerOptions.watchers, [{ globPattern: '**/.mobileconfig-lint.json' }]);
  });

  it('applies the severities of the nearest configuration file', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri: profileUri, languageId: 'mobileconfig', version: 1, text: legacyText } });
    await client.waitFor('vpn-legacy-only as an error', isDiagnosticsFor(profileUri, (ds) => ds.some((d) => d.code === 'vpn-legacy-only' && d.severity === 1)));
  });

  it('reads the file again when it changes and refreshes the diagnostics', async () => {
    fs.writeFileSync(path.join(tmp, '.mobileconfig-lint.json'), '{ "rules": { "vpn-legacy-only": "info" } }');
    client.notifications.length = 0;
    configChanged();
    const m = await client.waitFor('refreshed diagnostics', isDiagnosticsFor(profileUri, () => true));
    assert.equal(legacySeverity(m), 3);
  });

  it('tells where a malformed file is wrong, keeps running, and falls back to the defaults', async () => {
    fs.writeFileSync(path.join(tmp, '.mobileconfig-lint.json'), '{\n  "rules": { "vpn-legacy-only": "info", }\n}');
    client.notifications.length = 0;
    configChanged();
    // vscode-languageserver shows a message as a request (window/showMessageRequest), answered here with null.
    const deadline = Date.now() + 10000;
    const shownRequest = () => client.requests.find((r) => r.method === 'window/showMessageRequest');
    while (!shownRequest() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const shown = shownRequest()!;
    assert.equal(shown?.params.type, 2, 'a warning');
    assert.match(shown.params.message, /\.mobileconfig-lint\.json:2:41: invalid JSON: property name expected$/);
    const m = await client.waitFor('refreshed diagnostics', isDiagnosticsFor(profileUri, () => true));
    assert.equal(legacySeverity(m), 2);
  });

  it('publishes nothing for a profile its ignore globs cover', async () => {
    fs.writeFileSync(path.join(tmp, '.mobileconfig-lint.json'), '{ "ignore": ["export/**"] }');
    configChanged();
    const ignored = pathToFileURL(path.join(tmp, 'export', 'b.mobileconfig')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: ignored, languageId: 'mobileconfig', version: 1, text: legacyText } });
    await client.waitFor('an empty list', isDiagnosticsFor(ignored, (ds) => ds.length === 0));
  });
});
