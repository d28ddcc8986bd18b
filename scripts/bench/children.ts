/**
 * Measurements that need a fresh process: import + first diagnostics (nothing cached or compiled yet),
 * memory (a clean heap and peak RSS, with --expose-gc) and a CPU profile. Each child is plain JavaScript run
 * with `node -e`, so tsx's loader is not part of what is measured.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SourceMap } from 'node:module';
import { DIST_SERVICE, PROFILE_SCHEMA, ROOT, SCHEMA_URI } from './peers';

/** Files the children read: written once per run to a private temp dir and removed at the end. */
export class Scratch {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobileconfig-bench-'));

  write(name: string, content: string): string {
    const file = path.join(this.dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function runChild(code: string, args: string[], nodeFlags: string[] = []): { result: Record<string, number | boolean>; wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeFlags, '-e', code, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`benchmark child failed (${r.status}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { result: JSON.parse(last) as Record<string, number | boolean>, wallMs };
}

/** `performance.now()` in a child counts from process start, so `sinceStart` includes node's own boot. */
const COLD_OURS = `
const fs = require('fs');
const text = fs.readFileSync(process.argv[1], 'utf8');
const t0 = performance.now();
const service = require(process.argv[2]);
const t1 = performance.now();
const n = service.validate(text).length;
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, totalMs: t2 - t0, sinceStartMs: t2, diagnostics: n }));
`;

const COLD_JSON = `
const fs = require('fs');
const text = fs.readFileSync(process.argv[1], 'utf8');
const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const t0 = performance.now();
const ls = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');
const t1 = performance.now();
const service = ls.getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: process.argv[3], fileMatch: ['*.json'], schema }] });
const doc = TextDocument.create('file:///bench/profile.json', 'json', 1, text);
service.doValidation(doc, service.parseJSONDocument(doc)).then((d) => {
  const t2 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, totalMs: t2 - t0, sinceStartMs: t2, diagnostics: d.length }));
});
`;

export interface ColdStart {
  importMs: number;
  firstMs: number;
  totalMs: number;
  sinceStartMs: number;
  /** Wall time of the whole child as the parent saw it (spawn, boot, work, exit). */
  wallMs: number;
  diagnostics: number;
}

/** Runs each cold start `reps` times, alternating ours and json-ls so machine noise hits both alike. */
export function measureColdStarts(scratch: Scratch, profileText: string, jsonText: string, reps: number): { ours: ColdStart[]; json: ColdStart[] } {
  const textFile = scratch.write('cold.mobileconfig', profileText);
  const jsonFile = scratch.write('cold.json', jsonText);
  const schemaFile = scratch.write('schema.json', JSON.stringify(PROFILE_SCHEMA));
  const ours: ColdStart[] = [];
  const json: ColdStart[] = [];
  for (let i = 0; i < reps; i++) {
    const a = runChild(COLD_OURS, [textFile, DIST_SERVICE]);
    ours.push({ ...(a.result as unknown as ColdStart), wallMs: a.wallMs });
    const b = runChild(COLD_JSON, [jsonFile, schemaFile, SCHEMA_URI]);
    json.push({ ...(b.result as unknown as ColdStart), wallMs: b.wallMs });
  }
  return { ours, json };
}

/**
 * Memory of one contender in a fresh process: after a small warm-up (so compiled code is not counted), full GC,
 * baseline; then parse + validate with the result held alive, full GC again. Retained = heap + external growth.
 * Peak RSS growth = the process's max RSS afterwards minus RSS at the baseline: an upper bound, since reading the
 * input may itself have set the peak.
 */
const MEMORY = `
const fs = require('fs');
const [kind, file, warmFile, dist, schemaFile, schemaUri] = process.argv.slice(1);
const text = fs.readFileSync(file, 'utf8');
const warm = fs.readFileSync(warmFile, 'utf8');
const { TextDocument } = require('vscode-languageserver-textdocument');
(async () => {
  let run;
  if (kind === 'ours') {
    const service = require(dist).createLanguageService();
    run = (t) => { const parsed = service.parseDocument(TextDocument.create('file:///p.mobileconfig', 'mobileconfig', 1, t)); return [parsed, service.validate(parsed)]; };
  } else if (kind === 'json') {
    const ls = require('vscode-json-languageservice').getLanguageService({});
    ls.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*.json'], schema: JSON.parse(fs.readFileSync(schemaFile, 'utf8')) }] });
    run = async (t) => { const doc = TextDocument.create('file:///p.json', 'json', 1, t); const jd = ls.parseJSONDocument(doc); return [doc, jd, await ls.doValidation(doc, jd)]; };
  } else {
    const plist = await import('plist');
    run = (t) => plist.parse(t);
  }
  await run(warm);
  gc(); gc();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  globalThis.kept = await run(text);
  const ms = performance.now() - t0;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc(); gc();
  const m1 = process.memoryUsage();
  console.log(JSON.stringify({
    retainedBytes: (m1.heapUsed + m1.external) - (m0.heapUsed + m0.external),
    peakRssGrowthBytes: peakRss - m0.rss, baselineRssBytes: m0.rss, runSetPeak: peakRss > maxRssBefore, ms,
  }));
})();
`;

export interface MemoryResult {
  retainedBytes: number;
  peakRssGrowthBytes: number;
  baselineRssBytes: number;
  /** False when reading the input had already set a higher peak, so the growth shown is only an upper bound. */
  runSetPeak: boolean;
  ms: number;
}

export function measureMemory(scratch: Scratch, kind: 'ours' | 'json' | 'plist', inputFile: string, warmFile: string): MemoryResult {
  const schemaFile = scratch.write('schema.json', JSON.stringify(PROFILE_SCHEMA));
  const { result } = runChild(MEMORY, [kind, inputFile, warmFile, DIST_SERVICE, schemaFile, SCHEMA_URI], ['--expose-gc']);
  return result as unknown as MemoryResult;
}

const PROFILE = `
const fs = require('fs');
const text = fs.readFileSync(process.argv[1], 'utf8');
const service = require(process.argv[2]);
const until = performance.now() + Number(process.argv[3]);
let n = 0;
while (performance.now() < until) { service.validate(text); n++; }
console.log(JSON.stringify({ iterations: n }));
`;

export interface HotSpot {
  name: string;
  location: string;
  selfMs: number;
  selfPercent: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Profiles `validate` on one input with --cpu-prof for about `durationMs` and sums self time per function,
 * mapped back to the TypeScript source through the bundle's source map when there is one.
 */
export function profileOurs(scratch: Scratch, inputFile: string, durationMs: number, top: number): { iterations: number; totalMs: number; hotSpots: HotSpot[] } {
  const dir = path.join(scratch.dir, 'cpuprof');
  fs.mkdirSync(dir, { recursive: true });
  const { result } = runChild(PROFILE, [inputFile, DIST_SERVICE, String(durationMs)], ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const mapFile = DIST_SERVICE + '.map';
  const map = fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : undefined;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; location: string; us: number }>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byNode.get(profile.samples[i]);
    if (!node) continue;
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const { name, location } = describeFrame(node.callFrame, map);
    const key = `${name} ${location}`;
    const entry = self.get(key) ?? { name, location, us: 0 };
    entry.us += us;
    self.set(key, entry);
  }
  const hotSpots = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, location: e.location, selfMs: e.us / 1000, selfPercent: (100 * e.us) / totalUs }));
  return { iterations: Number(result.iterations), totalMs: totalUs / 1000, hotSpots };
}

function describeFrame(frame: CpuProfile['nodes'][number]['callFrame'], map: SourceMap | undefined): { name: string; location: string } {
  const name = frame.functionName || (frame.url ? '(anonymous)' : '');
  if (!frame.url) return { name: name || '(native)', location: '' };
  if (map && frame.url.endsWith('/dist/service.js')) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      return { name, location: `${path.relative(ROOT, path.resolve(path.dirname(DIST_SERVICE), entry.originalSource.replace(/^file:\/\//, '')))}:${(entry.originalLine ?? 0) + 1}` };
    }
  }
  const file = frame.url.replace(/^file:\/\//, '');
  return { name, location: `${file.startsWith(ROOT) ? path.relative(ROOT, file) : file}:${frame.lineNumber + 1}` };
}
