/**
 * Every rule id the user reads about (README, the settings' descriptions in package.nls*.json) names a rule
 * that exists: an example naming a rule that does not (once `vpn-legacy-subtype`) sends users to set nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/service';

const root = path.resolve(__dirname, '..', '..');
const ids = new Set(rules.map((r) => r.id));
// Rule ids start with one of the registry's area words (`vpn-`, `payload-`, …); other kebab words do not.
const areas = new Set(rules.map((r) => r.id.split('-')[0]));

/** Kebab-case words in backticks or double quotes whose first part is a rule area. */
export function mentionedRuleIds(text: string): string[] {
  const found = [...text.matchAll(/[`"\\]([a-z]+(?:-[a-z0-9]+)+)[`"\\]/g)].map((m) => m[1]);
  return [...new Set(found.filter((w) => areas.has(w.split('-')[0])))];
}

describe('rule ids in the documentation', () => {
  for (const file of ['README.md', 'package.nls.json', 'package.nls.ja.json']) {
    it(`${file} names only rules that exist`, () => {
      const mentioned = mentionedRuleIds(fs.readFileSync(path.join(root, file), 'utf8'));
      assert.deepEqual(mentioned.filter((id) => !ids.has(id)), []);
    });
  }
  it('finds rule ids in the forms the files use, and no other words', () => {
    assert.deepEqual(mentionedRuleIds('`{ \\"vpn-legacy-subtype\\": \\"error\\" }` and `payload-version`, `text-xml`, "vpn-x"'), ['vpn-legacy-subtype', 'payload-version', 'vpn-x']);
    assert.ok(mentionedRuleIds(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).length >= rules.length - 5);
  });
});
