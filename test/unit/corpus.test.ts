/**
 * Runs validate over the real-world corpus (../shared/corpus/real-world): no errors on the files judged valid, at
 * least one expected error on each file the index judges invalid, and every offered fix applies cleanly. Those
 * profiles are not ours to redistribute, so a fresh clone lacks them: the suite is skipped, saying so in one line.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../scripts/hostile/check';
import { decodeBytes, validate } from '../../server/src/service';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real-world');
const INDEX = path.join(__dirname, '..', 'fixtures', 'corpus-index.json');

interface Judged {
  file: string;
  why: string;
  codes: string[];
}

describe('real-world corpus', function () {
  const index: { invalid: Judged[] } = JSON.parse(fs.readFileSync(INDEX, 'utf8'));
  const invalid = new Map(index.invalid.map((j) => [j.file, j]));

  before(function () {
    if (fs.existsSync(CORPUS)) return;
    console.log(`    real-world corpus skipped: ${CORPUS} is absent (not redistributable; CI has it)`);
    this.skip();
  });

  const errorsOf = (file: string) => validate(decodeBytes(fs.readFileSync(path.join(CORPUS, file))), undefined, `file:///${file}`)
    .filter((d) => d.severity === 1);

  const profiles = () => fs.readdirSync(CORPUS).filter((f) => /\.(mobileconfig|plist)$/.test(f)).sort();

  it('gives no error on any file judged valid', () => {
    const found: string[] = [];
    for (const file of profiles().filter((f) => !invalid.has(f))) {
      for (const d of errorsOf(file)) found.push(`${file}:${d.range.start.line + 1} ${d.code}: ${d.message}`);
    }
    assert.deepEqual(found, []);
  });

  it('gives each file judged invalid an error of the kind its index entry names', () => {
    const files = new Set(profiles());
    for (const judged of index.invalid) {
      assert.ok(judged.why.trim().length > 0, `${judged.file}: say why it is invalid`);
      assert.ok(files.has(judged.file), `${judged.file} is listed in corpus-index.json but not in the corpus`);
      const codes = errorsOf(judged.file).map((d) => String(d.code));
      assert.ok(codes.some((c) => judged.codes.includes(c)), `${judged.file}: expected an error from ${judged.codes.join(' or ')}, got [${codes.join(', ')}]`);
    }
  });

  it('applies every offered fix cleanly and adds no error', function () {
    this.timeout(120000);
    const problems: string[] = [];
    for (const file of profiles()) {
      const text = decodeBytes(fs.readFileSync(path.join(CORPUS, file)));
      for (const v of checkText(text, { verifyFixes: true }).violations) problems.push(`${file}: ${v}`);
    }
    assert.deepEqual(problems, []);
  });
});
