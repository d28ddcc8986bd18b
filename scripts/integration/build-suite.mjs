// Compiles the in-host integration suite (test/integration/suite/*.ts) to out/integration/suite/*.js.
// Transpiled file by file, not bundled: mocha must load each test file after it has set up its globals.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const suiteOutDir = path.join(root, 'out/integration/suite');

export async function buildSuite() {
  const srcDir = path.join(root, 'test/integration/suite');
  const entryPoints = fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(srcDir, f));
  // Stale outputs of deleted or renamed tests would still be picked up by the index.
  fs.rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suiteOutDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`integration suite built in ${path.relative(root, await buildSuite())}`);
}
