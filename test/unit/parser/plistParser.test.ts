import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, parsePlist, validate } from '../../../server/src/service';
import type { ParserMessageData } from '../../../server/src/service/parser/messages';
import type { Problem } from '../../../server/src/service/types';
import { dumpTree } from './dumpTree';

const messageId = (p: Problem) => (p.data as ParserMessageData | undefined)?.messageId;

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'parser');

describe('plist parser', () => {
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.mobileconfig')).sort()) {
    it(`parses ${file} to its reviewed tree`, () => {
      const text = decodeBytes(fs.readFileSync(path.join(DIR, file)));
      const actual = dumpTree(parsePlist(text), text);
      const golden = path.join(DIR, file.replace(/\.mobileconfig$/, '.tree.txt'));
      if (process.env.UPDATE_GOLDENS === '1') fs.writeFileSync(golden, actual);
      assert.equal(actual, fs.readFileSync(golden, 'utf8'));
    });
  }

  it('keeps the raw span of a string apart from its decoded value', () => {
    const text = '<plist><string>a &amp; b</string></plist>';
    const root = parsePlist(text).root!;
    assert.equal(root.kind, 'string');
    if (root.kind !== 'string') return;
    assert.equal(root.value, 'a & b');
    assert.equal(text.slice(root.valueOffset, root.valueOffset + root.valueLength), 'a &amp; b');
  });

  it('survives 10 000 levels of nesting without recursion and reports the depth once', () => {
    const text = '<plist>' + '<array>'.repeat(10000) + '</array>'.repeat(10000) + '</plist>';
    const result = parsePlist(text, { maxNestingDepth: 100 });
    assert.equal(result.problems.filter((p) => p.code === 'plist-too-deep').length, 1);
    assert.equal(result.problems.filter((p) => p.code === 'xml-malformed').length, 0);
  });

  it('reports every problem inside the text', () => {
    for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.mobileconfig'))) {
      const text = decodeBytes(fs.readFileSync(path.join(DIR, file)));
      for (const p of parsePlist(text).problems) {
        assert.ok(p.offset >= 0 && p.offset + p.length <= text.length, `${file}: ${p.code} @${p.offset}+${p.length}`);
      }
    }
  });

  it('reports the first NUL wherever the scanner reads text, and leaves one in <data> to the base64 check', () => {
    const doc = (body: string) => `<?xml version="1.0"?>\n<plist version="1.0"><dict>${body}</dict></plist>`;
    const cases: [string, string][] = [
      ['gap', doc('<key>A</key>\0<string>x</string>')],
      ['key', doc('<key>A\0B</key><string>x</string>')],
      ['string', doc('<key>A</key><string>x\0y</string>')],
      ['entity string', doc('<key>A</key><string>x&amp;\0y</string>')],
      ['comment', doc('<!-- a\0b --><key>A</key><string>x</string>')],
      ['attribute', doc('<key a="\0">A</key><string>x</string>')],
      ['cdata', doc('<key>A</key><string><![CDATA[x\0]]></string>')],
      ['unknown element', doc('<key>A</key><foo>x\0</foo>')],
      ['unterminated comment', doc('<key>A</key><string>x</string><!-- \0')],
      ['unterminated comment in a value', doc('<key>A</key><string>x<!-- \0')],
    ];
    for (const [where, text] of cases) {
      const nul = parsePlist(text).problems.filter((p) => messageId(p) === 'nul');
      assert.equal(nul.length, 1, where);
      assert.equal(text.charCodeAt(nul[0].offset), 0, where);
    }
    const twice = doc('<key>A\0</key><string>\0</string>');
    assert.equal(parsePlist(twice).problems.filter((p) => messageId(p) === 'nul').length, 1, 'only the first is reported');
    const data = doc('<key>A</key><data>QU\0JD</data>');
    assert.ok(!parsePlist(data).problems.some((p) => messageId(p) === 'nul'));
    assert.ok(validate(data).some((d) => d.code === 'plist-invalid-value'));
  });
});
