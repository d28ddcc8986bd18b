/**
 * The .vsix holds what the installed extension shows: every file README links to (its images, read from the
 * package on the extension's page) and every media file the client's webviews load. Lists the package with
 * `vsce ls`, which applies .vscodeignore exactly as `vsce package` does.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function packaged(): Set<string> {
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return new Set(out.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
}

function clientSources(dir = path.join(root, 'client/src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? clientSources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

describe('packaging', function () {
  this.timeout(60_000);
  let files: Set<string>;
  before(() => { files = packaged(); });

  it('packages every local file README links to or shows', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
    assert.ok(links.some((l) => l.startsWith('docs/images/')), 'README shows images');
    assert.deepEqual(links.filter((l) => fs.existsSync(path.join(root, l)) && !files.has(l)), []);
  });

  it('packages every media file a webview loads', () => {
    const media = clientSources().flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/'([\w-]+\.(?:css|js))'/g)].map((m) => `media/${m[1]}`));
    assert.ok(media.includes('media/report.css') && media.includes('media/preview.js'));
    assert.deepEqual(media.filter((m) => !files.has(m)), []);
  });

  it('leaves sources and tests out', () => {
    assert.deepEqual([...files].filter((f) => /^(client|server|test|scripts)\//.test(f)), []);
  });
});
