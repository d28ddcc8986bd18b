// `npm run test:integration`: runs the mocha suite inside a real VS Code (code-server 4.100.3 driven by
// headless Debian chromium), then the UI end-to-end checks with their screenshots (the Problems view, the
// preview, one per command for the README). Offline, on 127.0.0.1 only.
// Writes {"passed":N,"failed":N} to $INTEGRATION_COUNTS_FILE (default test-results/integration.json).
// `--no-build` skips `node esbuild.mjs` when dist/ is already fresh.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { buildSuite, root } from './integration/build-suite.mjs';
import { CHROMIUM, findCodeServer, launchChromium, startCodeServer, workbenchUrl } from './integration/codeServer.mjs';
import { commandChecks, resetWorkbench, runPreviewCheck, runUiCheck } from './integration/uiCheck.mjs';
import { japaneseChecks } from './integration/migrationChecks.mjs';
import { exportChecks } from './integration/exportChecks.mjs';

const OVERALL_TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 600_000);
const SUITE_TIMEOUT_MS = 180_000;
const VIEWPORT = { width: 1400, height: 900 };
// MOBILECONFIG_EXTENSION_DIR: the `extension/` folder of an unpacked .vsix, to run the same checks (and take
// the README's screenshots) on exactly what ships; by default the repository itself is the extension.
const extensionPath = process.env.MOBILECONFIG_EXTENSION_DIR ? path.resolve(process.env.MOBILECONFIG_EXTENSION_DIR) : root;
const countsFile = path.resolve(root, process.env.INTEGRATION_COUNTS_FILE ?? 'test-results/integration.json');
const screenshotDir = path.join(root, 'test-results/screenshots');
// INTEGRATION_ONLY=name,name runs only those UI checks (and skips the in-host suite): for working on one check.
const only = process.env.INTEGRATION_ONLY?.split(',').filter(Boolean);
/** `name` → test-results/screenshots/name.png; `ui/name` → test-results/ui/name.png (the asserted migration checks). */
function shotPath(name) {
  const file = name.includes('/') ? path.join(root, 'test-results', `${name}.png`) : path.join(screenshotDir, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
// The tests open a temp copy of the shared workspace fixtures plus the client's own (test/integration/workspace),
// so exports written during the run never land in the repository.
const fixtureDirs = [path.join(root, 'test/fixtures/workspace'), path.join(root, 'test/integration/workspace')];
let workspace;

const counts = { passed: 0, failed: 0 };
const resources = { server: undefined, browser: undefined, tmp: undefined };

function report() {
  fs.mkdirSync(path.dirname(countsFile), { recursive: true });
  fs.writeFileSync(countsFile, JSON.stringify(counts));
  console.log(`integration: ${counts.passed} passed, ${counts.failed} failed`);
}

function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Resolves with `promise`, or rejects after `ms` naming `what`; the timer never outlives the race. */
async function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Prints one extension-host log entry. Console calls arrive as their argument list (mocha's reporter
 * uses format strings); the workbench's own errors and warnings are marked so they stand apart from test output.
 */
function relayLog(level, message) {
  const text = (Array.isArray(message) ? format(...message) : String(message)).replace(/\n$/, '');
  console.log(level === 'error' || level === 'warn' ? `[workbench ${level}] ${text.split('\n')[0]}` : text);
}

/** Phase 1: the mocha suite in the extension host, with its output relayed and its counts read back. */
async function runInHostSuite(server, resultsFile) {
  const started = Date.now();
  const context = await resources.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    let exited;
    const exit = new Promise((resolve) => { exited = resolve; });
    // The workbench forwards the extension host's test output and exit code to these two hooks
    // when the URL payload carries extensionTestsPath (the same hooks VS Code's own browser tests use).
    await page.exposeFunction('codeAutomationLog', (level, message) => relayLog(level, message));
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    await page.goto(workbenchUrl({
      ...server, folder: workspace, extensionPath, testsPath: path.join(root, 'out/integration/suite/index'),
    }));
    const code = await within(exit, SUITE_TIMEOUT_MS, 'the in-host suite');
    console.log(`in-host suite finished with exit code ${code} in ${elapsed(started)}`);
    let suite;
    try {
      suite = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      // The suite never reached its end (load error, crash): one failure stands for it.
      console.log('in-host suite wrote no counts (counted as 1 failure)');
      suite = { passed: 0, failed: 1 };
    }
    counts.passed += suite.passed;
    counts.failed += suite.failed;
    if (code !== 0 && suite.failed === 0) counts.failed += 1;
  } finally {
    await context.close();
  }
}

/** Phase 3: the preview in the real workbench UI, with its screenshot; counted as one test. */
async function runPreviewUi(server) {
  const started = Date.now();
  const context = await resources.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const screenshot = path.join(screenshotDir, 'preview.png');
  fs.rmSync(screenshot, { force: true });
  try {
    await page.goto(workbenchUrl({ ...server, folder: workspace, extensionPath }));
    const timings = await runPreviewCheck(page, { screenshot });
    console.log(`  ✔ UI: the preview shows the legacy and new badges of a both-payload profile (${elapsed(started)}) ${JSON.stringify(timings)}`);
    console.log(`screenshot: ${screenshot}`);
    counts.passed += 1;
  } catch (error) {
    counts.failed += 1;
    console.log(`  ✘ UI preview check failed: ${error instanceof Error ? error.message : String(error)}`);
    const failure = path.join(screenshotDir, 'preview-failure.png');
    await page.screenshot({ path: failure }).then(() => console.log(`screenshot: ${failure}`), () => {});
  } finally {
    await context.close();
  }
}

/** Phase 2: the UI end-to-end check, counted as one test. */
async function runUi(server) {
  const started = Date.now();
  const context = await resources.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  fs.mkdirSync(screenshotDir, { recursive: true });
  const screenshot = path.join(screenshotDir, 'problems.png');
  fs.rmSync(screenshot, { force: true });
  try {
    await page.goto(workbenchUrl({ ...server, folder: workspace, extensionPath }));
    const timings = await runUiCheck(page, { screenshot });
    console.log(`  ✔ UI: Problems view shows the duplicate PayloadUUID, Outline lists the payloads (${elapsed(started)}) ${JSON.stringify(timings)}`);
    console.log(`screenshot: ${screenshot}`);
    counts.passed += 1;
  } catch (error) {
    counts.failed += 1;
    console.log(`  ✘ UI check failed: ${error instanceof Error ? error.message : String(error)}`);
    const failure = path.join(screenshotDir, 'problems-failure.png');
    await page.screenshot({ path: failure }).then(() => console.log(`screenshot: ${failure}`), () => {});
  } finally {
    await context.close();
  }
}

/**
 * Phase 4: one check per command (uiCheck.mjs `commandChecks`), each counted as one test, on one page
 * that is reset between checks and replaced after a failure, so one broken check cannot fail the next.
 */
async function runCommandUi(server, checks = commandChecks, folder = workspace) {
  let context;
  let page;
  const open = async () => {
    context = await resources.browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    await page.goto(workbenchUrl({ ...server, folder, extensionPath }));
  };
  try {
    for (const check of checks.filter((c) => !only || only.includes(c.name))) {
      const started = Date.now();
      const shots = [];
      // A failed check must not leave last run's pictures looking current.
      for (const name of check.shots) fs.rmSync(shotPath(name), { force: true });
      const shoot = async (name) => {
        const file = shotPath(name);
        await page.screenshot({ path: file });
        shots.push(file);
      };
      try {
        if (!page) await open();
        await resetWorkbench(page);
        const what = await within(check.run(page, { shoot, workspace: folder }), 120_000, `the ${check.name} check`);
        console.log(`  ✔ UI: ${what} (${elapsed(started)})`);
        for (const file of shots) console.log(`screenshot: ${file}`);
        counts.passed += 1;
      } catch (error) {
        counts.failed += 1;
        console.log(`  ✘ UI ${check.title}: ${error instanceof Error ? error.message : String(error)}`);
        const failure = path.join(screenshotDir, `${check.name}-failure.png`);
        await page?.screenshot({ path: failure }).then(() => console.log(`screenshot: ${failure}`), () => {});
        await context?.close().catch(() => {});
        context = undefined;
        page = undefined;
      }
    }
  } finally {
    await context?.close().catch(() => {});
  }
}

async function main() {
  const installDir = path.join(root, '.vscode-test/code-server');
  const found = findCodeServer(installDir);
  const missing = found.error ?? (fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`);
  if (missing) {
    console.error(`integration: ${missing}. Run \`npm run setup:integration\` first.`);
    counts.failed += 1;
    return;
  }
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  await buildSuite();

  resources.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-integration-'));
  workspace = path.join(resources.tmp, 'workspace');
  for (const dir of fixtureDirs) fs.cpSync(dir, workspace, { recursive: true });
  const resultsFile = path.join(resources.tmp, 'in-host-results.json');
  const logFile = path.join(resources.tmp, 'code-server.log');
  let started = Date.now();
  resources.server = await startCodeServer({
    entry: found.entry, tmp: resources.tmp, logFile, env: { INTEGRATION_RESULTS_FILE: resultsFile },
  });
  console.log(`code-server ${resources.server.url} (pid ${resources.server.pid}) ready in ${elapsed(started)}`);
  started = Date.now();
  resources.browser = await launchChromium();
  console.log(`chromium ${resources.browser.version()} ready in ${elapsed(started)}`);

  if (!only) {
    try {
      await runInHostSuite(resources.server, resultsFile);
    } catch (error) {
      // A hung or crashed suite is one failure; the UI check still runs against the same server.
      counts.failed += 1;
      console.log(`in-host suite: ${error instanceof Error ? error.message : String(error)}`);
    }
    await runUi(resources.server);
    await runPreviewUi(resources.server);
  }
  await runCommandUi(resources.server, [...commandChecks, ...exportChecks('en')]);
  await runJapaneseUi(found.entry);
}

/**
 * Phase 5: the migration checks again on a second code-server whose display language is Japanese (the
 * language-pack stub), on a fresh copy of the workspace; each counted as one test.
 */
async function runJapaneseUi(entry) {
  const tmp = path.join(resources.tmp, 'ja');
  const folder = path.join(tmp, 'workspace');
  for (const dir of fixtureDirs) fs.cpSync(dir, folder, { recursive: true });
  const started = Date.now();
  let server;
  try {
    server = await startCodeServer({ entry, tmp, logFile: path.join(resources.tmp, 'code-server-ja.log'), locale: 'ja' });
    console.log(`code-server (ja) ${server.url} (pid ${server.pid}) ready in ${elapsed(started)}`);
    await runCommandUi(server, [...japaneseChecks, ...exportChecks('ja')], folder);
  } catch (error) {
    counts.failed += 1;
    console.log(`  ✘ UI Japanese pass: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await server?.stop();
  }
}

async function cleanup() {
  await resources.browser?.close().catch(() => {});
  await resources.server?.stop();
  if (resources.tmp) {
    // The code-server log is kept as a CI artifact; the rest of the temp state goes.
    const log = path.join(resources.tmp, 'code-server.log');
    if (fs.existsSync(log)) {
      fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
      fs.copyFileSync(log, path.join(root, 'test-results/integration-code-server.log'));
    }
    fs.rmSync(resources.tmp, { recursive: true, force: true });
  }
}

const startedAt = Date.now();
let timer;
const overall = new Promise((_, reject) => {
  timer = setTimeout(() => reject(new Error(`integration run timed out after ${OVERALL_TIMEOUT_MS} ms`)), OVERALL_TIMEOUT_MS);
});
const work = main();
// If the overall timeout wins, the abandoned run still settles later (its browser is closed under it).
work.catch(() => {});
try {
  await Promise.race([work, overall]);
} catch (error) {
  counts.failed += 1;
  console.error(`integration: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  clearTimeout(timer);
  await cleanup();
}
report();
console.log(`integration run took ${elapsed(startedAt)}`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
