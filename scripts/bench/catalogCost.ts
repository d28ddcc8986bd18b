/**
 * What Apple's payload catalog costs the extension (issue 4): the start-up time of loading it, measured as
 * `require` of a bundle of the catalog alone in fresh processes, and its share of the .vsix (minified, deflated).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as esbuild from 'esbuild';

export interface CatalogCost {
  requireMs: number;
  minifiedBytes: number;
  deflatedBytes: number;
}

export function measureCatalogCost(root: string, reps: number): CatalogCost {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-catalog-'));
  try {
    const out = path.join(dir, 'catalog.js');
    esbuild.buildSync({
      entryPoints: [path.join(root, 'server/src/service/catalog/index.ts')], bundle: true, platform: 'node', format: 'cjs',
      minify: true, outfile: out, logLevel: 'silent',
    });
    const code = fs.readFileSync(out);
    // One fresh process per sample: the cost that matters is the first load, before any JIT warm-up.
    const script = `const t=process.hrtime.bigint();const c=require(${JSON.stringify(out)});c.getPayloadSchema('com.apple.vpn.managed');` +
      'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      samples.push(Number(r.stdout));
    }
    samples.sort((a, b) => a - b);
    return { requireMs: samples[samples.length >> 1], minifiedBytes: code.length, deflatedBytes: zlib.deflateRawSync(code, { level: 9 }).length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
