/**
 * The pipeline integrations: the GitHub Action's run step (scripts/action/run.sh, run here as the Action runs
 * it, with GITHUB_ACTION_PATH and GITHUB_OUTPUT), the wiring of action.yml, and the pre-commit hook definition.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const legacy = fs.readFileSync(path.join(root, 'examples/anyconnect-legacy.mobileconfig'), 'utf8');
const duplicate = fs.readFileSync(path.join(root, 'test/fixtures/cli/duplicate-uuid.mobileconfig'), 'utf8');

interface Step { id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, unknown> }

describe('GitHub Action (action.yml, scripts/action/run.sh)', function () {
  this.timeout(60000);
  let tmp: string;

  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' }));
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-action-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function runStep(inputs: Record<string, string>) {
    const output = path.join(tmp, 'github-output');
    fs.writeFileSync(output, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', LANG: 'C', GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
    const r = spawnSync('bash', [path.join(root, 'scripts/action/run.sh')], { cwd: tmp, encoding: 'utf8', env });
    const outputs = Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    return { ...r, outputs };
  }

  function write(file: string, text: string) {
    fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file), text);
  }

  it('writes the SARIF file, exits 0 so the upload runs, and hands the linter\'s status on', () => {
    write('profiles/legacy.mobileconfig', legacy);
    write('more profiles/dup.mobileconfig', duplicate);
    const r = runStep({ paths: 'profiles\n  more profiles  \n\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { 'sarif-file': 'mobileconfig-lint.sarif', 'exit-code': '1' });
    // The job log shows the readable report too.
    assert.match(r.stdout, /more profiles\/dup\.mobileconfig:\d+:\d+ error payload-uuid-duplicate/);
    const log = JSON.parse(fs.readFileSync(path.join(tmp, 'mobileconfig-lint.sarif'), 'utf8'));
    const uris = new Set(log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['more%20profiles/dup.mobileconfig', 'profiles/legacy.mobileconfig']);
  });

  it('passes config, mode, max-warnings and sarif-file to the linter', () => {
    write('p/a.mobileconfig', legacy);
    write('p/b.mobileconfig', legacy);
    write('lint.json', '{ "rules": { "vpn-legacy-only": "off" } }');
    const clean = runStep({ paths: 'p', config: 'lint.json', 'max-warnings': '0', 'sarif-file': 'out/r.sarif' });
    assert.equal(clean.status, 0, clean.stderr);
    assert.deepEqual(clean.outputs, { 'sarif-file': 'out/r.sarif', 'exit-code': '0' });
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(tmp, 'out/r.sarif'), 'utf8')).runs[0].results, []);
    const warned = runStep({ paths: 'p', 'max-warnings': '1' });
    assert.equal(warned.outputs['exit-code'], '1', 'two warnings, one allowed');
    const portal = runStep({ paths: 'p', mode: 'portal', config: 'lint.json' });
    assert.match(portal.stdout, /portal-profile-name/);
  });

  it('defaults to the working directory and reports a bad input as exit status 2', () => {
    write('a.mobileconfig', legacy);
    assert.equal(runStep({}).outputs['exit-code'], '0');
    const bad = runStep({ mode: 'nonsense' });
    assert.equal(bad.status, 2, 'no SARIF file: the step itself fails (the earlier run\'s report is not reused)');
    assert.equal(bad.outputs['exit-code'], '2');
    assert.match(bad.stderr, /--mode must be one of standalone, portal/);
  });

  it('action.yml runs that script, uploads its SARIF file even after a failed lint, then fails the job', () => {
    const action = yaml.load(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    assert.equal(action.runs.using, 'composite');
    const steps = action.runs.steps;
    const lint = steps.find((s) => s.id === 'lint')!;
    assert.equal(lint.run, 'bash "$GITHUB_ACTION_PATH/scripts/action/run.sh"');
    // Every input reaches the script under the name it reads.
    const script = fs.readFileSync(path.join(root, 'scripts/action/run.sh'), 'utf8');
    for (const input of Object.keys(action.inputs).filter((i) => i !== 'upload' && i !== 'category')) {
      const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
      assert.equal(lint.env?.[variable], `\${{ inputs.${input} }}`, variable);
      assert.ok(script.includes(variable), `run.sh reads ${variable}`);
    }
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload > steps.indexOf(lint));
    assert.match(steps[upload].if ?? '', /always\(\)/);
    assert.equal(steps[upload].with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.equal(steps[steps.length - 1].run, 'exit ${{ steps.lint.outputs.exit-code }}');
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = yaml.load(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; require_serial?: boolean }[];

  it('defines mobileconfig-lint as a node hook running the package\'s bin on .mobileconfig files', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'mobileconfig-lint');
    assert.equal(hook.language, 'node');
    assert.ok(Object.keys(manifest.bin).includes(hook.entry), `${hook.entry} is a bin of package.json`);
    const files = new RegExp(hook.files);
    assert.ok(files.test('profiles/vpn.mobileconfig'));
    assert.ok(!files.test('profiles/vpn.mobileconfig.bak') && !files.test('vpn.plist'));
    assert.equal(hook.require_serial, true, 'portal mode compares the names of all staged profiles in one run');
  });

  it('can be installed as pre-commit does: npm pack runs the build (dist/ is not committed)', () => {
    assert.match(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'), /^dist\/$/m);
    assert.match(manifest.scripts.prepack, /build:production/);
  });
});
