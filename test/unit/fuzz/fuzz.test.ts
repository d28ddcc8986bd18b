/**
 * The small fuzz budget that runs in `npm test` (the long run is `npm run fuzz`): a few hundred random
 * mutations of the seed profiles and a few hundred random edit sequences, each with fast-check's seed in
 * the failure message so it can be replayed with `scripts/fuzz/run.ts --seed`.
 */
import * as fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { applyOp, editProperty, editViolations, loadSeeds, mutationProperty } from '../../../scripts/fuzz/properties';
import { checkText } from '../../../scripts/hostile/check';
import { getRule } from '../../../server/src/service';

// FUZZ_RUNS raises the budget locally without editing the file.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('fuzz (small budget)', function () {
  this.timeout(120000);
  const seeds = loadSeeds();

  it('has seeds from the committed corpus sample, the rule fixtures and the hostile fixtures', () => {
    assert.ok(seeds.some((s) => s.name.startsWith('test/fixtures/hostile/seeds/')), 'corpus sample missing');
    assert.ok(seeds.some((s) => s.name.startsWith('test/fixtures/rules/')), 'rule fixtures missing');
    assert.ok(seeds.length >= 20, `only ${seeds.length} seeds`);
  });

  it(`mutated profiles keep every property (${RUNS} runs)`, () => {
    fc.assert(mutationProperty(seeds), { numRuns: RUNS });
  });

  it(`incremental edits give the same diagnostics as the whole text (${RUNS} runs)`, () => {
    fc.assert(editProperty(seeds), { numRuns: RUNS });
  });
});

describe('fuzz properties can fail', () => {
  it('a text whose quick fix adds an error is reported', () => {
    // Plant a broken fix for the duration of the test: payload-version's fix now also writes a second
    // PayloadVersion key, so applying it adds a plist-duplicate-key error the checker must see.
    const rule = getRule('payload-version')!;
    const saved = rule.fixes;
    rule.fixes = (ctx, problem) => [{ id: 'broken', title: 'broken on purpose', edits: [{ offset: problem.offset, length: problem.length, newText: '1</integer><key>PayloadVersion</key><integer>1' }] }];
    try {
      const text = '<plist version="1.0"><dict><key>PayloadIdentifier</key><string>a</string><key>PayloadType</key><string>Configuration</string>' +
        '<key>PayloadUUID</key><string>9C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3</string><key>PayloadVersion</key><integer>2</integer>' +
        '<key>PayloadContent</key><array/></dict></plist>';
      assert.ok(checkText(text, { verifyFixes: true }).violations.some((v) => /broken on purpose.*adds 1 error/.test(v)));
    } finally {
      rule.fixes = saved;
    }
  });

  it('an edit sequence that splits a CRLF is kept off that spot (no LSP position lies between \\r and \\n)', () => {
    assert.deepEqual(editViolations('a\r\nb', [{ changes: [{ at: 0.5, del: 0, insert: 'x' }] }]), []);
  });

  it('structural ops stay within the text', () => {
    const text = '<plist><dict><key>a</key><string>b</string></dict></plist>';
    for (const action of ['delete', 'duplicate', 'swap', 'wrap', 'retag', 'empty', 'unclose'] as const) {
      const out = applyOp(text, { t: 'node', pick: 0.99, action, arg: 0.1 });
      assert.equal(typeof out, 'string');
    }
    assert.notEqual(applyOp(text, { t: 'node', pick: 0.99, action: 'delete', arg: 0 }), text);
  });
});
