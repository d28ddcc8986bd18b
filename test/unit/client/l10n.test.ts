/**
 * Every string the client shows goes through `vscode.l10n.t` with a literal, and the Japanese bundle must hold
 * each one: a missing entry shows English under a Japanese UI, which no one sees until a user does.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

function clientSources(dir = path.join(root, 'client/src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? clientSources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** The first argument of every `l10n.t(...)` call written as a single-quoted literal. */
function literals(text: string): string[] {
  return [...text.matchAll(/(?:\bl10n\.t|(?<![\w.])t)\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
}

describe('client strings in Japanese', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
  it('has a Japanese entry for every l10n.t literal of the client', () => {
    const missing: string[] = [];
    for (const file of clientSources()) {
      for (const s of literals(fs.readFileSync(file, 'utf8'))) if (!(s in bundle)) missing.push(`${path.relative(root, file)}: ${s}`);
    }
    assert.deepEqual(missing, []);
  });
  it('finds the literals it checks (the pattern still matches the code)', () => {
    assert.deepEqual(literals("vscode.l10n.t('It\\'s {0}', x); l10n.t( 'b')"), ["It's {0}", 'b']);
    assert.ok(clientSources().map((f) => literals(fs.readFileSync(f, 'utf8')).length).reduce((a, b) => a + b) > 50);
  });
  it('has the same keys in package.nls.ja.json as in package.nls.json', () => {
    const en = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'))).sort();
    const ja = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ja.json'), 'utf8'))).sort();
    assert.deepEqual(ja, en);
  });
});
