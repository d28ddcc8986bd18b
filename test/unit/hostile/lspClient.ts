/**
 * Just enough of an LSP client for the hostile suite's stdio-server tests: Content-Length framing, requests matched
 * to responses, server requests accepted with null, notifications kept for polling.
 */
import { ChildProcessWithoutNullStreams } from 'node:child_process';

export type Message = { jsonrpc: '2.0'; id?: number; method?: string; params?: any; result?: any; error?: { message: string } };

export class Client {
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
