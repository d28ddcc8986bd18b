/**
 * Hostile inputs that must parse in time linear in their size: a run of stray `<` is compared with the
 * benchmark's realistic profile of the same size, as ratios measured in one run (machines differ in speed).
 */
import { strict as assert } from 'node:assert';
import { validate } from '../../../server/src/service';
import { generateProfile } from '../../../scripts/bench/generate';

const MB = 1024 * 1024;

/** The best of a few runs, in ms: the minimum is the least disturbed by other work on a shared machine. */
function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
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
    const profileMs = bestOf(3, () => validate(profile));
    const strayMs = bestOf(3, () => validate(stray));
    assert.ok(strayMs <= 10 * profileMs, `1 MB of '<': ${strayMs.toFixed(1)} ms; 1 MB profile: ${profileMs.toFixed(1)} ms`);
  });

  it('takes about twice as long for 2 MB of stray `<` as for 1 MB', () => {
    const one = '<'.repeat(MB);
    const two = '<'.repeat(2 * MB);
    validate(one);
    validate(two);
    const oneMs = bestOf(7, () => validate(one));
    const twoMs = bestOf(7, () => validate(two));
    // Linear gives 2; quadratic gives 4. 3 leaves room for noise and garbage collection.
    assert.ok(twoMs <= 3 * oneMs, `2 MB: ${twoMs.toFixed(1)} ms; 1 MB: ${oneMs.toFixed(1)} ms`);
  });
});
