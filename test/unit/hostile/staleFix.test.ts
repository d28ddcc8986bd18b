/**
 * A quick fix recomputes its target from the document: given a diagnostic whose range no longer covers the value
 * it was about (the client sent a stale range, or the text changed since), it offers nothing rather than
 * replacing whatever the range now covers and breaking the XML.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';

const service = createLanguageService();
const UUID = '9C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3';

function profile(topUuid: string, payloadUuid: string, version = '<integer>1</integer>'): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n' +
    '\t<key>PayloadType</key>\n\t<string>Configuration</string>\n\t<key>PayloadIdentifier</key>\n\t<string>a</string>\n' +
    `\t<key>PayloadUUID</key>\n\t<string>${topUuid}</string>\n\t<key>PayloadVersion</key>\n\t${version}\n` +
    '\t<key>PayloadContent</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>PayloadType</key>\n\t\t\t<string>com.apple.webClip.managed</string>\n' +
    `\t\t\t<key>PayloadIdentifier</key>\n\t\t\t<string>a.b</string>\n\t\t\t<key>PayloadUUID</key>\n\t\t\t<string>${payloadUuid}</string>\n` +
    '\t\t\t<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>\n\t\t\t<key>URL</key>\n\t\t\t<string>https://a.example</string>\n' +
    '\t\t\t<key>Label</key>\n\t\t\t<string>A</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n';
}

/** The code actions for `code`'s first diagnostic on `before`, asked for on `after` with the old range. */
function staleActions(before: string, after: string, code: string, shift = 0) {
  const old = service.parseDocument(TextDocument.create('file:///a.mobileconfig', 'mobileconfig', 1, before));
  const d = service.validate(old).find((x) => x.code === code);
  assert.ok(d, `${code} is reported on the first text`);
  const moved: Diagnostic = { ...d, range: { start: { ...d.range.start, character: d.range.start.character + shift }, end: { ...d.range.end, character: d.range.end.character + shift } } };
  const now = service.parseDocument(TextDocument.create('file:///a.mobileconfig', 'mobileconfig', 2, after));
  return { fresh: service.getCodeActions(old, d.range, [d], undefined, ['quickfix']), stale: service.getCodeActions(now, moved.range, [moved], undefined, ['quickfix']) };
}

describe('hostile: quick fixes on stale ranges', () => {
  it('payload-uuid-duplicate: no fix once the UUIDs differ, or on a range moved off the value', () => {
    const dup = profile(UUID, UUID);
    const fixed = profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3');
    const { fresh, stale } = staleActions(dup, fixed, 'payload-uuid-duplicate');
    assert.equal(fresh.length, 1);
    assert.deepEqual(stale, []);
    assert.deepEqual(staleActions(dup, dup, 'payload-uuid-duplicate', 3).stale, []);
  });

  it('payload-uuid-invalid: no fix once the value is a UUID, or on a shifted range', () => {
    const bad = profile(UUID, 'not-a-uuid');
    const { fresh, stale } = staleActions(bad, profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3'), 'payload-uuid-invalid');
    assert.equal(fresh.length, 1);
    assert.deepEqual(stale, []);
    assert.deepEqual(staleActions(bad, bad, 'payload-uuid-invalid', -2).stale, []);
  });

  it('payload-uuid-noncanonical: no fix once the value is canonical', () => {
    const mixed = profile(UUID, '1c8b7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3');
    const { fresh, stale } = staleActions(mixed, profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3'), 'payload-uuid-noncanonical');
    assert.equal(fresh.length, 1);
    assert.deepEqual(stale, []);
  });

  it('payload-version: no fix once the version is 1, or on a range over other text', () => {
    const two = profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3', '<integer>2</integer>');
    const { fresh, stale } = staleActions(two, profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3'), 'payload-version');
    assert.equal(fresh.length, 1);
    assert.deepEqual(stale, []);
    assert.deepEqual(staleActions(two, two, 'payload-version', 5).stale, []);
    const wrongKind = profile(UUID, '1C8B7A6F-5E4D-4C3B-8A29-18F7E6D5C4B3', '<string>1</string>');
    assert.equal(staleActions(wrongKind, wrongKind, 'payload-version').fresh.length, 1);
  });
});
