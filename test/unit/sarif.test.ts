/**
 * The SARIF output as code scanning takes it: validated by Microsoft's SARIF validator (the npm package
 * @microsoft/sarif-multitool, a self-contained binary that runs offline), plus what the validator does not check:
 * rules with help, relative artifact locations, and results stable across runs and edits elsewhere.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

interface SarifResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}

/** Runs `sarif-multitool validate` on a log; returns the validator's findings (errors, warnings and notes). */
function validateSarif(file: string): SarifResult[] {
  // The package's own bin goes through a shell; its platform binary is called directly (no quoting surprises).
  const binary = require('@microsoft/sarif-multitool') as string;
  const out = `${file}.validation.sarif`;
  const r = spawnSync(binary, ['validate', file, '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sarif-multitool did not run: ${r.error ?? ''}${r.stdout}${r.stderr}`);
  return (JSON.parse(fs.readFileSync(out, 'utf8')).runs[0].results ?? []) as SarifResult[];
}

describe('SARIF output (validated by @microsoft/sarif-multitool)', function () {
  this.timeout(60000);
  let tmp: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-sarif-'));
    fs.cpSync(path.join(root, 'examples'), path.join(tmp, 'examples'), { recursive: true });
    fs.cpSync(path.join(root, 'test/fixtures/cli'), path.join(tmp, 'more profiles'), { recursive: true });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function sarif(file = 'out.sarif', ...paths: string[]): { text: string; log: { runs: { tool: { driver: { rules: { id: string; help?: { text: string }; helpUri?: string }[] } }; results: SarifResult[] }[] } } {
    const r = spawnSync(process.execPath, [cli, '--format', 'sarif', '--output', file, ...(paths.length ? paths : ['examples', 'more profiles'])],
      { cwd: tmp, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const text = fs.readFileSync(path.join(tmp, file), 'utf8');
    return { text, log: JSON.parse(text) };
  }

  it('has no validator errors or warnings', () => {
    const { log } = sarif();
    assert.ok(log.runs[0].results.length >= 3, 'the log has results to check');
    const findings = validateSarif(path.join(tmp, 'out.sarif'));
    // A result without a level is a warning in SARIF.
    assert.deepEqual(findings.filter((f) => (f.level ?? 'warning') !== 'note').map((f) => `${f.ruleId} ${JSON.stringify(f.message)}`), []);
  });

  it('the validator can fail: it reports a result without its required message', () => {
    const bad = path.join(tmp, 'bad.sarif');
    fs.writeFileSync(bad, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'error' }] }] }));
    assert.deepEqual(validateSarif(bad).filter((f) => f.level === 'error').map((f) => f.ruleId), ['JSON1002']);
  });

  it('describes every rule with help text and an absolute help URI', () => {
    for (const rule of sarif().log.runs[0].tool.driver.rules) {
      assert.ok(rule.help?.text && rule.help.text.length > 20, rule.id);
      assert.match(rule.helpUri ?? '', /^https:\/\//, rule.id);
    }
  });

  it('locates artifacts relative to the working directory (percent-encoded, forward slashes)', () => {
    const uris = new Set(sarif().log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation));
    for (const location of uris) {
      assert.equal(location.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(location.uri, /^(\/|file:|\.\.)/);
    }
    assert.ok([...uris].some((l) => l.uri === 'more%20profiles/duplicate-uuid.mobileconfig'));
  });

  it('is the same, byte for byte, on a second run', () => {
    assert.equal(sarif('one.sarif').text, sarif('two.sarif').text);
  });

  it('keeps each result\'s fingerprint when lines are added above it, and fingerprints are unique per file', () => {
    const before = sarif('before.sarif', 'more profiles/duplicate-uuid.mobileconfig').log.runs[0].results;
    const file = path.join(tmp, 'more profiles/duplicate-uuid.mobileconfig');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<plist', '<!-- a comment -->\n\n<plist'));
    const after = sarif('after.sarif', 'more profiles/duplicate-uuid.mobileconfig').log.runs[0].results;
    assert.ok(before.length >= 2);
    assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
    assert.deepEqual(after.map((r) => r.locations[0].physicalLocation.region.startLine), before.map((r) => r.locations[0].physicalLocation.region.startLine + 2));
    const prints = before.map((r) => Object.values(r.partialFingerprints)[0]);
    assert.equal(new Set(prints).size, prints.length);
  });
});
