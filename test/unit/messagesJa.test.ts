import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, rules } from '../../server/src/service';
import { diagnose, FIXTURES } from './ruleHarness';

/** Japanese contains at least one kana or kanji; an untranslated English sentence has none. */
const isJapanese = (s: string) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

function allFixtureTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['parser', 'rules', 'features']) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).filter((x) => x.endsWith('.mobileconfig'))) {
      out.push([`${dir}/${f}`, decodeBytes(fs.readFileSync(path.join(FIXTURES, dir, f)))]);
    }
  }
  return out;
}

describe('messages in Japanese', () => {
  it('every diagnostic on every fixture is in Japanese when the locale is ja', () => {
    for (const [name, text] of allFixtureTexts()) {
      for (const d of diagnose(text, { locale: 'ja', mode: 'standalone' })) {
        assert.ok(isJapanese(String(d.message)), `${name}: ${d.code}: ${d.message}`);
      }
    }
  });
  it('every rule that reports has a Japanese table with the same keys as the English one', () => {
    for (const rule of rules.filter((r) => r.check)) {
      assert.ok(rule.messages.ja, `${rule.id} has no Japanese messages`);
      assert.deepEqual(Object.keys(rule.messages.ja!).sort(), Object.keys(rule.messages.en).sort(), rule.id);
    }
  });
  it('translates the size and count limit notes too', () => {
    const [, text] = allFixtureTexts().find(([n]) => n === 'parser/broken.mobileconfig')!;
    const notes = [...diagnose(text, { locale: 'ja', maxDocumentSize: 10 }), ...diagnose(text, { locale: 'ja', maxDiagnostics: 1 })]
      .filter((d) => d.code === 'document-too-large' || d.code === 'too-many-diagnostics');
    assert.equal(notes.length, 2);
    for (const d of notes) assert.ok(isJapanese(String(d.message)), String(d.message));
  });
  it('stays English by default', () => {
    const [, text] = allFixtureTexts().find(([n]) => n === 'parser/broken.mobileconfig')!;
    for (const d of diagnose(text)) assert.ok(!isJapanese(String(d.message)), String(d.message));
  });
});
