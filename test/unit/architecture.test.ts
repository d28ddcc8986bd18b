/**
 * Fails when a dependency arrow of STYLE.md section 2 is broken: the service stays pure (no vscode,
 * no transport, no fs, no process, no timers) and the client reaches the server only through protocol.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2]);
}

describe('architecture', () => {
  it('keeps server/src/service pure', () => {
    const allowedPackages = new Set(['vscode-languageserver-types', 'vscode-languageserver-textdocument']);
    for (const file of sources('server/src/service')) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(path.join(root, file)), spec);
          assert.ok(target.startsWith(path.join(root, 'server/src/service')), `${file} imports ${spec} from outside the service`);
        } else {
          assert.ok(allowedPackages.has(spec), `${file} imports ${spec}`);
        }
      }
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      assert.doesNotMatch(text, /\b(setTimeout|setInterval|setImmediate|process\.\w+)\b/, `${file} uses timers or process`);
    }
  });

  it('lets the client reach the server only through protocol.ts', () => {
    for (const file of sources('client/src')) {
      for (const spec of imports(file)) {
        if (spec.includes('server/src')) assert.match(spec, /server\/src\/protocol$/, `${file} imports ${spec}`);
      }
    }
  });

  it('keeps LSP transport out of the CLI', () => {
    for (const spec of imports('server/src/cli.ts')) assert.ok(!spec.startsWith('vscode-languageserver/'), spec);
  });
});
