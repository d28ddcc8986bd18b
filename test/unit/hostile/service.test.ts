/**
 * The hostile-input suite on the pure service (issue 6, item 1): every generated case, in every decoding
 * worth trying, is validated with file and network access forbidden, against a time bound meant to catch
 * hangs (not to measure speed), and checked for escaped exceptions, ranges outside the document, leaked
 * file content and unusable quick fixes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostileCases, HostileCase, textsOf, truncationSource, fakeSignedDer, decodeAsCli } from '../../../scripts/hostile/cases';
import { checkText } from '../../../scripts/hostile/check';
import { withoutIo } from '../../../scripts/hostile/noIo';
import { knownIssues, unexplained } from '../../../scripts/hostile/knownIssues';

/** Generous on purpose: a hang or a quadratic blowup takes minutes, a slow CI machine a few times longer than usual. */
const BOUND_MS = 5000;

/** Lines of /etc/passwd (where it exists) and of a secret file made here: none may ever reach a message. */
function secretLines(extra: string): string[] {
  let passwd: string[] = [];
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').filter((l) => l.length >= 12);
  } catch {
    // No /etc/passwd (Windows): the secret file below still proves the point.
  }
  return [...passwd, extra];
}

/** Runs the checker on one text with I/O forbidden and fails with every violation listed. */
function assertSafe(caseName: string, label: string, text: string, forbidden: string[], bound = BOUND_MS) {
  const run = withoutIo(() => checkText(text, { forbidden: forbidden.filter((f) => !text.includes(f)), maxFixDiagnostics: 40 }));
  assert.deepEqual(run.calls, [], `${caseName}/${label}: the service tried I/O`);
  assert.equal(run.error, undefined, `${caseName}/${label}: the checker itself threw ${String(run.error)}`);
  const result = run.result!;
  const violations = [...result.violations];
  if (result.validateMs > bound) violations.push(`validate took ${Math.round(result.validateMs)} ms (bound ${bound} ms)`);
  const left = unexplained(caseName, violations);
  assert.deepEqual(left, [], `${caseName}/${label} (${text.length} chars)`);
  return result;
}

describe('hostile inputs: service', function () {
  this.timeout(120000);
  let tmp: string;
  let secretFile: string;
  let forbidden: string[];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-hostile-'));
    secretFile = path.join(tmp, 'secret.txt');
    const marker = `HOSTILE-SECRET-${process.pid}-${Date.now()}`;
    fs.writeFileSync(secretFile, marker + '\n');
    forbidden = secretLines(marker);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const skipped = new Set(knownIssues.filter((k) => k.skipCase).flatMap((k) => k.cases));
  for (const c of hostileCases()) {
    const title = `${c.name}: ${c.why}`;
    if (skipped.has(c.name)) {
      const issue = knownIssues.find((k) => k.skipCase && k.cases?.includes(c.name))!;
      it.skip(`${title} [known issue ${issue.id}]`);
      continue;
    }
    it(title, () => {
      for (const { label, text } of textsOf(c)) assertSafe(c.name, label, text, forbidden);
    });
  }

  it('never reads a local file named by an external entity (a secret made for this test)', () => {
    const url = 'file://' + secretFile.split(path.sep).join('/');
    const text = `<?xml version="1.0"?>\n<!DOCTYPE plist [\n<!ENTITY s SYSTEM "${url}">\n<!ENTITY % p SYSTEM "${url}">\n%p;\n]>\n` +
      `<plist version="1.0"><dict><key>PayloadDisplayName</key><string>&s;</string><key>&s;</key><string>&s;</string></dict></plist>\n`;
    const result = assertSafe('secret-entity', 'text', text, forbidden);
    // The reference is reported where it is, not resolved.
    assert.ok(result.diagnostics.some((d) => d.code === 'plist-dtd-entity'), 'entity declarations are reported');
  });

  it('survives every prefix of a small profile (truncated files)', () => {
    const source = truncationSource();
    for (let n = 0; n <= source.length; n++) assertSafe('truncated', `prefix ${n}`, source.slice(0, n), forbidden);
  });

  it('survives truncations of a signed profile, as the CLI decodes them', () => {
    const bytes = fakeSignedDer(Buffer.from(truncationSource(), 'utf8'));
    for (let n = 0; n <= bytes.length; n += n < 64 ? 1 : 7) assertSafe('truncated-signed', `prefix ${n}`, decodeAsCli(bytes.subarray(0, n)), forbidden);
  });

  it('reports each hostile construct where it is (the suite is not just "no crash")', () => {
    const codes = (c: HostileCase) => new Set(checkText(textsOf(c)[0].text).diagnostics.map((d) => d.code));
    const byName = new Map(hostileCases().map((c) => [c.name, c]));
    assert.ok(codes(byName.get('entity-bomb')!).has('plist-dtd-entity'));
    assert.ok(codes(byName.get('binary-plist')!).has('plist-binary'));
    assert.ok(codes(byName.get('signed-der')!).has('profile-signed'));
    assert.ok(codes(byName.get('deep-nesting-closed')!).has('plist-too-deep'));
    assert.ok(codes(byName.get('empty')!).has('plist-empty'));
    assert.ok(codes(byName.get('nul-bytes')!).has('xml-malformed'));
    // The signed wrapper's inner profile is valid: only the signature note, no garbage errors from the DER bytes.
    assert.deepEqual([...codes(byName.get('signed-der')!)], ['profile-signed']);
  });
});

describe('hostile inputs: the checks themselves can fail', () => {
  it('the I/O guard records a file read and a socket', () => {
    const run = withoutIo(() => {
      try { fs.readFileSync('/etc/hostname'); } catch { /* recorded */ }
      net.connect(9, '127.0.0.1');
    });
    assert.equal(run.calls.length, 2, run.calls.join('\n'));
    assert.ok(run.error instanceof Error);
    assert.equal(typeof fs.readFileSync('/dev/null'), 'object', 'fs is restored afterwards');
  });

  it('the checker flags a forbidden string and a long message', () => {
    const text = '<plist><dict><key>' + 'x'.repeat(50) + 'SECRET</key></dict></plist>';
    const r = checkText(text, { forbidden: ['SECRET'], maxMessageLength: 20 });
    assert.ok(r.violations.some((v) => v.includes('forbidden')), r.violations.join('\n'));
    assert.ok(r.violations.some((v) => v.includes('message of')), r.violations.join('\n'));
  });
});
