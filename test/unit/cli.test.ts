/**
 * Runs the bundled linter (`node dist/cli.js`) as CI would: real processes, real files, exit codes.
 * The service's own rules are tested elsewhere; here we check arguments, file discovery, byte decoding and formats.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const fixtures = 'test/fixtures/cli';
const duplicate = `${fixtures}/duplicate-uuid.mobileconfig`;
const clean = `${fixtures}/clean.mobileconfig`;

interface Run { status: number | null; stdout: string; stderr: string }

function lint(...args: string[]): Run {
  // A fixed locale keeps the messages English whatever the machine's LANG.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lintJson(...args: string[]) {
  const r = lint('--format', 'json', ...args);
  return { ...r, reports: JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[] };
}

/** The places a duplicated-UUID report must point at, as LSP 0-based ranges of the UUID text. */
const duplicateRanges = [
  { start: { line: 12, character: 20 }, end: { line: 12, character: 56 } },
  { start: { line: 37, character: 12 }, end: { line: 37, character: 48 } },
];

function assertNoStack(stderr: string) {
  assert.doesNotMatch(stderr, /^\s+at /m, 'stderr shows a stack trace');
}

describe('mobileconfig-lint (dist/cli.js)', function () {
  let tmp: string;

  before(function () {
    this.timeout(60000);
    // Always rebuild: a stale dist/ would test yesterday's CLI.
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-cli-'));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('exit status and JSON', () => {
    it('reports both places of a duplicated PayloadUUID and exits 1', () => {
      const r = lintJson(duplicate);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.reports.length, 1);
      assert.equal(r.reports[0].file, duplicate);
      const dups = r.reports[0].diagnostics.filter((d) => d.code === 'payload-uuid-duplicate');
      assert.deepEqual(dups.map((d) => d.range), duplicateRanges);
      assert.ok(dups.every((d) => d.severity === 'error' && d.message.length > 0));
    });

    it('exits 0 on a clean profile with no diagnostics', () => {
      const r = lintJson(clean);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.deepEqual(r.reports, [{ file: clean, diagnostics: [] }]);
    });

    it('lints the bundled examples without errors (what `npm start` runs)', () => {
      const r = lintJson('examples');
      assert.equal(r.status, 0, r.stdout);
      assert.ok(r.reports.length >= 3);
      assert.ok(r.reports.every((f) => f.diagnostics.every((d) => d.severity !== 'error')));
    });
  });

  describe('usage errors and unreadable input', () => {
    it('exits 2 with a one-line message on a missing file', () => {
      const r = lint('test/fixtures/cli/missing.mobileconfig');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^mobileconfig-lint: cannot read 'test\/fixtures\/cli\/missing\.mobileconfig': no such file or directory$/m);
      assertNoStack(r.stderr);
    });

    it('still reports readable files when another argument is missing, and exits 2', () => {
      const r = lintJson(duplicate, 'missing.mobileconfig');
      assert.equal(r.status, 2);
      assert.equal(r.reports.length, 1);
      assert.match(r.stderr, /missing\.mobileconfig/);
    });

    for (const [label, args, expected] of [
      ['an unknown flag', ['--bogus', clean], /unknown option --bogus/],
      ['an unknown format', ['--format', 'xml', clean], /--format must be one of text, json, sarif/],
      ['an unknown mode', ['--mode=mdm', clean], /--mode must be one of standalone, portal/],
      ['a flag without its value', [clean, '--format'], /--format needs a value/],
      ['no file at all', [], /no FILE or DIR given/],
      ['--fix with an unknown fix', ['--fix', 'everything', clean], /--fix takes anyconnect=alongside or anyconnect=replace/],
    ] as const) {
      it(`exits 2 on ${label}`, () => {
        const r = lint(...args);
        assert.equal(r.status, 2);
        assert.match(r.stderr, expected);
        assert.match(r.stderr, /^mobileconfig-lint: /);
        assert.equal(r.stdout, '');
        assertNoStack(r.stderr);
      });
    }

    it('prints help and the version and exits 0', () => {
      const help = lint('--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: mobileconfig-lint /);
      const version = lint('--version');
      assert.equal(version.status, 0);
      assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    });
  });

  describe('directories', () => {
    it('lints every .mobileconfig below a directory, sorted, skipping node_modules and .git', () => {
      const dir = path.join(tmp, 'tree');
      const put = (rel: string, from: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.copyFileSync(path.join(root, from), path.join(dir, rel));
      };
      put('b/nested/dup.mobileconfig', duplicate);
      put('a.mobileconfig', clean);
      put('node_modules/pkg/dup.mobileconfig', duplicate);
      put('.git/dup.mobileconfig', duplicate);
      put('notes.txt', duplicate);
      const r = lintJson(dir);
      assert.equal(r.status, 1);
      assert.deepEqual(r.reports.map((f) => path.relative(dir, f.file).split(path.sep).join('/')), ['a.mobileconfig', 'b/nested/dup.mobileconfig']);
    });

    it('exits 2 when a directory holds no profiles', () => {
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty);
      const r = lint(empty);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no \.mobileconfig files found/);
    });
  });

  describe('text and SARIF', () => {
    it('prints file:line:col severity code message, 1-based, then a summary', () => {
      const r = lint(duplicate, clean);
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.at(-1), '2 files, 2 errors, 0 warnings');
      const diagnostics = lines.slice(0, -1);
      for (const line of diagnostics) assert.match(line, /^\S+:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ \S.*$/);
      assert.ok(diagnostics[0].startsWith(`${duplicate}:13:21 error payload-uuid-duplicate `), diagnostics[0]);
      assert.ok(diagnostics[1].startsWith(`${duplicate}:38:13 error payload-uuid-duplicate `), diagnostics[1]);
    });

    it('writes SARIF 2.1.0 with every registry rule and 1-based regions', () => {
      const r = lint('--format', 'sarif', duplicate, clean);
      assert.equal(r.status, 1);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const [run] = sarif.runs;
      assert.equal(run.tool.driver.name, 'mobileconfig');
      assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'vpn-legacy-only'), 'rules that found nothing are described too');
      const results = run.results.filter((x: { ruleId: string }) => x.ruleId === 'payload-uuid-duplicate');
      assert.equal(results.length, 2);
      for (const result of run.results) {
        assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(result.level));
        assert.ok(result.message.text);
      }
      const location = results[0].locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, duplicate);
      assert.deepEqual(location.region, { startLine: 13, startColumn: 21, endLine: 13, endColumn: 57 });
    });

    it('shows errors only with --quiet', () => {
      const warned = lintJson('examples/anyconnect-legacy.mobileconfig');
      assert.ok(warned.reports[0].diagnostics.some((d) => d.severity === 'warning'), 'the legacy example should warn');
      const quiet = lintJson('--quiet', 'examples/anyconnect-legacy.mobileconfig');
      assert.equal(quiet.status, 0);
      assert.deepEqual(quiet.reports[0].diagnostics, []);
    });

    it('passes --mode to the service', () => {
      const severityOf = (...args: string[]) =>
        lintJson(...args, 'examples/anyconnect-both.mobileconfig').reports[0].diagnostics.find((d) => d.code === 'vpn-both-apps')?.severity;
      assert.equal(severityOf('--mode', 'standalone'), 'information');
      assert.equal(severityOf('--mode', 'portal'), 'warning');
    });
  });

  describe('bytes', () => {
    const xml = () => fs.readFileSync(path.join(root, duplicate), 'utf8');
    const write = (name: string, bytes: Buffer) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      return file;
    };
    const duplicateRangesOf = (file: string) =>
      lintJson(file).reports[0].diagnostics.filter((d) => d.code === 'payload-uuid-duplicate').map((d) => d.range);

    it('decodes UTF-8 with a BOM without shifting line 1 positions', () => {
      // Editors drop the BOM from the text, so a problem on line 1 must have the same column with or without it.
      const oneLine = '<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string></dict></plist>\n';
      const plain = lintJson(write('one-line.mobileconfig', Buffer.from(oneLine, 'utf8'))).reports[0].diagnostics;
      const bom = lintJson(write('one-line-bom.mobileconfig', Buffer.from('\ufeff' + oneLine, 'utf8'))).reports[0].diagnostics;
      assert.ok(plain.some((d) => d.range.start.line === 0 && d.range.start.character > 0), JSON.stringify(plain));
      assert.deepEqual(bom, plain);
      const file = write('bom.mobileconfig', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml(), 'utf8')]));
      assert.deepEqual(duplicateRangesOf(file), duplicateRanges);
    });

    it('decodes UTF-16 LE and BE with a BOM', () => {
      const le = Buffer.from('\ufeff' + xml(), 'utf16le');
      const be = Buffer.from(le).swap16();
      assert.deepEqual(duplicateRangesOf(write('utf16le.mobileconfig', le)), duplicateRanges);
      assert.deepEqual(duplicateRangesOf(write('utf16be.mobileconfig', be)), duplicateRanges);
    });

    it('reports a binary plist as such, not as XML garbage', () => {
      const file = write('binary.mobileconfig', Buffer.concat([Buffer.from('bplist00'), Buffer.from([0xd1, 0x01, 0x02, 0x51, 0x61, 0xff, 0x00, 0x80])]));
      const r = lintJson(file);
      assert.deepEqual(r.reports[0].diagnostics.map((d) => d.code), ['plist-binary']);
    });

    it('validates the XML embedded in a CMS-signed profile', () => {
      // A DER SEQUENCE with indefinite length and the pkcs7-signedData OID, then the plist, then end-of-contents
      // and some signature bytes that are not valid UTF-8.
      const der = Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80]);
      const file = write('signed.mobileconfig', Buffer.concat([der, Buffer.from(xml(), 'latin1'), Buffer.from([0x00, 0x00, 0x31, 0x82, 0xfe, 0xc3])]));
      const r = lintJson(file);
      const codes = r.reports[0].diagnostics.map((d) => d.code);
      assert.ok(codes.includes('profile-signed'), codes.join());
      // Latin1 keeps one character per byte, so the embedded XML keeps its shape; the OID's 0x0D byte is a
      // line break to an editor too, which moves every line down by one.
      const shifted = duplicateRanges.map(({ start, end }) => ({ start: { ...start, line: start.line + 1 }, end: { ...end, line: end.line + 1 } }));
      assert.deepEqual(duplicateRangesOf(file), shifted);
    });
  });

  describe('--fix anyconnect=…', () => {
    const legacy = path.join(root, 'test/fixtures/features/migrate-two-legacy.mobileconfig');

    it('adds new-app payloads alongside, rewrites the file, lists every change and lints the result', () => {
      const file = path.join(tmp, 'alongside.mobileconfig');
      fs.copyFileSync(legacy, file);
      const r = lintJson('--fix', 'anyconnect=alongside', file);
      assert.equal(r.status, 0, r.stderr);
      assert.equal((r.stderr.match(/added a Cisco AnyConnect payload alongside/g) ?? []).length, 2, r.stderr);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal((text.match(/<string>com\.cisco\.anyconnect<\/string>/g) ?? []).length, 2);
      assert.equal((text.match(/applevpn\.plugin/g) ?? []).length, 2, 'the legacy payloads stay');
      assert.ok(r.reports[0].diagnostics.every((d) => d.code !== 'vpn-legacy-only'));
      assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
    });

    it('replaces only the subtype text and says so', () => {
      const file = path.join(tmp, 'replace.mobileconfig');
      fs.copyFileSync(legacy, file);
      const r = lint('--fix', 'anyconnect=replace', file);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /:7: replaced the legacy subtype/);
      const before = fs.readFileSync(legacy, 'utf8');
      assert.equal(fs.readFileSync(file, 'utf8'), before.split('com.cisco.anyconnect.applevpn.plugin').join('com.cisco.anyconnect'));
    });

    it('keeps a UTF-8 BOM and leaves a file with nothing to migrate untouched', () => {
      const file = path.join(tmp, 'bom.mobileconfig');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(legacy)]));
      assert.equal(lint('--fix', 'anyconnect=replace', file).status, 0);
      assert.deepEqual([...fs.readFileSync(file).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const cleanCopy = path.join(tmp, 'clean-copy.mobileconfig');
      fs.copyFileSync(path.join(root, clean), cleanCopy);
      const r = lint('--fix', 'anyconnect=alongside', cleanCopy);
      assert.match(r.stderr, /no legacy AnyConnect payload to migrate/);
      assert.equal(fs.readFileSync(cleanCopy, 'utf8'), fs.readFileSync(path.join(root, clean), 'utf8'));
    });
  });
});
