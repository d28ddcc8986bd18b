/**
 * The linter's pipeline options, run as CI runs it (node dist/cli.js, real files): the configuration file,
 * ignore globs, --max-warnings, --output, and portal-mode profile names across the files given.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const legacy = fs.readFileSync(path.join(root, 'examples/anyconnect-legacy.mobileconfig'), 'utf8');

interface Run { status: number | null; stdout: string; stderr: string }

describe('mobileconfig-lint pipeline options', function () {
  let tmp: string;

  before(function () {
    this.timeout(60000);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
  });

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-pipeline-'));
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function write(file: string, text: string): string {
    const full = path.join(tmp, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  }

  function lint(...args: string[]): Run {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const codes = (r: Run) => (JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: string }[] }[])
    .map((f) => `${f.file}: ${f.diagnostics.map((d) => `${d.severity} ${d.code}`).join(', ')}`);

  describe('configuration file', () => {
    it('is found by walking up from each file and sets severities', () => {
      write('.mobileconfig-lint.json', '{ "rules": { "vpn-legacy-only": "error" } }');
      write('profiles/deep/a.mobileconfig', legacy);
      const r = lint('--format', 'json', 'profiles');
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(codes(r), ['profiles/deep/a.mobileconfig: error vpn-legacy-only']);
    });

    it('nearest wins; --config overrides the lookup; --no-config ignores every file', () => {
      write('.mobileconfig-lint.json', '{ "rules": { "vpn-legacy-only": "error" } }');
      write('team/.mobileconfig-lint.json', '{ "rules": { "vpn-legacy-only": "off" } }');
      write('team/a.mobileconfig', legacy);
      write('other.json', '{ "rules": { "vpn-legacy-only": "info" } }');
      assert.deepEqual(codes(lint('--format', 'json', 'team')), ['team/a.mobileconfig: ']);
      assert.deepEqual(codes(lint('--format', 'json', '--config', 'other.json', 'team')), ['team/a.mobileconfig: information vpn-legacy-only']);
      assert.deepEqual(codes(lint('--format', 'json', '--no-config', 'team')), ['team/a.mobileconfig: warning vpn-legacy-only']);
    });

    it('a malformed file gives a located message, no stack, exit 2, and the profiles are still reported', () => {
      write('.mobileconfig-lint.json', '{\n  "mode": "portal",\n  "rules": { "vpn-legacy-only": "eror" }\n}\n');
      write('a.mobileconfig', legacy);
      const r = lint('a.mobileconfig');
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'mobileconfig-lint: .mobileconfig-lint.json:3:33: the severity of "vpn-legacy-only" must be one of "error", "warning", "info", "hint", "off"\n');
      assert.match(r.stdout, /a\.mobileconfig:\d+:\d+ warning vpn-legacy-only/);
      write('.mobileconfig-lint.json', '{ "mode": "portal" ');
      const broken = lint('a.mobileconfig');
      assert.equal(broken.status, 2);
      assert.match(broken.stderr, /^mobileconfig-lint: \.mobileconfig-lint\.json:1:20: invalid JSON: close brace expected\n$/);
    });

    it('a missing --config file is reported even when no profile is found', () => {
      const r = lint('--config', 'nope.json', '.');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /nope\.json:1:1: cannot read the configuration file: no such file/);
    });

    it('sets the mode, and --mode wins over it', () => {
      write('.mobileconfig-lint.json', '{ "mode": "portal" }');
      write('a.mobileconfig', legacy);
      write('b.mobileconfig', legacy);
      assert.ok(codes(lint('--format', 'json', '.'))[0].includes('portal-profile-name'));
      assert.ok(!codes(lint('--format', 'json', '--mode', 'standalone', '.'))[0].includes('portal-profile-name'));
    });

    it('ignore globs skip files found in folders and files named on the command line', () => {
      write('.mobileconfig-lint.json', '{ "ignore": ["export/**", "*.draft.mobileconfig"] }');
      write('a.mobileconfig', legacy);
      write('export/a.mobileconfig', legacy);
      write('b.draft.mobileconfig', legacy);
      assert.deepEqual(codes(lint('--format', 'json', '.')), ['a.mobileconfig: warning vpn-legacy-only']);
      // pre-commit passes only the changed files: all of them ignored is a success, not "no files found".
      const named = lint('export/a.mobileconfig', 'b.draft.mobileconfig');
      assert.equal(named.status, 0, named.stderr);
      assert.equal(named.stdout, '');
    });
  });

  describe('--max-warnings and --output', () => {
    it('exits 1 when warnings exceed --max-warnings, 0 at the limit', () => {
      write('a.mobileconfig', legacy);
      write('b.mobileconfig', legacy.replace(/Example Remote Access \(legacy\)/g, 'Other'));
      const at = lint('--max-warnings', '2', '.');
      assert.equal(at.status, 0, at.stderr);
      const over = lint('--max-warnings', '1', '.');
      assert.equal(over.status, 1);
      assert.equal(over.stderr, 'mobileconfig-lint: 2 warnings found, more than --max-warnings 1 allows\n');
      assert.equal(lint('--max-warnings', 'many', '.').status, 2);
      assert.equal(lint('--max-warnings', '-1', '.').status, 2);
    });

    it('writes the report to --output (creating its folder) and nothing to stdout', () => {
      write('a.mobileconfig', legacy);
      const r = lint('--format', 'sarif', '--output', 'reports/lint.sarif', 'a.mobileconfig');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const log = JSON.parse(fs.readFileSync(path.join(tmp, 'reports/lint.sarif'), 'utf8'));
      assert.equal(log.runs[0].results[0].ruleId, 'vpn-legacy-only');
    });

    it('exits 2 with a message when --output cannot be written', () => {
      write('a.mobileconfig', legacy);
      write('taken', 'a file, not a folder');
      const r = lint('--output', 'taken/out.txt', 'a.mobileconfig');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^mobileconfig-lint: cannot write 'taken\/out\.txt': /);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
    });

    it('writes an empty SARIF log when every file is ignored, so an upload step always has a file', () => {
      write('.mobileconfig-lint.json', '{ "ignore": ["*.mobileconfig"] }');
      write('a.mobileconfig', legacy);
      const r = lint('--format', 'sarif', '--output', 'out.sarif', 'a.mobileconfig');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(tmp, 'out.sarif'), 'utf8')).runs[0].results, []);
    });
  });

  describe('--mode portal across the files given (issue 13)', () => {
    it('flags two files with the same profile name, each naming the other, with the editor\'s rule and message', () => {
      write('a.mobileconfig', legacy);
      write('b.mobileconfig', legacy);
      write('c.mobileconfig', legacy.replace(/Example Remote Access \(legacy\)/g, 'Unique name'));
      const r = lint('--format', 'json', '--mode', 'portal', 'a.mobileconfig', 'b.mobileconfig', 'c.mobileconfig');
      assert.equal(r.status, 1);
      const reports = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[];
      const names = reports.map((f) => f.diagnostics.filter((d) => d.code === 'portal-profile-name').map((d) => d.message));
      assert.deepEqual(names, [
        ['Profile name "Example Remote Access (legacy)" is also used by b.mobileconfig: uploading replaces the registered profile of that name.'],
        ['Profile name "Example Remote Access (legacy)" is also used by a.mobileconfig: uploading replaces the registered profile of that name.'],
        [],
      ]);
    });

    it('does not compare in standalone mode, nor a file with itself when it is named twice', () => {
      write('a.mobileconfig', legacy);
      write('b.mobileconfig', legacy);
      assert.equal(lint('--format', 'json', 'a.mobileconfig', 'b.mobileconfig').stdout.includes('portal-profile-name'), false);
      assert.equal(lint('--format', 'json', '--mode', 'portal', 'a.mobileconfig', './a.mobileconfig').stdout.includes('portal-profile-name'), false);
    });
  });
});
