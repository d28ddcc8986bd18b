/**
 * Entry point the extension host loads through `extensionTestsPath` (code-server runner or test-electron):
 * runs every compiled `*.test.js` beside it with mocha and reports the counts through a file named in the env.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}: build the suite first`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The extension host inherits code-server's environment, so the runner learns the counts this way.
      const resultsFile = process.env.INTEGRATION_RESULTS_FILE;
      if (resultsFile) {
        fs.writeFileSync(resultsFile, JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures }));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
