/**
 * The linter on hostile files (issue 6): `node dist/cli.js` must exit 0 or 1, print JSON that parses, never
 * a stack trace, never the content of a file an entity names, and finish in bounded time, even for 20 MB.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostileCases } from '../../../scripts/hostile/cases';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const CASES = ['entity-bomb', 'external-entity-file', 'external-entity-http', 'deep-nesting-closed', 'huge-data-20mb', 'nul-bytes', 'invalid-utf8',
  'utf16le-bom', 'utf16be-bom', 'binary-plist', 'signed-der', 'signed-der-no-xml', 'empty', 'whitespace-only', 'mismatched-tags', 'key-1mb', 'lone-surrogates', 'storm-ampersands'];

describe('hostile inputs: CLI (dist/cli.js)', function () {
  this.timeout(180000);
  let tmp: string;

  before(function () {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-hostile-cli-'));
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  for (const c of hostileCases().filter((x) => CASES.includes(x.name))) {
    it(`${c.name}: exits 0 or 1 with JSON and no stack trace`, () => {
      const file = path.join(tmp, `${c.name}.mobileconfig`);
      fs.writeFileSync(file, c.bytes());
      const started = Date.now();
      const r = spawnSync(process.execPath, [cli, '--format', 'json', file], { encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      assert.equal(r.error, undefined, `spawn failed or timed out after ${Date.now() - started} ms`);
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}, stderr: ${r.stderr.slice(0, 2000)}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'stderr shows a stack trace');
      assert.doesNotMatch(r.stdout, /^\s+at .*\.js:\d+/m, 'stdout shows a stack trace');
      const reports = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[];
      assert.equal(reports.length, 1);
      assert.doesNotMatch(r.stdout, /root:x?:0:0:/, 'the content of /etc/passwd appears in the output');
    });
  }
});
