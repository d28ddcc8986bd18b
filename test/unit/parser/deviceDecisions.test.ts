/**
 * One test per row of the README's "Parser decisions" table: each fixture `test/fixtures/parser/device-*.mobileconfig`
 * gets exactly the parse-level diagnostics (severity, code, message id, line) that its row decides.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, decodeBytes, resolveSettings, validate } from '../../../server/src/service';
import { buildExport } from '../../../server/src/service/features/exportProfile';
import type { ParserMessageData } from '../../../server/src/service/parser/messages';
import { ParserCodes } from '../../../server/src/service/parser/plistParser';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'parser');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
/** The diagnostics a row decides: the parser's own and the value check's; profile rules are out of scope here. */
const PARSE_CODES = new Set<string>([...Object.values(ParserCodes), 'plist-invalid-value']);

const read = (name: string) => decodeBytes(fs.readFileSync(path.join(DIR, `device-${name}.mobileconfig`)));

/** `severity code messageId @line` for each parse-level diagnostic, the message id only where the parser sets one. */
function decided(text: string): string[] {
  return validate(text)
    .filter((d) => PARSE_CODES.has(String(d.code)))
    .map((d) => {
      const id = (d.data as ParserMessageData | undefined)?.messageId;
      return `${SEVERITY[d.severity ?? 1]} ${d.code}${id ? ` ${id}` : ''} @${d.range.start.line + 1}`;
    });
}

const ROWS: [string, string[]][] = [
  ['integer-space-before', []],
  ['integer-space-after', ['error plist-invalid-value @6']],
  ['integer-split', ['error plist-invalid-value @6']],
  ['real-space-before', []],
  ['real-space-after', ['error plist-invalid-value @6']],
  ['date-space', ['error plist-invalid-value @6', 'error plist-invalid-value @8']],
  ['comment-in-string', ['error xml-malformed commentInValue @6']],
  ['comment-in-key', ['error xml-malformed commentInValue @5']],
  ['cdata-in-string', []],
  ['comment-cdata-in-integer', ['error xml-malformed commentInValue @6', 'error xml-malformed cdataInValue @8']],
  ['data-empty-tag', ['error xml-malformed emptyData @6']],
  ['plist-empty-tag', ['error xml-malformed emptyPlist @3']],
  ['plist-no-value', ['error xml-malformed emptyPlist @3']],
  ['utf8-invalid', ['error xml-malformed replacementCharacter @7']],
  ['bom-twice', ['error xml-malformed secondBom @1']],
  ['integer-hex', []],
  ['integer-underscore', ['error plist-invalid-value @6']],
  ['integer-64-bit', ['error plist-invalid-value @10', 'error plist-invalid-value @12']],
  ['bare-dict-root', ['hint xml-malformed bareRoot @1']],
  ['plist-nested', ['warning xml-malformed nestedPlist @6']],
  ['plist-two-values', ['error xml-malformed extraValue @5']],
  ['after-plist', ['warning xml-malformed afterPlist @7', 'warning xml-malformed afterPlist @8']],
  ['key-in-array', ['warning plist-misplaced-key keyAsString @6']],
  ['true-with-text', ['error xml-malformed boolWithText @6']],
  ['element-unknown-or-cased', ['error plist-unknown-element unknownElement @6', 'error plist-unknown-element unknownElement @8']],
  ['data-outside-base64', ['warning plist-invalid-value @6', 'error plist-invalid-value @8', 'warning plist-invalid-value @10', 'error plist-invalid-value @12']],
  ['date-impossible', ['warning plist-invalid-value @6']],
  ['reference-control', ['warning xml-malformed nonXmlCharacter @6', 'warning xml-malformed nonXmlCharacter @8']],
  ['reference-upper-x', ['error xml-malformed upperHexReference @6']],
];

describe('parser decisions (what the device does)', () => {
  for (const [name, expected] of ROWS) {
    it(`decides device-${name}`, () => assert.deepEqual(decided(read(name)), expected));
  }

  it('has a row for every device fixture', () => {
    const fixtures = fs.readdirSync(DIR).filter((f) => f.startsWith('device-') && f.endsWith('.mobileconfig'))
      .map((f) => f.slice('device-'.length, -'.mobileconfig'.length)).sort();
    assert.deepEqual(fixtures, ROWS.map(([name]) => name).sort());
  });

  it('reads a nested <plist> as the value inside it, and a <key> in an array as a string', () => {
    const nested = createLanguageService().parseDocument(TextDocument.create('file:///n', 'mobileconfig', 1, read('plist-nested'))).parse.root;
    assert.equal(nested?.kind === 'dict' && nested.entries[0].value?.kind, 'string');
    const array = createLanguageService().parseDocument(TextDocument.create('file:///a', 'mobileconfig', 1, read('key-in-array'))).parse.root;
    const items = array?.kind === 'dict' && array.entries[0].value?.kind === 'array' ? array.entries[0].value.items : [];
    assert.deepEqual(items.map((i) => i.kind === 'string' && i.value), ['x']);
  });

  it('refuses to export a profile with a character reference XML forbids, though it is only a warning', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'clean', 'anyconnect-password.mobileconfig'), 'utf8')
      .replace(/<string>([^<]*)<\/string>/, '<string>$1&#x1;</string>');
    const settings = resolveSettings({ mode: 'portal' });
    const service = createLanguageService();
    const parsed = service.parseDocument(TextDocument.create('file:///w/source.mobileconfig', 'mobileconfig', 1, text), settings);
    const diagnostics = service.validate(parsed, settings);
    assert.ok(!diagnostics.some((d) => d.severity === 1), 'no error: devices accept the reference');
    const outcome = buildExport(parsed.model, diagnostics, 'source.mobileconfig');
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.ok ? [] : outcome.errors.map((e) => e.code), ['xml-malformed']);
  });
});
