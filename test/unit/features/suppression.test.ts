import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service';
import { applySuppressions, SUPPRESS_KIND } from '../../../server/src/service/features/suppression';
import { parsePlist } from '../../../server/src/service';
import { diagnose, profile } from '../ruleHarness';

const service = createLanguageService();
const CODE = 'payload-uuid-noncanonical';
// A payload whose UUID is lower case: one payload-uuid-noncanonical warning on the <string> line.
const payload = `<key>PayloadIdentifier</key>
<string>com.example.wifi</string>
<key>PayloadType</key>
<string>com.apple.wifi.managed</string>
<key>PayloadUUID</key>
<string>A8364220-5D8D-40A9-Af66-1Fbfef94E116</string>
<key>PayloadVersion</key>
<integer>1</integer>`;
const flagged = profile(payload);
const uuidLine = '\t\t\t<string>A8364220-5D8D-40A9-Af66-1Fbfef94E116</string>';

function codes(text: string): string[] {
  return diagnose(text).map((d) => String(d.code)).filter((c) => c === CODE || c === 'suppression-unused').sort();
}

function insertBefore(text: string, line: string, insert: string): string {
  assert.ok(text.includes(line));
  return text.replace(line, insert + line);
}

describe('suppression comments', () => {
  it('reports the problem when there is no comment', () => assert.deepEqual(codes(flagged), [CODE]));

  it('disable-next-line silences the rule on the next line only', () => {
    assert.deepEqual(codes(insertBefore(flagged, uuidLine, `\t\t\t<!-- mobileconfig-disable-next-line ${CODE} -->\n`)), []);
    // Two lines above, the comment applies to the <key> line: the problem stays and the comment is unused.
    const far = insertBefore(flagged, '\t\t\t<key>PayloadUUID</key>', `\t\t\t<!-- mobileconfig-disable-next-line ${CODE} -->\n`);
    assert.deepEqual(codes(far), [CODE, 'suppression-unused']);
  });

  it('disable silences the rule from the comment to the end of the file, not before it', () => {
    const before = insertBefore(flagged, '\t<key>PayloadDisplayName</key>', `\t<!-- mobileconfig-disable ${CODE} -->\n`);
    assert.deepEqual(codes(before), [CODE, 'suppression-unused']);
    const above = insertBefore(flagged, '\t<key>PayloadContent</key>', `\t<!-- mobileconfig-disable ${CODE} -- vendor tool -->\n`);
    assert.deepEqual(codes(above), []);
  });

  it('a comment without ids silences every rule on its line, other rules keep theirs', () => {
    assert.deepEqual(codes(insertBefore(flagged, uuidLine, '\t\t\t<!-- mobileconfig-disable-next-line -->\n')), []);
    assert.deepEqual(codes(insertBefore(flagged, uuidLine, '\t\t\t<!-- mobileconfig-disable-next-line vpn-both-apps -->\n')), [CODE, 'suppression-unused']);
  });

  it('passes the problems through untouched when the file has no directive', () => {
    const text = flagged;
    const problems = [{ code: CODE, message: 'm', offset: 10, length: 2 }];
    assert.equal(applySuppressions(text, parsePlist(text).comments, problems, 'en'), problems);
  });

  describe('quick fix "Disable … for the next line"', () => {
    function suppressAction(text: string) {
      const doc = TextDocument.create('file:///s.mobileconfig', 'mobileconfig', 1, text);
      const parsed = service.parseDocument(doc);
      const d = service.validate(parsed).find((x) => x.code === CODE)!;
      const action = service.getCodeActions(parsed, d.range, [d]).find((a) => a.kind === SUPPRESS_KIND);
      return { doc, action };
    }

    it('inserts the comment with the line\'s indentation and silences the problem', () => {
      const { doc, action } = suppressAction(flagged);
      assert.equal(action?.title, `Disable ${CODE} for the next line`);
      const fixed = TextDocument.applyEdits(doc, action!.edit!.changes![doc.uri]);
      assert.equal(fixed, insertBefore(flagged, uuidLine, `\t\t\t<!-- mobileconfig-disable-next-line ${CODE} -->\n`));
      assert.deepEqual(codes(fixed), []);
    });

    it('keeps CRLF line breaks', () => {
      const crlf = flagged.replace(/\n/g, '\r\n');
      const { doc, action } = suppressAction(crlf);
      const fixed = TextDocument.applyEdits(doc, action!.edit!.changes![doc.uri]);
      assert.ok(fixed.includes(`\t\t\t<!-- mobileconfig-disable-next-line ${CODE} -->\r\n${uuidLine}\r\n`));
      assert.deepEqual(codes(fixed), []);
    });

    it('is not offered where a comment would change a value (a line inside a multi-line string)', () => {
      const text = flagged.replace(uuidLine, '\t\t\t<string>\nA8364220-5D8D-40A9-Af66-1Fbfef94E116</string>');
      const doc = TextDocument.create('file:///s.mobileconfig', 'mobileconfig', 1, text);
      const parsed = service.parseDocument(doc);
      const d = service.validate(parsed).find((x) => x.code === CODE);
      assert.ok(d, 'the multi-line UUID is still flagged');
      const start = { line: d.range.start.line + 1, character: 0 };
      const inside = { ...d, range: { start, end: start } };
      assert.equal(service.getCodeActions(parsed, inside.range, [inside]).filter((a) => a.kind === SUPPRESS_KIND).length, 0);
    });

    it('is not offered for a diagnostic of an older version whose problem is gone', () => {
      const { doc: oldDoc } = suppressAction(flagged);
      const old = service.parseDocument(oldDoc);
      const d = service.validate(old).find((x) => x.code === CODE)!;
      const fixedText = flagged.replace('A8364220-5D8D-40A9-Af66-1Fbfef94E116', 'A8364220-5D8D-40A9-AF66-1FBFEF94E116');
      const now = service.parseDocument(TextDocument.create('file:///s.mobileconfig', 'mobileconfig', 2, fixedText));
      assert.deepEqual(service.getCodeActions(now, d.range, [d]).filter((a) => a.kind === SUPPRESS_KIND), []);
    });

    it('is offered in Japanese under a Japanese UI', () => {
      const doc = TextDocument.create('file:///s.mobileconfig', 'mobileconfig', 1, flagged);
      const parsed = service.parseDocument(doc);
      const d = service.validate(parsed).find((x) => x.code === CODE)!;
      const action = service.getCodeActions(parsed, d.range, [d], { locale: 'ja' }).find((a) => a.kind === SUPPRESS_KIND);
      assert.equal(action?.title, `次の行の ${CODE} を無効にする`);
    });
  });
});
