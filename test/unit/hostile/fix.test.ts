/**
 * `--fix` and text output of the bundled linter on hostile file systems and names (issue 14): a link planted under
 * the old predictable temp name, modes, symbolic and hard links, read-only files, folders the user cannot write,
 * long names, and control characters in file names and values. Runs as root, like CI: "cannot write" cases run
 * the CLI as the user nobody (uid 65534), since root passes every permission check.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const legacy = fs.readFileSync(path.join(root, 'test/fixtures/features/migrate-two-legacy.mobileconfig'), 'utf8');
const isRoot = process.getuid?.() === 0;
const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };

interface Run { status: number | null; stdout: string; stderr: string }

function run(args: string[], asNobody = false): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: os.tmpdir(), encoding: 'utf8', env, ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fix = (file: string, asNobody = false) => run(['--fix', 'anyconnect=replace', file], asNobody);
const migrated = legacy.split('com.cisco.anyconnect.applevpn.plugin').join('com.cisco.anyconnect');

describe('hostile inputs: --fix and text output (dist/cli.js)', function () {
  this.timeout(60000);
  let tmp: string;

  before(() => { execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' }); });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-hostile-fix-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  const temps = (dir = tmp) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('does not follow a link planted under the temp name the fix used to pick (.<name>.<pid>.tmp)', () => {
    const file = path.join(tmp, 'p.mobileconfig');
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(file, legacy);
    fs.writeFileSync(victim, 'precious');
    // The CLI runs in this child, so the child knows its own pid and can plant the link first.
    const script = `require('fs').symlinkSync(${JSON.stringify(victim)}, ${JSON.stringify(path.join(tmp, '.p.mobileconfig.'))} + process.pid + '.tmp');`
      + `process.exitCode = require(${JSON.stringify(cli)}).main(['--fix', 'anyconnect=replace', ${JSON.stringify(file)}]);`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.equal(fs.readFileSync(file, 'utf8'), migrated);
  });

  it('keeps a 0600 file at 0600', () => {
    const file = path.join(tmp, 'p.mobileconfig');
    fs.writeFileSync(file, legacy, { mode: 0o600 });
    assert.equal(fix(file).status, 0);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), migrated);
  });

  it('refuses a read-only (0444) file with a clear message', () => {
    const file = path.join(tmp, 'p.mobileconfig');
    fs.writeFileSync(file, legacy, { mode: 0o444 });
    const r = fix(file);
    assert.match(r.stderr, /p\.mobileconfig: not changed: it is read-only$/m);
    assert.doesNotMatch(r.stderr, /replaced/);
    assert.equal(fs.readFileSync(file, 'utf8'), legacy);
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
  });

  it('refuses a file the user may not write, in a folder they may (as nobody)', function () {
    if (!isRoot) this.skip();
    const file = path.join(tmp, 'p.mobileconfig');
    fs.writeFileSync(file, legacy, { mode: 0o644 });
    fs.chmodSync(tmp, 0o777);
    const r = fix(file, true);
    assert.match(r.stderr, /not changed: it is read-only/);
    assert.equal(fs.readFileSync(file, 'utf8'), legacy);
    assert.equal(fs.statSync(file).uid, 0, 'still root\'s file');
  });

  it('in a folder the user cannot write, reports only the failure, not "replaced" (as nobody)', function () {
    if (!isRoot) this.skip();
    const file = path.join(tmp, 'p.mobileconfig');
    fs.writeFileSync(file, legacy, { mode: 0o666 });
    fs.chmodSync(file, 0o666);
    fs.chmodSync(tmp, 0o755);
    const r = fix(file, true);
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /replaced/);
    assert.match(r.stderr, /^mobileconfig-lint: cannot write '.*p\.mobileconfig': permission denied \(not changed\)$/m);
    assert.doesNotMatch(r.stderr, /cannot read/);
    assert.equal(fs.readFileSync(file, 'utf8'), legacy);
    assert.deepEqual(temps(), []);
  });

  it('writes a symbolic link\'s target, keeps the link and says so', () => {
    fs.mkdirSync(path.join(tmp, 'real'));
    const target = path.join(tmp, 'real', 'p.mobileconfig');
    const link = path.join(tmp, 'link.mobileconfig');
    fs.writeFileSync(target, legacy);
    fs.symlinkSync(target, link);
    const r = fix(link);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(target, 'utf8'), migrated);
    assert.match(r.stderr, /link\.mobileconfig: a symbolic link: its target .*real\/p\.mobileconfig was rewritten, the link kept/);
    assert.deepEqual(temps(path.join(tmp, 'real')), []);
  });

  it('refuses a hard-linked file instead of splitting its links', () => {
    const file = path.join(tmp, 'p.mobileconfig');
    const other = path.join(tmp, 'other.mobileconfig');
    fs.writeFileSync(file, legacy);
    fs.linkSync(file, other);
    const r = fix(file);
    assert.match(r.stderr, /not changed: it has 2 hard links/);
    assert.equal(fs.statSync(file).ino, fs.statSync(other).ino);
    assert.equal(fs.readFileSync(file, 'utf8'), legacy);
  });

  it('fixes a file whose name is 250 bytes long (the temp name fits too)', () => {
    const file = path.join(tmp, `${'あ'.repeat(79)}.mobileconfig`);
    fs.writeFileSync(file, legacy);
    const r = fix(file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), migrated);
  });

  it('escapes control characters of file names and values in text output; JSON keeps them exactly', () => {
    const name = 'evil\u001b]0;owned\u0007\nforged.mobileconfig:1:1 error fake \u009b31m\u202e.mobileconfig';
    const file = path.join(tmp, name);
    // A broken key brings the profile's name (ESC is not legal XML, but still reported) into a diagnostic.
    fs.writeFileSync(file, legacy.replace('<string>AnyConnect VPN</string>', '<string>Any\u001b[31mConnect\r\u0085VPN</string>').replace(/<key>PayloadType<\/key>(\s*<string>Configuration)/, '<key>PayloadTyp</key>$1'));
    const text = run([file]);
    assert.doesNotMatch(text.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/, 'a control character reached the terminal');
    assert.ok(text.stdout.split('\n').every((line) => line === '' || line.startsWith(tmp) || /^\d+ files?, /.test(line)), 'a line was forged');
    assert.match(text.stdout, /evil\\x1B\]0;owned\\x07\\nforged/);
    assert.match(text.stdout, /Any\\x1B\[31mConnect\\r\\x85VPN/, 'the profile name is in a message, escaped');
    // A payload's name (C1 CSI, CR and RLO are legal XML) reaches the fix's report on stderr.
    const named = path.join(tmp, 'named.mobileconfig');
    fs.writeFileSync(named, legacy.replace('<string>Tokyo</string>', '<string>Tok\u009b2Jyo\r\u202e</string>'));
    const fixed = fix(named);
    assert.doesNotMatch(fixed.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.match(fixed.stderr, /"Tok\\x9B2Jyo\\r\\u202E"/);
    const json = JSON.parse(run(['--format', 'json', file]).stdout) as { file: string }[];
    assert.equal(json[0].file, file);
  });
});
