import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, parsePlist, rules } from '../../server/src/service';
import { PARSER_MESSAGE_IDS, renderMessage } from '../../server/src/service/parser/messages';
import type { ParserMessageData } from '../../server/src/service/parser/messages';
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
  it('renders every parser message in Japanese with its arguments, and differently from the English', () => {
    for (const id of PARSER_MESSAGE_IDS) {
      // Each message takes at most two arguments; extra ones are ignored.
      const args = ['ARG1', 'ARG2'] as unknown as [never, never];
      const ja = (renderMessage as (l: string, i: string, ...a: unknown[]) => string)('ja', id, ...args);
      const en = (renderMessage as (l: string, i: string, ...a: unknown[]) => string)('en', id, ...args);
      assert.ok(isJapanese(ja), `${id}: ${ja}`);
      assert.notEqual(ja, en, id);
      for (const arg of ['ARG1', 'ARG2']) assert.equal(ja.includes(arg), en.includes(arg), `${id} uses ${arg} in both languages`);
    }
  });
  it('gives parser problems the same code, place and data in every locale, and only the text differs', () => {
    for (const [name, text] of allFixtureTexts()) {
      const en = parsePlist(text, { locale: 'en' }).problems;
      const ja = parsePlist(text, { locale: 'ja' }).problems;
      assert.deepEqual(ja.map(({ message: _, ...rest }) => rest), en.map(({ message: _, ...rest }) => rest), name);
      for (const p of ja) {
        const data = p.data as ParserMessageData;
        assert.ok(PARSER_MESSAGE_IDS.includes(data.messageId), `${name}: ${p.code} has a message id`);
        assert.ok(isJapanese(p.message), `${name}: ${p.message}`);
      }
    }
  });
  it('stays English by default', () => {
    const [, text] = allFixtureTexts().find(([n]) => n === 'parser/broken.mobileconfig')!;
    for (const d of diagnose(text)) assert.ok(!isJapanese(String(d.message)), String(d.message));
  });
});
