import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commonPrefix, commonSuffix, reparse } from '../../../server/src/service/parser/incremental';
import { parsePlist } from '../../../server/src/service/parser/plistParser';
import { decodeBytes } from '../../../server/src/service/decode';
import type { ParseResult, PlistNode } from '../../../server/src/service/types';
import { dumpTree } from './dumpTree';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, validate } from '../../../server/src/service/index';

const ROOT = path.join(__dirname, '..', '..', '..');

function fixtures(): { name: string; text: string }[] {
  const dirs = ['examples', 'test/fixtures/clean', 'test/fixtures/parser'];
  const out: { name: string; text: string }[] = [];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.mobileconfig')).sort()) {
      out.push({ name: `${dir}/${f}`, text: decodeBytes(fs.readFileSync(path.join(ROOT, dir, f))) });
    }
  }
  return out;
}

/** Everything a full parse decides, in a form that does not depend on the order problems were found in. */
function snapshot(result: ParseResult, text: string): string {
  const problems = result.problems.map((p) => `${p.offset}+${p.length} ${p.code} ${p.message}`).sort();
  const comments = result.comments.map((c) => `${c.offset}+${c.length}`).sort();
  return dumpTree({ ...result, problems: [] }, text) + problems.join('\n') + '\ncomments ' + comments.join(' ');
}

/** Every child points back at the container holding it. */
function checkParents(node: PlistNode | undefined): void {
  if (!node) return;
  const children = node.kind === 'dict' ? node.entries.map((e) => e.value) : node.kind === 'array' ? node.items : [];
  for (const child of children) {
    if (!child) continue;
    assert.equal(child.parent, node, `parent of the node at ${child.offset}`);
    checkParents(child);
  }
}

/** The raw text spans of every key and string, integer or real value. */
function leafSpans(root: PlistNode | undefined): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  const visit = (node: PlistNode | undefined) => {
    if (!node) return;
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        if (e.key) out.push({ offset: e.key.valueOffset, length: e.key.valueLength });
        visit(e.value);
      }
    } else if (node.kind === 'array') {
      node.items.forEach(visit);
    } else if (node.kind === 'string' || node.kind === 'integer' || node.kind === 'real') {
      out.push({ offset: node.valueOffset, length: node.valueLength });
    }
  };
  visit(root);
  return out;
}

const TOKENS = ['a', '\0', 'Z', '7', ' ', '\n', '<', '>', '&', '&amp;', '</string>', '<string>x</string>', '<key>K</key>', '"', '<!-- c -->', '=', '<dict/>', '</dict>', '<true/>', 'é'];

describe('incremental re-parse', () => {
  it('finds the changed span of two texts', () => {
    const a = 'x'.repeat(5000) + 'abc' + 'y'.repeat(5000);
    const b = 'x'.repeat(5000) + 'aXbc' + 'y'.repeat(5000);
    assert.equal(commonPrefix(a, b), 5001);
    assert.equal(commonSuffix(a, b, 5001), 5002);
    assert.equal(commonPrefix('abc', 'abc'), 3);
    assert.equal(commonSuffix('aaa', 'aaaa', 3), 0);
  });

  it('gives exactly the tree and problems of a full parse after each of 3200 random edits, chained', () => {
    let seed = 12345;
    // The high bits of the LCG: its low bits repeat with a short period.
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed >>> 12) % n;
    };
    let incremental = 0;
    let edits = 0;
    for (const { name, text: original } of fixtures()) {
      let text = original;
      let parse = parsePlist(text);
      for (let k = 0; k < 200; k++) {
        // Chains of 20 edits from the original, so one broken tag does not decide the rest of the run.
        if (k % 20 === 0) {
          text = original;
          parse = parsePlist(text);
        }
        // Three edits in four are typing inside a value or key; the rest put a random token anywhere.
        const values = leafSpans(parse.root);
        const typing = values.length > 0 && random(4) > 0;
        const span = typing ? values[random(values.length)] : undefined;
        const at = span ? span.offset + random(span.length + 1) : random(text.length + 1);
        const action = random(3);
        const removed = action === 0 ? 0 : Math.min(text.length - at, span ? Math.min(span.offset + span.length - at, 1 + random(2)) : 1 + random(4));
        const inserted = action === 1 ? '' : span ? 'xY9 .-'[random(6)] : TOKENS[random(TOKENS.length)];
        const next = text.slice(0, at) + inserted + text.slice(at + removed);
        const quick = reparse(parse, text, next, {})?.parse;
        const full = parsePlist(next);
        edits++;
        if (quick) {
          incremental++;
          assert.equal(snapshot(quick, next), snapshot(full, next), `${name}, edit ${k} at ${at}: -${removed} +${JSON.stringify(inserted)}`);
          checkParents(quick.root);
        }
        parse = quick ?? full;
        text = next;
      }
    }
    // Random tokens often break the XML, which needs a full parse; typing in values mostly takes the short way (a quarter of all edits here, the non-XML fixtures included).
    assert.ok(incremental > edits / 5, `only ${incremental} of ${edits} edits were re-parsed incrementally`);
  });

  it('re-parses a one-letter change in a big profile without a full parse, and moves what follows', () => {
    const payload = (i: number) => `\t\t<dict>\n\t\t\t<key>PayloadDisplayName</key>\n\t\t\t<string>VPN ${i}</string>\n\t\t\t<key>Flag</key>\n\t\t\t<true/>\n\t\t</dict>\n`;
    const text = `<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n\t<key>PayloadContent</key>\n\t<array>\n${Array.from({ length: 200 }, (_, i) => payload(i)).join('')}\t</array>\n</dict>\n</plist>\n`;
    const parse = parsePlist(text);
    const at = text.indexOf('VPN 100') + 4;
    const next = text.slice(0, at) + '1234' + text.slice(at + 3);
    const quick = reparse(parse, text, next, {})?.parse;
    assert.ok(quick, 'expected the incremental path');
    assert.equal(snapshot(quick, next), snapshot(parsePlist(next), next));
  });

  it('leaves a document-wide first NUL to a full parse: removing it lets the next one be reported', () => {
    const text = '<plist version="1.0"><dict><key>A</key><dict><key>B</key><string>x\0</string></dict><key>C</key><string>y\0</string></dict></plist>';
    const at = text.indexOf('x\0') + 1;
    const next = text.slice(0, at) + text.slice(at + 1);
    const full = parsePlist(next);
    assert.equal(full.problems.filter((p) => p.message.startsWith('NUL')).length, 1);
    const quick = reparse(parsePlist(text), text, next, {})?.parse ?? full;
    assert.equal(snapshot(quick, next), snapshot(full, next));
  });

  it('declines edits it cannot place: a signed file, a broken tag, a change of the root element', () => {
    const text = '<plist version="1.0"><dict><key>A</key><string>x</string></dict></plist>';
    assert.equal(reparse(parsePlist(text), text, text.replace('<string>x', '<string>x</dict>'), {}), undefined);
    assert.equal(reparse(parsePlist(text), text, text.replace('<dict>', '<dixt>'), {}), undefined);
    const signed = '0\u0080' + text;
    assert.equal(reparse(parsePlist(signed), signed, signed.replace('>x<', '>y<'), {}), undefined);
  });

  it('gives the language service the same diagnostics as a fresh parse, for an editor document changed in place', () => {
    const ls = createLanguageService();
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'anyconnect-both.mobileconfig'), 'utf8');
    const doc = TextDocument.create('file:///edit.mobileconfig', 'mobileconfig', 1, text);
    let parsed = ls.parseDocument(doc);
    ls.validate(parsed);
    // Typing a wrong VPNSubType letter by letter, then a duplicate UUID: each step reuses the previous parse.
    const steps = [['com.cisco.anyconnect</string>', 'com.cisco.anyconnectX</string>'], ['<key>VPNType</key>', '<key>VPNTyp</key>']];
    let changed = 0;
    for (const [from, to] of steps) {
      const at = doc.getText().indexOf(from);
      assert.ok(at >= 0, from);
      TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }], doc.version + 1);
      const before = parsed.parse;
      parsed = ls.parseDocument(doc, undefined, parsed);
      if (parsed.parse.root === before.root) changed++;
      assert.deepEqual(ls.validate(parsed), ls.validate(ls.parseDocument(doc)));
    }
    assert.equal(changed, steps.length, 'both edits should have kept the tree');
  });

  it('reuses the problems of payloads an edit did not touch, and only those', () => {
    const ls = createLanguageService();
    let text = fs.readFileSync(path.join(ROOT, 'examples', 'anyconnect-both.mobileconfig'), 'utf8');
    // The legacy payload gets a schema problem (a wrong type) and a payload-local one (RemoteAddress with a scheme).
    text = text.replace('<string>Example VPN (Legacy)</string>', '<integer>7</integer>');
    const legacyAddress = text.indexOf('<string>vpn.example.com</string>', text.indexOf('vpn-legacy'));
    text = text.slice(0, legacyAddress) + '<string>https://vpn.example.com</string>' + text.slice(legacyAddress + '<string>vpn.example.com</string>'.length);
    const doc = TextDocument.create('file:///kept.mobileconfig', 'mobileconfig', 1, text);
    let parsed = ls.parseDocument(doc);
    const codes = (d: { code?: unknown }[]) => d.map((x) => x.code).sort();
    const first = ls.validate(parsed);
    assert.ok(codes(first).includes('payload-value-type') && codes(first).includes('vpn-remote-address-format'), codes(first).join(' '));
    const edit = (from: string, to: string, after = 0) => {
      const at = doc.getText().indexOf(from, after);
      assert.ok(at >= 0, from);
      TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }], doc.version + 1);
      parsed = ls.parseDocument(doc, undefined, parsed);
      const fresh = ls.validate(ls.parseDocument(TextDocument.create('file:///fresh.mobileconfig', 'mobileconfig', 1, doc.getText())));
      const kept = ls.validate(parsed);
      assert.deepEqual(kept.map((d) => [d.code, d.range, d.message]), fresh.map((d) => [d.code, d.range, d.message]));
      return kept;
    };
    // An edit in the other payload: the broken one's kept problems still match a fresh validation.
    assert.deepEqual(codes(edit('Example VPN</string>', 'Example VPN 2</string>')), codes(first));
    // Fixing the broken payload itself: its problems go.
    const fixed = edit('https://vpn.example.com', 'vpn.example.com');
    assert.ok(!codes(fixed).includes('vpn-remote-address-format'));
    assert.ok(codes(fixed).includes('payload-value-type'));
  });

  it('gives the same diagnostics one-shot (payload-local rules over the whole profile) as in the editor (one payload at a time)', () => {
    const ls = createLanguageService();
    const dirs = ['examples', 'test/fixtures/clean', 'test/fixtures/rules'];
    let compared = 0;
    for (const dir of dirs) {
      for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.mobileconfig'))) {
        const text = decodeBytes(fs.readFileSync(path.join(ROOT, dir, f)));
        const oneShot = validate(text, undefined, 'file:///same.mobileconfig');
        const editor = ls.validate(ls.parseDocument(TextDocument.create('file:///same.mobileconfig', 'mobileconfig', 1, text)));
        assert.deepEqual(editor, oneShot, `${dir}/${f}`);
        compared++;
      }
    }
    assert.ok(compared > 50, `only ${compared} files`);
  });
});
