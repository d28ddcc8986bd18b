/**
 * The long fuzz run (`npm run fuzz`): the properties of scripts/fuzz/properties.ts for --runs cases in all
 * (default 100 000), in chunks whose seeds are printed so any chunk can be replayed alone. A failing chunk's
 * shrunk counterexample is saved under test/fixtures/hostile/regressions/ (one per distinct failure), where
 * test/unit/fuzz/regressions.test.ts replays it on every `npm test`; the run then goes on with the next chunk.
 *
 *   node scripts/run-ts.mjs scripts/fuzz/run.ts [--runs N] [--seed S] [--property mutation|edit|all]
 *                                              [--chunk N] [--corpus DIR] [--no-save]
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  editArb, editedInitial, editViolations, EditCase, loadSeeds, MutationCase, mutationArb, mutatedText, ROOT, textViolations,
} from './properties';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const totalRuns = Number(arg('runs', '100000'));
const baseSeed = Number(arg('seed', String(Date.now() % 2 ** 31)));
const which = arg('property', 'all')!;
const chunk = Number(arg('chunk', '1000'));
const save = !process.argv.includes('--no-save');
// The shared real-world corpus sits next to the checkout in the team's workspace; a fresh clone has only the committed seeds.
const corpus = arg('corpus', path.resolve(ROOT, '..', 'shared', 'corpus', 'real-world'))!;
if (!Number.isInteger(totalRuns) || totalRuns < 1 || !Number.isInteger(baseSeed) || !['mutation', 'edit', 'all'].includes(which)) {
  console.error('usage: run.ts [--runs N] [--seed S] [--property mutation|edit|all] [--chunk N] [--corpus DIR] [--no-save]');
  process.exit(2);
}

const seeds = loadSeeds(fs.existsSync(corpus) ? [corpus] : []);
const regressions = path.join(ROOT, 'test/fixtures/hostile/regressions');
console.log(`fuzz: ${totalRuns} cases, base seed ${baseSeed}, property ${which}, ${seeds.length} seed files${fs.existsSync(corpus) ? ` (with ${corpus})` : ''}`);

/** A failure's signature: its first violation with numbers and quoted text masked, so one bug is saved once. */
const signature = (violations: string[]) => (violations[0] ?? '').replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 200);
const seen = new Set<string>();
let failures = 0;

function saveCounterexample(kind: 'mutation' | 'edit', seed: number, value: MutationCase | EditCase, violations: string[]) {
  const sig = signature(violations);
  if (seen.has(sig)) return;
  seen.add(sig);
  console.log(`  violation: ${violations.join('\n    ')}`);
  if (!save) return;
  fs.mkdirSync(regressions, { recursive: true });
  const base = path.join(regressions, `${kind}-${seed}`);
  const seedName = seeds[value.seed].name;
  if (kind === 'mutation') {
    fs.writeFileSync(`${base}.mobileconfig`, mutatedText(seeds, value as MutationCase), 'utf8');
    fs.writeFileSync(`${base}.why.txt`, `from ${seedName}, seed ${seed}\n${violations.join('\n')}\n`);
  } else {
    const c = value as EditCase;
    fs.writeFileSync(`${base}.edits.json`, JSON.stringify({ from: seedName, seed, initial: editedInitial(seeds, c), steps: c.steps, violations }, null, 1) + '\n');
  }
  console.log(`  saved ${path.relative(ROOT, base)}.*`);
}

const started = Date.now();
let done = 0;
let k = 0;
while (done < totalRuns) {
  const runs = Math.min(chunk, totalRuns - done);
  const seed = (baseSeed + k) | 0;
  // Alternate the two properties chunk by chunk (mutations twice as often: they check more per case).
  const kind: 'mutation' | 'edit' = which === 'all' ? (k % 3 === 2 ? 'edit' : 'mutation') : (which as 'mutation' | 'edit');
  const property = kind === 'mutation'
    ? fc.property(mutationArb(seeds.length), (c) => textViolations(mutatedText(seeds, c)).length === 0)
    : fc.property(editArb(seeds.length), (c) => editViolations(editedInitial(seeds, c), c.steps).length === 0);
  const result = fc.check(property as fc.IProperty<[MutationCase | EditCase]>, { numRuns: runs, seed });
  done += result.numRuns;
  const elapsed = ((Date.now() - started) / 1000).toFixed(0);
  if (result.failed) {
    failures++;
    const value = result.counterexample![0];
    const violations = kind === 'mutation'
      ? textViolations(mutatedText(seeds, value as MutationCase))
      : editViolations(editedInitial(seeds, value as EditCase), (value as EditCase).steps);
    console.log(`chunk ${k} (${kind}, seed ${seed}): FAILED after ${result.numRuns} runs, path ${result.counterexamplePath}; replay: --property ${kind} --seed ${seed} --runs ${runs} --chunk ${runs}`);
    saveCounterexample(kind, seed, value, violations);
  } else {
    console.log(`chunk ${k} (${kind}, seed ${seed}): ${result.numRuns} ok; ${done}/${totalRuns} cases, ${elapsed} s`);
  }
  k++;
}
console.log(`fuzz: ${done} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures} failing chunk(s), ${seen.size} distinct failure(s)`);
process.exit(failures ? 1 : 0);
