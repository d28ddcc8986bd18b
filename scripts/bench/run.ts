/**
 * `npm run bench`: times our validator against named peers on generated profiles (5 KB to 10 MB) in one
 * process, with warm-up and interleaved rounds, and prints medians, ratios, edit latency, memory, scaling,
 * cold start and CPU hot spots; the same numbers go to test-results/bench.json. Issue 7 holds the targets.
 * Options: --quick (fewer rounds, no CPU profile), --no-profile, --rules (cost of each rule at 1 MB and 10 MB), --out FILE.
 */
import { measureCatalogCost } from './catalogCost';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as Service from '../../server/src/service/index';
import { ColdStart, HotSpot, measureColdStarts, measureMemory, MemoryResult, profileOurs, Scratch } from './children';
import { BENCH_SIZES, generateProfile, Prng } from './generate';
import { measureRuleCosts, RuleCost } from './ruleCost';
import { Contender, createContenders, JSON_CATALOG, JSON_MINIMAL, loadPlist, loadService, plistValueToJson, ROOT } from './peers';
import { formatBytes, formatMs, getGc, logLogSlope, median, percentile, shuffled, table } from './stats';

interface Plan {
  warmup: number;
  rounds: number;
  /** Calls per sample, so a 5 KB sample is long enough for the timer to resolve. */
  batch: number;
  edits: number;
}

/** Rounds per size, chosen so the full run stays near 2 minutes on a 2-core machine. */
const FULL: Plan[] = [
  { warmup: 5, rounds: 40, batch: 20, edits: 300 },
  { warmup: 3, rounds: 30, batch: 2, edits: 200 },
  { warmup: 2, rounds: 21, batch: 1, edits: 100 },
  { warmup: 1, rounds: 7, batch: 1, edits: 20 },
];
const QUICK: Plan[] = [
  { warmup: 2, rounds: 10, batch: 10, edits: 60 },
  { warmup: 1, rounds: 8, batch: 1, edits: 40 },
  { warmup: 1, rounds: 5, batch: 1, edits: 30 },
  { warmup: 1, rounds: 3, batch: 1, edits: 8 },
];

interface Timing {
  name: string;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  samples: number;
}

interface SizeResult {
  label: string;
  bytes: number;
  chars: number;
  jsonBytes: number;
  dataShare: number;
  payloads: number;
  /** Diagnostics of ours on the generated profile, and how many are errors (must be 0: the profile is valid). */
  ourDiagnostics: number;
  ourErrors: number;
  jsonDiagnostics: number;
  plan: Plan;
  timings: Timing[];
  edit: { medianMs: number; p95Ms: number; maxMs: number; samples: number; diagnostics: number };
}

const SEED = 0x5eed;

function parseArgs(argv: string[]): { quick: boolean; profile: boolean; rules: boolean; out: string } {
  const quick = argv.includes('--quick');
  const outAt = argv.indexOf('--out');
  return {
    quick,
    profile: !quick && !argv.includes('--no-profile'),
    rules: argv.includes('--rules'),
    out: outAt >= 0 && argv[outAt + 1] ? path.resolve(argv[outAt + 1]) : path.join(ROOT, 'test-results', 'bench.json'),
  };
}

async function timeOnce(c: Contender, batch: number): Promise<{ ms: number; count: number }> {
  let count = 0;
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) {
    const r = c.run();
    count = typeof r === 'number' ? r : await r;
  }
  return { ms: (performance.now() - t0) / batch, count };
}

/**
 * Interleaved rounds: every round runs each contender once, in a freshly shuffled order (seeded), so drift in
 * machine speed and the garbage one contender leaves behind spread evenly over all of them. A rotation would not
 * do: each contender would always follow the same one. No GC is forced between samples: measured here, a forced
 * full GC makes the next call 2-4x slower (the heap has to grow back), which would swamp the differences.
 */
async function timeContenders(contenders: Contender[], plan: Plan, rng: Prng): Promise<Timing[]> {
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < plan.warmup + plan.rounds; round++) {
    for (const i of shuffled(contenders.length, rng)) {
      const { ms } = await timeOnce(contenders[i], plan.batch);
      if (round >= plan.warmup) samples[i].push(ms);
    }
  }
  return contenders.map((c, i) => ({
    name: c.name, medianMs: median(samples[i]), p95Ms: percentile(samples[i], 95),
    minMs: Math.min(...samples[i]), samples: samples[i].length,
  }));
}

/** Where the edit happens: the first letter of a domain in an on-demand rule near the middle of the document. */
function findEditOffset(text: string): number {
  let at = text.indexOf('<key>DNSDomainMatch</key>', text.length >> 1);
  if (at < 0) at = text.indexOf('<key>DNSDomainMatch</key>');
  let i = text.indexOf('<string>', at) + '<string>'.length;
  while (!/[a-z]/.test(text[i])) i++;
  return i;
}

/**
 * One token changed mid-document, as the server sees it: an incremental `TextDocument.update`, a full
 * parse and full diagnostics. The letter flips back and forth so every edit really changes the text and the profile stays
 * valid. No forced GC here: a typing user gets whatever pauses the allocation causes.
 */
function timeEdits(service: typeof Service, text: string, edits: number): SizeResult['edit'] {
  const ls = service.createLanguageService();
  const doc = TextDocument.create('file:///bench/edit.mobileconfig', 'mobileconfig', 1, text);
  // The document is open and validated before the user types, as in the editor.
  let parsed = ls.parseDocument(doc);
  ls.validate(parsed);
  const offset = findEditOffset(text);
  const range = { start: doc.positionAt(offset), end: doc.positionAt(offset + 1) };
  const letters = [text[offset], text[offset] === 'q' ? 'z' : 'q'];
  const warmup = Math.min(10, edits);
  const samples: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < warmup + edits; i++) {
    const t0 = performance.now();
    TextDocument.update(doc, [{ range, text: letters[(i + 1) % 2] }], doc.version + 1);
    parsed = ls.parseDocument(doc);
    diagnostics = ls.validate(parsed).length;
    const ms = performance.now() - t0;
    if (i >= warmup) samples.push(ms);
  }
  return { medianMs: median(samples), p95Ms: percentile(samples, 95), maxMs: Math.max(...samples), samples: samples.length, diagnostics };
}

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

function printSize(r: SizeResult): void {
  const ours = r.timings[0].medianMs;
  console.log(`\n## ${r.label}: ${r.bytes.toLocaleString('en')} bytes (${Math.round(r.dataShare * 100)}% in <data>), ${r.payloads} payloads, ` +
    `${r.ourDiagnostics} info notes from ours; as JSON ${r.jsonBytes.toLocaleString('en')} bytes; ${r.plan.rounds} rounds x ${r.plan.batch} call(s)`);
  const rows = r.timings.map((t) => [t.name, formatMs(t.medianMs), formatMs(t.p95Ms), formatMs(t.minMs), ratio(ours, t.medianMs)]);
  rows.push([`ours edit -> diagnostics (n=${r.edit.samples})`, formatMs(r.edit.medianMs), formatMs(r.edit.p95Ms), '', '']);
  console.log(table(['contender', 'median ms', 'p95 ms', 'min ms', 'ours/peer'], rows));
  // Info notes are expected (vpn-both-apps on legacy twins); errors or a changed count would mean the inputs are off.
  if (r.ourErrors !== 0 || r.jsonDiagnostics !== 0 || r.edit.diagnostics !== r.ourDiagnostics) {
    console.log(`WARNING: the generated profile is not clean: ours ${r.ourErrors} errors, json-ls ${r.jsonDiagnostics} diagnostics, ${r.edit.diagnostics} after the edit vs ${r.ourDiagnostics} before`);
  }
}

function medianOf(list: ColdStart[], key: keyof ColdStart): number {
  return median(list.map((c) => c[key]));
}

interface Target {
  name: string;
  measured: number;
  goal: number;
  aim?: number;
  unit: string;
}

function printTargets(targets: Target[]): void {
  const rows = targets.map((t) => [
    t.name, `${t.measured.toFixed(2)}${t.unit}`, `<= ${t.goal}${t.unit}`, t.aim !== undefined ? `<= ${t.aim}${t.unit}` : '',
    t.measured <= t.goal ? (t.aim === undefined || t.measured <= t.aim ? 'met' : 'met (aim missed)') : 'MISSED',
  ]);
  console.log(table(['target', 'measured', 'target', 'aim', 'status'], rows));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const plans = args.quick ? QUICK : FULL;
  const rng = new Prng(SEED);
  const gc = getGc();
  const started = performance.now();
  const { service, from } = loadService();
  const plist = await loadPlist();
  const cpu = os.cpus();
  const machine = `${cpu.length}-core ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.arch()}`;
  console.log(`# mobileconfig benchmark${args.quick ? ' (--quick)' : ''}`);
  console.log(`machine: ${machine}`);
  console.log(`ours: ${from}; seed ${SEED}; times in ms, medians of interleaved rounds; ratio = ours / peer (below 1 is faster)`);

  const scratch = new Scratch();
  try {
    const results: SizeResult[] = [];
    const inputs: { text: string; json: string; file: string }[] = [];
    for (let s = 0; s < BENCH_SIZES.length; s++) {
      const size = BENCH_SIZES[s];
      const plan = plans[s];
      const gen = generateProfile({ targetBytes: size.bytes, seed: SEED });
      // Converted once, outside any timing: the JSON peer is handed the same content as ready JSON text.
      const json = plistValueToJson(plist.parse(gen.text));
      inputs.push({ text: gen.text, json, file: scratch.write(`profile-${s}.mobileconfig`, gen.text) });
      const contenders = await createContenders({ text: gen.text, json, payloadTypes: gen.payloadTypes }, service);
      const initial = service.validate(gen.text);
      const ourDiagnostics = initial.length;
      const ourErrors = initial.filter((d) => d.severity === 1).length;
      let jsonDiagnostics = 0;
      for (const c of contenders.filter((c) => c.name.startsWith('json-ls'))) jsonDiagnostics += Number(await c.run());
      const timings = await timeContenders(contenders, plan, rng);
      // The peers' garbage is collected first: a typing user's server is not running plist or json-ls in between,
      // so the edit series pays only for what our own parses and validations leave (no GC between its samples).
      gc();
      const edit = timeEdits(service, gen.text, plan.edits);
      const result: SizeResult = {
        label: size.label, bytes: gen.bytes, chars: gen.text.length, jsonBytes: Buffer.byteLength(json), dataShare: gen.dataBytes / gen.bytes,
        payloads: gen.payloadTypes.length, ourDiagnostics, ourErrors, jsonDiagnostics, plan, timings, edit,
      };
      results.push(result);
      printSize(result);
      // Drop this size's garbage before the next one; the next size's warm-up rounds absorb the heap regrowing.
      gc();
    }

    const ms = (label: string, name: string) => results.find((r) => r.label === label)!.timings.find((t) => t.name === name)!.medianMs;
    console.log('\n## Summary (medians, ms)');
    console.log(table(
      ['size', 'ours', 'plist', 'fxp parse', 'fxp validate', 'json-ls', 'ours/json-ls', 'json-ls 5-check', 'ours/json-ls 5-check', 'ours/plist', 'edit p50', 'edit p95'],
      results.map((r) => {
        const at = (name: string) => r.timings.find((t) => t.name === name)!.medianMs;
        const ours = at('ours validate');
        const [pl, fp, fv, js, jm] = ['plist.parse', 'fxp XMLParser.parse', 'fxp XMLValidator.validate', JSON_CATALOG, JSON_MINIMAL].map(at);
        return [r.label, formatMs(ours), formatMs(pl), formatMs(fp), formatMs(fv), formatMs(js), ratio(ours, js), formatMs(jm), ratio(ours, jm), ratio(ours, pl), formatMs(r.edit.medianMs), formatMs(r.edit.p95Ms)];
      }),
    ));
    console.log('json-ls: the same content as JSON, against a schema generated from our catalog for the profile\'s payload types (what our\n'
      + 'schema rules ask); "5-check" is the first, much smaller schema, kept for reference (peers.ts, catalogJsonSchema.ts).');
    const scaled = results.filter((r) => r.bytes >= 100 * 1024);
    const slope = logLogSlope(scaled.map((r) => ({ bytes: r.bytes, ms: r.timings[0].medianMs })));
    console.log(`\nscaling: log-log slope of ours from ${scaled[0].label} to ${scaled[scaled.length - 1].label} = ${slope.toFixed(3)} (1.00 is linear)`);

    // Memory at the largest size, each contender in its own fresh process.
    const big = results[results.length - 1];
    const bigFile = inputs[inputs.length - 1].file;
    const warmFile = inputs[0].file;
    console.log(`\n## Memory at ${big.label} (fresh process each, input ${formatBytes(big.bytes)} UTF-8, ${big.chars.toLocaleString('en')} chars)`);
    const memory: Record<string, MemoryResult> = { ours: measureMemory(scratch, 'ours', bigFile, warmFile) };
    if (!args.quick) {
      memory['json-ls'] = measureMemory(scratch, 'json', scratch.write('big.json', inputs[inputs.length - 1].json), scratch.write('warm.json', inputs[0].json));
      memory['plist.parse'] = measureMemory(scratch, 'plist', bigFile, warmFile);
    }
    console.log(table(['contender', 'retained after GC', 'x input', 'peak RSS growth', 'run set the peak', 'ms (cold)'], Object.entries(memory).map(([name, m]) => [
      name, formatBytes(m.retainedBytes), (m.retainedBytes / big.bytes).toFixed(2), formatBytes(m.peakRssGrowthBytes), m.runSetPeak ? 'yes' : 'no', formatMs(m.ms),
    ])));
    console.log('(retained: heap + external growth with the parse and diagnostics held alive; peak RSS growth: max RSS after minus RSS before, an upper bound)');

    const coldReps = args.quick ? 3 : 7;
    const cold = measureColdStarts(scratch, inputs[0].text, inputs[0].json, coldReps);
    console.log(`\n## Cold start: import + first diagnostics of the ${results[0].label} profile (fresh process, median of ${coldReps})`);
    console.log(table(['', 'import ms', 'first validation ms', 'import + first ms', 'since process start ms', 'child wall ms'], [
      ['ours (dist/service.js)', ...(['importMs', 'firstMs', 'totalMs', 'sinceStartMs', 'wallMs'] as const).map((k) => formatMs(medianOf(cold.ours, k)))],
      ['vscode-json-languageservice', ...(['importMs', 'firstMs', 'totalMs', 'sinceStartMs', 'wallMs'] as const).map((k) => formatMs(medianOf(cold.json, k)))],
    ]));

    const catalog = measureCatalogCost(ROOT, coldReps);
    console.log(`\n## Apple payload catalog (issue 4 budget: 30 ms start-up, 500 KB in the .vsix)`);
    console.log(table(['require + first lookup ms (fresh process, median)', 'minified bundle', 'deflated (as in the .vsix)'], [
      [formatMs(catalog.requireMs), formatBytes(catalog.minifiedBytes), formatBytes(catalog.deflatedBytes)],
    ]));

    let profile: { iterations: number; totalMs: number; hotSpots: HotSpot[] } | undefined;
    if (args.profile) {
      profile = profileOurs(scratch, inputs[2].file, 4000, 15);
      console.log(`\n## CPU profile: ours validate on ${results[2].label}, ${profile.iterations} calls, top self time`);
      console.log(table(['function', 'source', 'self ms', 'self %'], profile.hotSpots.map((h) => [h.name, h.location, formatMs(h.selfMs), h.selfPercent.toFixed(1)])));
    }

    const ruleCosts: Record<string, { baselineMs: number; costs: RuleCost[] }> = {};
    if (args.rules) {
      for (const [s, rounds] of [[2, 9], [3, 3]] as const) {
        const costs = measureRuleCosts(service, inputs[s].text, rounds, rng);
        ruleCosts[results[s].label] = costs;
        console.log(`\n## Rule costs at ${results[s].label}: validate with one rule on minus all rules off (${formatMs(costs.baselineMs)} ms), median of ${rounds}`);
        console.log(table(['rule', 'extra ms'], costs.costs.filter((c) => c.ms >= 0.5).map((c) => [c.id, formatMs(c.ms)])));
      }
    }

    // A stray run of `<` must parse in linear time: a 1 MB document of nothing else, against the 1 MB profile.
    const lts = '<'.repeat(1024 * 1024);
    const ltSamples: number[] = [];
    for (let i = 0; i < (args.quick ? 3 : 7); i++) {
      const t0 = performance.now();
      service.validate(lts);
      ltSamples.push(performance.now() - t0);
    }
    const ltMs = median(ltSamples);
    console.log(`\n## A 1 MB run of '<': ${formatMs(ltMs)} ms (median of ${ltSamples.length})`);

    const hundredKb = results[1];
    const oneMb = results[2];
    const targets: Target[] = [
      { name: '1 MB: ours / json-ls (catalog schema)', measured: ms('1 MB', 'ours validate') / ms('1 MB', JSON_CATALOG), goal: 0.5, aim: 0.33, unit: 'x' },
      { name: '1 MB: ours / json-ls (5-check schema, reference)', measured: ms('1 MB', 'ours validate') / ms('1 MB', JSON_MINIMAL), goal: 0.5, aim: 0.33, unit: 'x' },
      { name: '1 MB: ours / plist.parse', measured: ms('1 MB', 'ours validate') / ms('1 MB', 'plist.parse'), goal: 0.15, aim: 0.1, unit: 'x' },
      { name: 'scaling slope 100 KB -> 10 MB', measured: slope, goal: 1.1, unit: '' },
      { name: `${big.label}: retained / input`, measured: memory.ours.retainedBytes / big.bytes, goal: 2, unit: 'x' },
      { name: `${big.label}: peak RSS growth`, measured: memory.ours.peakRssGrowthBytes / 2 ** 20, goal: 80, unit: ' MiB' },
      { name: '100 KB: edit -> diagnostics p95 (full re-parse)', measured: hundredKb.edit.p95Ms, goal: 5, unit: ' ms' },
      { name: '1 MB: edit -> diagnostics p95 (full re-parse)', measured: oneMb.edit.p95Ms, goal: 25, unit: ' ms' },
      { name: "1 MB of '<' / 1 MB profile validation", measured: ltMs / ms('1 MB', 'ours validate'), goal: 10, unit: 'x' },
      { name: 'cold start: ours / json-ls (import + first)', measured: medianOf(cold.ours, 'totalMs') / medianOf(cold.json, 'totalMs'), goal: 1, unit: 'x' },
      { name: 'catalog: start-up cost', measured: catalog.requireMs, goal: 30, unit: ' ms' },
      { name: 'catalog: share of the .vsix', measured: catalog.deflatedBytes / 1024, goal: 500, unit: ' KB' },
    ];
    console.log('\n## Targets');
    printTargets(targets);
    const totalS = (performance.now() - started) / 1000;
    console.log(`\nbench time: ${totalS.toFixed(0)} s`);

    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(args.out, JSON.stringify({
      date: new Date().toISOString(), machine, node: process.versions.node, ours: from, seed: SEED, quick: args.quick,
      sizes: results, scalingSlope: slope, memory, coldStart: cold, catalog, profile, ruleCosts, targets: targets.map((t) => ({ ...t, met: t.measured <= t.goal })), benchSeconds: totalS,
    }, null, 2) + '\n');
    console.log(`results: ${path.relative(process.cwd(), args.out)}`);
  } finally {
    scratch.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
