/**
 * replaceFileSafely on the files a naive temp-and-rename mishandles (issue 14, "Files"): modes, links, hard links,
 * read-only files, long names and a failure after the temp file exists. The tests run as root, which passes every
 * access check, so "read-only" is made with mode bits (the check the code makes first) or, for the access check,
 * by running a child process as the unprivileged user `nobody` (uid 65534).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSameFile, replaceFileSafely, WriteRefused } from '../../../server/src/safeWrite';

const isRoot = process.getuid?.() === 0;

/** Runs `script` as the user nobody with `replaceFileSafely` in scope; returns what it printed. */
function asNobody(script: string): string {
  const module = path.resolve(__dirname, '../../../server/src/safeWrite.ts');
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', `const { replaceFileSafely } = require(${JSON.stringify(module)}); ${script}`],
    { uid: 65534, gid: 65534, encoding: 'utf8', cwd: os.tmpdir() });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function temps(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

describe('hostile inputs: replaceFileSafely', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-safewrite-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('keeps the mode of the file it replaces (0600 stays 0600)', () => {
    const file = path.join(tmp, 'secret.mobileconfig');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    replaceFileSafely(file, Buffer.from('new'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.deepEqual(temps(tmp), []);
  });

  it('refuses a file without any write bit, even as root', () => {
    const file = path.join(tmp, 'ro.mobileconfig');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o444);
    assert.throws(() => replaceFileSafely(file, Buffer.from('new')), (e: unknown) => e instanceof WriteRefused && e.reason === 'read-only' && /read-only/.test(e.message));
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(temps(tmp), []);
  });

  it('refuses a file this process may not write (the access check, run as nobody)', function () {
    if (!isRoot) this.skip();
    const file = path.join(tmp, 'root-owned.mobileconfig');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o644);
    // nobody may create files in the folder, so only the access check can stop the rename over root's file.
    fs.chmodSync(tmp, 0o777);
    assert.equal(asNobody(`try { replaceFileSafely(${JSON.stringify(file)}, Buffer.from('new')); console.log('written'); } catch (e) { console.log(e.reason ?? e.code); }`), 'read-only');
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(temps(tmp), []);
  });

  it('writes the target of a symbolic link and keeps the link', () => {
    const real = path.join(tmp, 'real');
    fs.mkdirSync(real);
    const target = path.join(real, 'target.mobileconfig');
    fs.writeFileSync(target, 'old');
    const link = path.join(tmp, 'link.mobileconfig');
    fs.symlinkSync(target, link);
    const outcome = replaceFileSafely(link, Buffer.from('new'));
    assert.deepEqual(outcome, { written: fs.realpathSync(target), throughLink: true });
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(temps(tmp), []);
    assert.deepEqual(temps(real), []);
  });

  it('refuses a hard-linked file instead of splitting the links', () => {
    const file = path.join(tmp, 'a.mobileconfig');
    const other = path.join(tmp, 'b.mobileconfig');
    fs.writeFileSync(file, 'old');
    fs.linkSync(file, other);
    assert.throws(() => replaceFileSafely(file, Buffer.from('new')), (e: unknown) => e instanceof WriteRefused && e.reason === 'hard-linked' && /2 hard links/.test(e.message));
    assert.equal(fs.statSync(file).ino, fs.statSync(other).ino);
    assert.equal(fs.readFileSync(other, 'utf8'), 'old');
  });

  it('refuses a directory and a missing file unless asked to create it', () => {
    assert.throws(() => replaceFileSafely(tmp, Buffer.from('x')), (e: unknown) => e instanceof WriteRefused && e.reason === 'not-a-file');
    const missing = path.join(tmp, 'missing.mobileconfig');
    assert.throws(() => replaceFileSafely(missing, Buffer.from('x')), /ENOENT/);
    replaceFileSafely(missing, Buffer.from('x'), { mayCreate: true });
    assert.equal(fs.readFileSync(missing, 'utf8'), 'x');
  });

  it('keeps its temp name short, so a 250-byte file name can be replaced', () => {
    const file = path.join(tmp, `${'あ'.repeat(79)}.mobileconfig`);
    assert.equal(Buffer.byteLength(path.basename(file)), 250);
    fs.writeFileSync(file, 'old');
    replaceFileSafely(file, Buffer.from('new'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  });

  it('removes its temp file when writing fails after the temp file exists', () => {
    const file = path.join(tmp, 'x.mobileconfig');
    fs.writeFileSync(file, 'old');
    // Data that is not bytes makes the write throw once the temp file is open: the error path must clean up.
    assert.throws(() => replaceFileSafely(file, {} as Uint8Array));
    assert.deepEqual(temps(tmp), []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  });

  it('fails, leaving nothing behind, in a folder it may not write (as nobody)', function () {
    if (!isRoot) this.skip();
    const file = path.join(tmp, 'x.mobileconfig');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o666);
    fs.chmodSync(tmp, 0o755);
    assert.equal(asNobody(`try { replaceFileSafely(${JSON.stringify(file)}, Buffer.from('new')); console.log('written'); } catch (e) { console.log(e.reason ?? e.code); }`), 'EACCES');
    assert.deepEqual(temps(tmp), []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  });

  it('knows a link to a file, or a hard link, is the same file (the export must not overwrite its source)', () => {
    const source = path.join(tmp, 'source.mobileconfig');
    fs.writeFileSync(source, 'x');
    fs.symlinkSync(source, path.join(tmp, 'soft.mobileconfig'));
    fs.linkSync(source, path.join(tmp, 'hard.mobileconfig'));
    fs.writeFileSync(path.join(tmp, 'other.mobileconfig'), 'x');
    assert.equal(isSameFile(path.join(tmp, 'soft.mobileconfig'), source), true);
    assert.equal(isSameFile(path.join(tmp, 'hard.mobileconfig'), source), true);
    assert.equal(isSameFile(path.join(tmp, 'other.mobileconfig'), source), false);
    assert.equal(isSameFile(path.join(tmp, 'missing.mobileconfig'), source), false);
  });
});
