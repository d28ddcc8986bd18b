// `npm test`: type-check, build, unit tests, then the integration suite in a real VS Code.
// Ends with one line `N passed, N failed` summed over every suite (CI reads that line).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n== ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function readCounts(file, label) {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += c.passed;
    failed += c.failed;
    console.log(`${label}: ${c.passed} passed, ${c.failed} failed`);
    return c;
  } catch {
    // A suite that could not report counts failed before or while running: count it as one failure.
    failed += 1;
    console.log(`${label}: no results (counted as 1 failure)`);
    return undefined;
  }
}

// A type error or a broken build is a failure of its own, counted once.
if (!run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'])) failed += 1;
const built = run('build', 'node', ['esbuild.mjs']);
if (!built) failed += 1;

const unitFile = path.join(results, 'unit.json');
fs.rmSync(unitFile, { force: true });
const unitOk = run('unit tests', 'npx', ['mocha', '--reporter', './scripts/mocha-count-reporter.cjs'], { MOCHA_COUNTS_FILE: unitFile });
const unit = readCounts(unitFile, 'unit');
if (!unitOk && unit && unit.failed === 0) failed += 1;

if (process.env.SKIP_INTEGRATION === '1') {
  console.log('integration: skipped (SKIP_INTEGRATION=1)');
} else if (built) {
  const integFile = path.join(results, 'integration.json');
  fs.rmSync(integFile, { force: true });
  const integOk = run('integration tests', 'node', ['scripts/run-integration.mjs'], { INTEGRATION_COUNTS_FILE: integFile });
  const integ = readCounts(integFile, 'integration');
  if (!integOk && integ && integ.failed === 0) failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
