/**
 * `--rules`: what each rule adds to a full validation, measured as validate with only that rule on minus validate
 * with every rule off (parse, profile build and diagnostics conversion are in both), so the lead can see which
 * rule to make faster. Rounds are shuffled and interleaved like the main benchmark; differences under ~1 ms are noise.
 */
import type * as Service from '../../server/src/service/index';
import { median, shuffled } from './stats';

export interface RuleCost {
  id: string;
  /** Median extra milliseconds over the all-rules-off baseline. */
  ms: number;
}

export function measureRuleCosts(service: typeof Service, text: string, rounds: number, rng: { next(): number }): { baselineMs: number; costs: RuleCost[] } {
  const ids = service.rules.filter((r) => r.check).map((r) => r.id);
  const allOff = Object.fromEntries(ids.map((id) => [id, 'off' as const]));
  const variants: { id: string; settings: Partial<Service.ServiceSettings> }[] = [
    { id: '(all rules off)', settings: { rules: allOff } },
    ...ids.map((id) => ({ id, settings: { rules: { ...allOff, [id]: 'error' as const } } })),
  ];
  const samples = variants.map(() => [] as number[]);
  for (let round = 0; round < rounds + 1; round++) {
    for (const i of shuffled(variants.length, rng)) {
      const t0 = performance.now();
      service.validate(text, variants[i].settings);
      // The first round only warms up each variant's code paths.
      if (round > 0) samples[i].push(performance.now() - t0);
    }
  }
  const baselineMs = median(samples[0]);
  const costs = variants.slice(1).map((v, i) => ({ id: v.id, ms: median(samples[i + 1]) - baselineMs }));
  return { baselineMs, costs: costs.sort((a, b) => b.ms - a.ms) };
}
