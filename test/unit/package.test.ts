/**
 * The npm package as users get it: `npm pack` (which runs the production build), then `npm install -g` of the
 * tarball into an empty prefix with no network and no cache, then the installed `mobileconfig-lint` on the
 * examples. Also: what the tarball holds, and that it needs no run-time dependency.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('npm package (npm pack, then npm install -g of the tarball, offline)', function () {
  this.timeout(120000);
  let tmp: string;
  let tarball: string;
  let packed: string[];
  let packStdout: string;
  let bin: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-pack-'));
    // `npm pack` runs `prepack`, the same production build as the .vsix's `vscode:prepublish`. Its stdout is
    // read as pre-commit reads it: the tarball's name and nothing else.
    packStdout = execFileSync(npm, ['pack', '--pack-destination', tmp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = path.join(tmp, packStdout.trim());
    packed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
    const prefix = path.join(tmp, 'prefix');
    // An empty cache and --offline: the install fails if it needs anything from a registry.
    execFileSync(npm, ['install', '-g', '--prefix', prefix, '--cache', path.join(tmp, 'cache'), '--offline', '--no-audit', '--no-fund', tarball],
      { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    bin = process.platform === 'win32' ? path.join(prefix, 'mobileconfig-lint.cmd') : path.join(prefix, 'bin', 'mobileconfig-lint');
  });

  after(() => {
    // The tests after this one expect the development build (with sourcemaps) that `npm pack` replaced.
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints only the tarball\'s name on stdout (pre-commit installs a node hook by that name)', () => {
    assert.equal(packStdout, `${manifest.name}-${manifest.version}.tgz\n`);
  });

  it('declares no run-time dependencies: the bundles include everything they import', () => {
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.optionalDependencies, undefined);
    assert.equal(manifest.peerDependencies, undefined);
  });

  it('packs the bundles, the configuration schema and the docs, and no sources, tests or sourcemaps', () => {
    assert.deepEqual(packed, [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json', 'schemas/mobileconfig-lint.schema.json',
    ]);
  });

  it('installs a mobileconfig-lint that lints the examples with only node on PATH, from any folder', () => {
    const work = path.join(tmp, 'work');
    fs.cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
    const r = spawnSync(bin, ['--format', 'json', 'examples/'], {
      cwd: work, encoding: 'utf8',
      // No repository node_modules and no other tools: what a machine with only Node 20 has.
      env: { PATH: path.dirname(process.execPath), LANG: 'C', HOME: tmp },
    });
    assert.equal(r.status, 0, r.stderr);
    const reports = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
    assert.deepEqual(reports.map((f) => f.file), fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.mobileconfig')).sort().map((f) => path.join('examples', f)));
    assert.ok(reports.some((f) => f.diagnostics.some((d) => d.code === 'vpn-legacy-only')), 'the legacy example is flagged');
  });

  it('reports the version of package.json', () => {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { PATH: path.dirname(process.execPath) } });
    assert.equal(r.stdout.trim(), manifest.version);
  });

  it('builds the npm package and the .vsix with the same production build, and ships the schema in both', () => {
    assert.match(manifest.scripts.prepack, /build:production/);
    assert.match(manifest.scripts['vscode:prepublish'], /build:production/);
    const vscodeignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    for (const v of manifest.contributes.jsonValidation as { url: string }[]) {
      assert.ok(vscodeignore.includes(`!${v.url.replace(/^\.\//, '')}`), `${v.url} is not in the .vsix`);
    }
  });
});
