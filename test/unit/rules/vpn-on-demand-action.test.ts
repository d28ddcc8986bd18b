import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service';
import { SUPPRESS_KIND } from '../../../server/src/service/features/suppression';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-on-demand-action';
const service = createLanguageService();
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

/** The fix titles offered for each of the rule's diagnostics, keyed by the flagged text. */
function fixTitles(text: string): Record<string, string[]> {
  const doc = TextDocument.create('file:///a.mobileconfig', 'mobileconfig', 1, text);
  const parsed = service.parseDocument(doc);
  const out: Record<string, string[]> = {};
  for (const d of service.validate(parsed).filter((x) => x.code === ID)) {
    out[doc.getText(d.range)] = service.getCodeActions(parsed, d.range, [d]).filter((a) => a.kind !== SUPPRESS_KIND).map((a) => a.title);
  }
  return out;
}

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, and fixes case and spaces', () => checkRule(ID));
  it('is silent on a profile whose on-demand rules are correct', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('offers the exact action only for a case or space mismatch', () => {
    const titles = fixTitles(fixture);
    assert.deepEqual(titles['connect'], ['Change Action to Connect']);
    assert.deepEqual(titles['Disconnect '], ['Change Action to Disconnect']);
    assert.deepEqual(titles['Reconnect'], []);
    assert.deepEqual(titles['<dict>'], []);
  });
  it('accepts the deprecated Allow (payload-key-deprecated speaks about it)', () => {
    const flagged = diagnose(fixture).filter((d) => d.code === ID).map((d) => String(d.message));
    assert.ok(!flagged.some((m) => m.includes('"Allow"')));
  });
});
