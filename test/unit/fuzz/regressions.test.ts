/**
 * Replays every counterexample the fuzzer (or a person) saved under test/fixtures/hostile/regressions/:
 * `*.mobileconfig` through every whole-text property, `*.edits.json` through the incremental-edit property.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editViolations, ROOT, textViolations } from '../../../scripts/fuzz/properties';

const dir = path.join(ROOT, 'test/fixtures/hostile/regressions');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];

describe('fuzz regressions', function () {
  this.timeout(60000);
  it('has regression fixtures to replay', () => assert.ok(files.some((f) => f.endsWith('.mobileconfig'))));
  for (const f of files.filter((f) => f.endsWith('.mobileconfig'))) {
    it(f, () => assert.deepEqual(textViolations(fs.readFileSync(path.join(dir, f), 'utf8')), []));
  }
  for (const f of files.filter((f) => f.endsWith('.edits.json'))) {
    it(f, () => {
      const c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      assert.deepEqual(editViolations(c.initial, c.steps), []);
    });
  }
});
