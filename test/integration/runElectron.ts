/**
 * Runs the same in-host suite in desktop VS Code through @vscode/test-electron, for machines with internet
 * (it downloads VS Code). CI has none and uses scripts/run-integration.mjs (code-server) instead.
 * Run: `node scripts/run-ts.mjs test/integration/runElectron.ts` (on Linux without a display, under xvfb-run).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../..');

function node(...args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
}

async function main(): Promise<number> {
  node('esbuild.mjs');
  node('scripts/integration/build-suite.mjs');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-electron-'));
  const resultsFile = path.join(tmp, 'results.json');
  try {
    const exitCode = await runTests({
      // The workbench CI tests against (code-server 4.100.3 is VS Code 1.100.3); override to try another.
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/integration/suite/index'),
      extensionTestsEnv: { INTEGRATION_RESULTS_FILE: resultsFile },
      launchArgs: [
        path.join(root, 'test/fixtures/workspace'),
        '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(tmp, 'user-data'),
      ],
    }).catch((error: unknown) => {
      console.error(`test-electron: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    });
    const counts = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
    console.log(`integration (electron): ${counts.passed} passed, ${counts.failed} failed`);
    return exitCode === 0 && counts.failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
