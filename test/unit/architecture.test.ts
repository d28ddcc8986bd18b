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

  it('keeps no module-level mutable state in server/src/service (the catalog aside)', () => {
    // Derived facts live on one immutable model per parse (service/model/), memoised on the model object;
    // only the lazily loaded, immutable catalog may keep tables at module level.
    const mutable = /^(?:export\s+)?(?:let\s|var\s|const\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Map|Set|WeakMap|WeakSet)\b)/m;
    const offenders = sources('server/src/service')
      .filter((file) => !file.startsWith(path.join('server', 'src', 'service', 'catalog')))
      .filter((file) => mutable.test(fs.readFileSync(path.join(root, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('the check for module-level state can fail', () => {
    const mutable = /^(?:export\s+)?(?:let\s|var\s|const\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Map|Set|WeakMap|WeakSet)\b)/m;
    assert.match('const cache = new WeakMap<object, number>();', mutable);
    assert.match('let count = 0;', mutable);
    assert.doesNotMatch('  const local = new Map();', mutable);
  });

  it('keeps the migration free of rule imports (rules use the migration, not the other way round)', () => {
    for (const spec of imports('server/src/service/migrate.ts')) assert.ok(!spec.includes('rules'), `migrate.ts imports ${spec}`);
  });

  it('lists every rule file in the one registry', () => {
    const registry = fs.readFileSync(path.join(root, 'server/src/service/rules/index.ts'), 'utf8');
    const ruleFiles = fs.readdirSync(path.join(root, 'server/src/service/rules')).filter((f) => /^[a-z]+(-[a-z0-9]+)+\.ts$/.test(f));
    for (const f of ruleFiles) assert.ok(registry.includes(`'./${f.slice(0, -3)}'`), `rules/index.ts does not list ${f}`);
  });

  it('lets the client reach the server only through protocol.ts (and the file writer safeWrite.ts)', () => {
    for (const file of sources('client/src')) {
      for (const spec of imports(file)) {
        // safeWrite knows files, not plists: the CLI's --fix and the client's export share its one careful write.
        if (spec.includes('server/src')) assert.match(spec, /server\/src\/(protocol|safeWrite)$/, `${file} imports ${spec}`);
      }
    }
  });

  it('keeps LSP transport out of the CLI', () => {
    for (const spec of imports('server/src/cli.ts')) assert.ok(!spec.startsWith('vscode-languageserver/'), spec);
  });
});
