/**
 * Hostile inputs that must parse in time linear in their size: a run of stray `<` is compared with the
 * benchmark's realistic profile of the same size, as ratios measured in one run (machines differ in speed).
 */
import { strict as assert } from 'node:assert';
import { validate } from '../../../server/src/service';
import { generateProfile } from '../../../scripts/bench/generate';

const MB = 1024 * 1024;

function timeOf(work: () => void): number {
  const t0 = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The best of a few runs, in ms: the minimum is the least disturbed by other work on a shared machine. */
function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeOf(work));
  return best;
}

/**
 * The best of up to `runs` runs, stopping at the first within `limit` ms (no need to look further) or far past
 * it (a quadratic parse would take minutes more for nothing).
 */
function bestWithin(limit: number, runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs && best > limit; i++) {
    best = Math.min(best, timeOf(work));
    if (best > 3 * limit) break;
  }
  return best;
}

describe('hostile inputs: linear time', function () {
  this.timeout(120_000);

  it('validates 1 MB of stray `<` in at most 10x the time of the 1 MB benchmark profile', () => {
    const profile = generateProfile({ targetBytes: MB }).text;
    const stray = '<'.repeat(MB);
    validate(profile);
    validate(stray.slice(0, 1000));
    const profileMs = bestOf(5, () => validate(profile));
    const strayMs = bestWithin(10 * profileMs, 5, () => validate(stray));
    assert.ok(strayMs <= 10 * profileMs, `1 MB of '<': ${strayMs.toFixed(1)} ms; 1 MB profile: ${profileMs.toFixed(1)} ms`);
  });

  it('takes about four times as long for 2 MB of stray `<` as for 512 KB', () => {
    const small = '<'.repeat(MB / 2);
    const large = '<'.repeat(2 * MB);
    validate(small);
    const smallMs = bestOf(7, () => validate(small));
    // Linear gives 4 and quadratic 16; 8 leaves room for noise and garbage collection.
    const largeMs = bestWithin(8 * smallMs, 7, () => validate(large));
    assert.ok(largeMs <= 8 * smallMs, `2 MB: ${largeMs.toFixed(1)} ms; 512 KB: ${smallMs.toFixed(1)} ms`);
  });
});
