/**
 * A flood of edits to a document whose diagnostics are pushed (issue 14): a client sends 1 000 didChange
 * notifications in one write on a 1 MB profile. The server must validate and send only the latest versions
 * (a handful of publications, not one per edit) and its peak resident memory must stay within 200 MiB of
 * what it used before the flood. Memory is read from /proc (Linux), as CI runs there.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateProfile } from '../../../scripts/bench/generate';
import { Client, Message } from './lspClient';

const root = path.resolve(__dirname, '../../..');
const EDITS = 1000;

/** A field of /proc/PID/status in KiB: VmRSS is the resident size now, VmHWM its peak since the process started. */
function memoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)![1]);
}

function frame(message: Message): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

describe('hostile inputs: a flood of edits with pushed diagnostics', function () {
  this.timeout(240000);
  let client: Client;

  before(async function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    client = new Client(spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { cwd: root, stdio: 'pipe' }));
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {} } } });
    client.notify('initialized', {});
  });

  after(() => { if (client && client.child.exitCode === null) client.child.kill(); });

  it(`${EDITS} edits in one write on a 1 MB profile: a handful of publications, peak RSS growth under 200 MiB`, async () => {
    const uri = 'file:///hostile/flood.mobileconfig';
    const { text } = generateProfile({ targetBytes: 1_000_000, seed: 14 });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mobileconfig', version: 1, text } });
    await client.diagnosticsFor(uri, 1, 60000);
    const pid = client.child.pid!;
    const before = memoryKiB(pid, 'VmRSS');
    client.notifications.length = 0;

    // Keystrokes inside the first display name: each inserts one character after the previous one.
    const offset = text.indexOf('<string>', text.indexOf('<key>PayloadDisplayName</key>')) + '<string>'.length;
    const line = text.slice(0, offset).split('\n').length - 1;
    const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
    const frames: Buffer[] = [];
    for (let i = 0; i < EDITS; i++) {
      const at = { line, character: character + i };
      frames.push(frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] } }));
    }
    client.child.stdin.write(Buffer.concat(frames));

    // Count publications until the last version's arrives; keep only counts, so the test holds no flood itself.
    const last = EDITS + 1;
    const versions: number[] = [];
    const deadline = Date.now() + 120000;
    const drain = () => {
      for (const m of client.notifications.splice(0)) {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) versions.push(m.params.version);
      }
    };
    while (!versions.includes(last)) {
      assert.ok(Date.now() < deadline && client.child.exitCode === null, `no publication of v${last} (exit ${client.child.exitCode}, ${versions.length} publications); stderr: ${client.stderr.slice(-2000)}`);
      drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    // Anything still queued would arrive now.
    await new Promise((r) => setTimeout(r, 1000));
    drain();
    const growthMiB = (memoryKiB(pid, 'VmHWM') - before) / 1024;
    assert.ok(versions.length <= 5, `${versions.length} publications for ${EDITS} edits: ${versions.slice(0, 20).join(', ')}`);
    assert.equal(versions[versions.length - 1], last, 'the last publication is of the latest version');
    assert.ok(growthMiB < 200, `peak RSS grew by ${growthMiB.toFixed(0)} MiB`);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0);
    console.log(`      ${versions.length} publication(s) for ${EDITS} edits; peak RSS growth ${growthMiB.toFixed(1)} MiB`);
  });
});
