/**
 * The committed hostile fixtures are the generator's output, byte for byte, and none of them is large:
 * regenerate with `node scripts/run-ts.mjs scripts/hostile/generate.ts` after changing scripts/hostile/cases.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { committedFixtures, FIXTURE_DIR, MAX_COMMITTED } from '../../../scripts/hostile/generate';

describe('hostile fixtures', () => {
  const expected = committedFixtures();

  it('match what scripts/hostile/generate.ts writes', () => {
    for (const [name, bytes] of expected) {
      const file = path.join(FIXTURE_DIR, name);
      assert.ok(fs.existsSync(file), `${name} is missing: run scripts/hostile/generate.ts`);
      assert.ok(fs.readFileSync(file).equals(bytes), `${name} differs from the generator's output: run scripts/hostile/generate.ts`);
    }
  });

  it('keeps large cases out of the repository', () => {
    for (const name of fs.readdirSync(FIXTURE_DIR)) {
      const stat = fs.statSync(path.join(FIXTURE_DIR, name));
      if (stat.isFile()) assert.ok(stat.size <= MAX_COMMITTED || name === 'README.md', `${name} is ${stat.size} bytes`);
    }
  });
});
