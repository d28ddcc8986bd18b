// Runs a TypeScript script from scripts/ with its arguments (through tsx), so build-time tools stay TypeScript.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs SCRIPT.ts [ARGS...]');
  process.exit(2);
}
const tsxCli = require.resolve('tsx/cli');
const result = spawnSync(process.execPath, [tsxCli, script, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
