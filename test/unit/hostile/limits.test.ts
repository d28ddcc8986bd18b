/**
 * The limits of issue 6, item 2, as seen from outside the service: above maxDocumentSize only parse errors
 * and one information note; nesting beyond maxNestingDepth reported once and not walked; at most
 * maxDiagnostics diagnostics plus one "too many" note. Each is checked on a hostile input the limit exists for.
 */
import { strict as assert } from 'node:assert';
import { validate } from '../../../server/src/service';
import { vpnProfile } from '../../../scripts/hostile/cases';

describe('hostile inputs: limits as settings', () => {
  const broken = vpnProfile().replace('<string>com.apple.vpn.managed</string>', '<string>com.apple.vpn.managed</strin>').replace('<integer>1</integer>', '<integer>one</integer>');

  it('above maxDocumentSize reports parse errors only, plus one information note', () => {
    const full = validate(broken);
    const limited = validate(broken, { maxDocumentSize: 100 });
    const notes = limited.filter((d) => d.code === 'document-too-large');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 3, 'an information diagnostic');
    assert.ok(limited.some((d) => d.code === 'xml-malformed'), 'parse errors are still reported');
    // Every other diagnostic comes from the parser: no rule ran.
    const parserOnly = new Set(['xml-malformed', 'plist-unknown-element', 'plist-key-without-value', 'plist-value-without-key', 'plist-misplaced-key', 'plist-dtd-entity', 'plist-binary', 'profile-signed', 'plist-too-deep', 'plist-empty']);
    assert.deepEqual(limited.filter((d) => d.code !== 'document-too-large' && !parserOnly.has(String(d.code))), []);
    assert.ok(full.some((d) => !parserOnly.has(String(d.code))), 'without the limit, rules do run on this text');
  });

  it('below maxDocumentSize gives no note', () => {
    assert.ok(!validate(broken, { maxDocumentSize: broken.length }).some((d) => d.code === 'document-too-large'));
  });

  it('reports nesting beyond maxNestingDepth once, at the first container too deep', () => {
    const text = `<plist version="1.0">${'<array>'.repeat(50)}<string>x</string>${'</array>'.repeat(50)}</plist>`;
    const deep = validate(text, { maxNestingDepth: 10 }).filter((d) => d.code === 'plist-too-deep');
    assert.equal(deep.length, 1);
    // Depth counts the <plist> frame: the 11th <array> is the first one skipped.
    assert.equal(deep[0].range.start.character, '<plist version="1.0">'.length + 10 * '<array>'.length);
    assert.equal(validate(text, { maxNestingDepth: 60 }).filter((d) => d.code === 'plist-too-deep').length, 0);
  });

  it('gives at most maxDiagnostics diagnostics and then one note', () => {
    const text = `<plist version="1.0"><dict>${'<key>k</key>'.repeat(500)}</dict></plist>`;
    const ds = validate(text, { maxDiagnostics: 25 });
    assert.equal(ds.length, 26);
    assert.equal(ds[25].code, 'too-many-diagnostics');
    assert.ok(ds.slice(0, 25).every((d) => d.code !== 'too-many-diagnostics'));
  });
});
