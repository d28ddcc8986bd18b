import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parsePlist } from '../../../server/src/service';
import { formatDocument, FormatOptions } from '../../../server/src/service/features/formatting';
import { walkNodes } from '../../../server/src/service/model/tree';
import { FIXTURES } from '../ruleHarness';

const dir = path.join(FIXTURES, 'features', 'formatting');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const TABS: FormatOptions = { tabSize: 4, insertSpaces: false };

function edits(text: string, options = TABS, range?: Range): TextEdit[] {
  const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
  return formatDocument(document, parsePlist(text), options, range);
}

function format(text: string, options = TABS, range?: Range): string {
  const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
  return TextDocument.applyEdits(document, formatDocument(document, parsePlist(text), options, range));
}

function golden(name: string, actual: string): void {
  const file = path.join(dir, name);
  if (process.env.UPDATE_GOLDENS === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

/** Every key and value as written (raw text), in document order. */
function rawValues(text: string): string[] {
  const parse = parsePlist(text);
  const out: string[] = [];
  for (const n of walkNodes(parse.root)) {
    if (n.kind === 'dict') for (const e of n.entries) if (e.key) out.push(text.slice(e.key.offset, e.key.offset + e.key.length));
    if (n.kind !== 'dict' && n.kind !== 'array') out.push(text.slice(n.offset, n.offset + n.length));
  }
  return out.sort();
}

const comments = (text: string) => text.match(/<!--[\s\S]*?-->/g) ?? [];

describe('formatting', () => {
  const messy = read('messy.mobileconfig');

  it('lays a profile out as Apple does: declaration, DOCTYPE, one element per line, tabs, <dict/>', () => {
    golden('messy.formatted.mobileconfig', format(messy));
  });

  it('is idempotent', () => {
    const once = format(messy);
    assert.deepEqual(edits(once), []);
    assert.equal(format(once), once);
  });

  it('never changes a key or value: entities, CDATA, multi-line strings and <data> bodies are copied as written', () => {
    const out = format(messy);
    assert.deepEqual(rawValues(out), rawValues(messy));
    assert.ok(out.includes('<string>corp &amp; co.p12</string>'));
    assert.ok(out.includes('<string><![CDATA[Corp <identity>]]></string>'));
    assert.ok(out.includes('<string>line one\n   line two  </string>'));
    assert.ok(out.includes('<data>\n        MIIKAAIB'));
  });

  it('keeps every comment, each on its own line at the indentation of its place', () => {
    const out = format(messy);
    assert.deepEqual(comments(out), comments(messy));
    assert.ok(out.includes('\n\t\t\t<key>PayloadDisplayName</key>\n\t\t\t<!-- shown in Settings -->\n\t\t\t<string>'));
    assert.ok(out.includes('</dict>\n<!-- trailing comment inside plist -->\n</plist>\n<!-- after plist -->\n'));
  });

  it('keeps CRLF line endings', () => {
    const crlf = messy.replace(/\n/g, '\r\n');
    const out = format(crlf);
    assert.equal(out, format(messy).replace(/\n/g, '\r\n'));
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.deepEqual(edits(out), []);
  });

  it('indents with spaces when the editor asks for them', () => {
    const out = format(messy, { tabSize: 2, insertSpaces: true });
    assert.ok(out.includes('\n  <key>PayloadContent</key>\n  <array>\n    <dict>\n      <key>PayloadCertificateFileName</key>'));
    assert.ok(!/\n\t/.test(out));
  });

  it('adds the final newline, and nothing when the file is already formatted', () => {
    const formatted = format(messy);
    const bare = formatted.replace(/\n$/, '');
    const e = edits(bare);
    assert.equal(e.length, 1);
    assert.equal(e[0].newText, '\n');
    assert.equal(format(bare), formatted);
  });

  it('returns small edits: one mis-indented line gives one edit on its indentation', () => {
    const formatted = format(messy);
    const broken = formatted.replace('\t<key>PayloadType</key>\n\t<string>Configuration', '      <key>PayloadType</key>\n\t<string>Configuration');
    const e = edits(broken);
    assert.equal(e.length, 1);
    assert.equal(e[0].newText, '\n\t');
    assert.equal(e[0].range.start.line, e[0].range.end.line - 1);
  });

  it('refuses broken XML, binary files and content it would drop', () => {
    assert.deepEqual(edits('<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>A</key><string>x</dict>\n</plist>\n'), []);
    assert.deepEqual(edits('<plist version="1.0">\n<dict>\n<key>A</key>\n<string>x &bogus; y</string>\n</dict>\n</plist>\n'), []);
    assert.deepEqual(edits('bplist00\u0000\u0001'), []);
    assert.deepEqual(edits('<plist version="1.0">\n<dict>\n<?app keep?>\n<key>A</key>\n<string>x</string>\n</dict>\n</plist>\n'), []);
    assert.deepEqual(edits('<plist version="1.0">\n<array>\n<key>A</key>\n</array>\n</plist>\n'), []);
  });

  it('formats only the smallest element covering the selection, widening it to whole lines', () => {
    const text = read('messy.mobileconfig');
    const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
    // Select inside the PayloadIdentifier string of the certificate payload: that string stands on its own line.
    const at = text.indexOf('com.example.p12');
    const selection = { start: document.positionAt(at), end: document.positionAt(at + 3) };
    const e = edits(text, TABS, selection);
    assert.deepEqual(e.map((x) => x.newText), ['\t\t\t']);
    // Select across two entries of the payload: the whole payload dict is formatted, nothing outside it.
    const from = text.indexOf('<key>PayloadIdentifier</key>\n<string>com.example.p12');
    const to = text.indexOf('<key>PayloadVersion</key><integer>1</integer>');
    const out = format(text, TABS, { start: document.positionAt(from), end: document.positionAt(to) });
    assert.ok(out.includes('\t\t<dict>\n\t\t\t<key>PayloadCertificateFileName</key>\n\t\t\t<string>corp &amp; co.p12</string>'), out);
    assert.ok(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'), 'outside the dict is untouched');
    assert.ok(out.includes('<key>PayloadIdentifier</key>\t<string>com.example.profile</string>'), 'outside the dict is untouched');
    // The same selection again changes nothing.
    const again = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 2, out);
    const from2 = out.indexOf('<key>PayloadIdentifier</key>\n\t\t\t<string>com.example.p12');
    const to2 = out.indexOf('<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>');
    assert.deepEqual(edits(out, TABS, { start: again.positionAt(from2), end: again.positionAt(to2) }), []);
  });

  it('widens a selection on a value that shares its line with its key to the enclosing dict', () => {
    const text = '<plist version="1.0">\n<dict>\n<key>A</key><string>x</string>\n<key>B</key>\n<dict>\n<key>C</key><integer>1</integer>\n</dict>\n</dict>\n</plist>\n';
    const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
    const at = text.indexOf('<integer>');
    const out = format(text, TABS, { start: document.positionAt(at), end: document.positionAt(at + 1) });
    assert.equal(out, '<plist version="1.0">\n<dict>\n<key>A</key><string>x</string>\n<key>B</key>\n\t<dict>\n\t\t<key>C</key>\n\t\t<integer>1</integer>\n\t</dict>\n</dict>\n</plist>\n');
  });

  it('gives no range edits when the covering element cannot stand on its own lines', () => {
    const text = '<plist version="1.0"><dict><key>A</key><string>x</string></dict></plist>\n';
    const document = TextDocument.create('file:///f.mobileconfig', 'mobileconfig', 1, text);
    const at = text.indexOf('<string>');
    assert.deepEqual(edits(text, TABS, { start: document.positionAt(at), end: document.positionAt(at + 2) }), []);
    // Selecting everything formats everything.
    assert.ok(format(text, TABS, { start: document.positionAt(0), end: document.positionAt(text.length) }).includes('\n\t<key>A</key>\n'));
  });
});
