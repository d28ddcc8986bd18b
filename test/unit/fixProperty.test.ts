/**
 * The quick-fix property of issue 3 on real inputs, not mutations: on every fixture (the real-world corpus in
 * corpus.test.ts), each offered quick fix (and source action) applies cleanly, changes something, and adds
 * no XML/plist error nor any error the file did not have (scripts/hostile/check.ts does the checking).
 */
import { buildModel } from '../../server/src/service/model';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../scripts/hostile/check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeBytes, getRule, parsePlist, resolveSettings } from '../../server/src/service';
import { runRules } from '../../server/src/service/features/diagnostics';
import { FIXTURES } from './ruleHarness';

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.(mobileconfig|plist)$/.test(f)).sort().map((f) => path.join(dir, f));
}

describe('every offered fix on fixtures', function () {
  this.timeout(120000);
  for (const [label, dir] of [['rule fixtures', path.join(FIXTURES, 'rules')], ['feature fixtures', path.join(FIXTURES, 'features')], ['clean fixtures', path.join(FIXTURES, 'clean')], ['errata fixtures', path.join(FIXTURES, 'errata')]] as const) {
    it(`applies cleanly and adds no error: ${label}`, function () {
      const list = files(dir);
      assert.ok(list.length > 0, `no fixtures in ${dir}`);
      const problems: string[] = [];
      for (const file of list) {
        const text = decodeBytes(fs.readFileSync(file));
        for (const v of checkText(text, { verifyFixes: true }).violations) problems.push(`${path.basename(file)}: ${v}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('isolates a rule that throws: the others still report, the error is handed to the host', () => {
    const rule = getRule('vpn-legacy-only')!;
    const saved = rule.check;
    rule.check = () => { throw new Error('boom'); };
    try {
      const text = fs.readFileSync(path.join(FIXTURES, 'rules', 'payload-uuid-duplicate.mobileconfig'), 'utf8');
      const errors: string[] = [];
      const diags = runRules(TextDocument.create('file:///x', 'mobileconfig', 1, text), buildModel(parsePlist(text), text, resolveSettings()), (id: string) => errors.push(id));
      assert.deepEqual(errors, ['vpn-legacy-only']);
      assert.equal(diags.filter((d) => d.code === 'payload-uuid-duplicate').length, 2);
    } finally {
      rule.check = saved;
    }
  });
});
