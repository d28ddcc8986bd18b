/**
 * Runs a function with every way Node reads a file, opens a socket or starts a process replaced by a
 * recorder that throws, and reports what was attempted. The parser must never resolve an external entity
 * or DTD, so any call here during a validation is a failure, even if the code caught the exception.
 */
import { createRequire } from 'node:module';

// The real module objects, not `import * as` namespaces: a TypeScript/esbuild namespace import is a copy
// with getters, and patching that copy would leave every other module's `fs` untouched.
const load = createRequire(__filename);
const fs = load('node:fs');

type Target = { name: string; object: Record<string, unknown>; keys: string[] };

const targets: Target[] = [
  { name: 'fs', object: fs, keys: ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readSync', 'read', 'existsSync', 'statSync', 'stat', 'readdirSync', 'readdir', 'accessSync', 'access', 'realpathSync', 'lstatSync'] },
  { name: 'fs.promises', object: fs.promises, keys: ['readFile', 'open', 'stat', 'readdir', 'access'] },
  { name: 'net', object: load('node:net'), keys: ['connect', 'createConnection'] },
  { name: 'tls', object: load('node:tls'), keys: ['connect'] },
  { name: 'http', object: load('node:http'), keys: ['request', 'get'] },
  { name: 'https', object: load('node:https'), keys: ['request', 'get'] },
  { name: 'http2', object: load('node:http2'), keys: ['connect'] },
  { name: 'dns', object: load('node:dns'), keys: ['lookup', 'resolve'] },
  { name: 'dgram', object: load('node:dgram'), keys: ['createSocket'] },
  { name: 'child_process', object: load('node:child_process'), keys: ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] },
  { name: 'globalThis', object: globalThis as unknown as Record<string, unknown>, keys: ['fetch'] },
];

/** Calls `fn` with I/O forbidden; returns its result (or the exception) and the list of attempted calls. */
export function withoutIo<T>(fn: () => T): { result?: T; error?: unknown; calls: string[] } {
  const calls: string[] = [];
  const saved: { object: Record<string, unknown>; key: string; value: unknown; own: boolean }[] = [];
  for (const t of targets) {
    for (const key of t.keys) {
      const value = t.object[key];
      if (typeof value !== 'function') continue;
      const own = Object.prototype.hasOwnProperty.call(t.object, key);
      try {
        Object.defineProperty(t.object, key, {
          configurable: true, writable: true, enumerable: true,
          value: (...args: unknown[]) => {
            calls.push(`${t.name}.${key}(${args.map((a) => (typeof a === 'string' ? JSON.stringify(a) : typeof a)).join(', ')})`);
            throw new Error(`${t.name}.${key} called during a no-I/O section`);
          },
        });
        saved.push({ object: t.object, key, value, own });
      } catch {
        // A non-configurable export cannot be replaced; the ones that matter (above) all can be on Node 20.
      }
    }
  }
  try {
    return { result: fn(), calls };
  } catch (error) {
    return { error, calls };
  } finally {
    for (const s of saved.reverse()) {
      Object.defineProperty(s.object, s.key, { configurable: true, writable: true, enumerable: true, value: s.value });
    }
  }
}
