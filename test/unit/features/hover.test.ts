import { resolveSettings } from '../../../server/src/service';
import * as assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/service/model';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlist } from '../../../server/src/service';
import { getSecretHover } from '../../../server/src/service/features/hover';
import { FIXTURES } from '../ruleHarness';

const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', 'secret-in-clear-text.mobileconfig'), 'utf8');

/** The hover at the `$0` placed just after the first occurrence of `after` in the fixture. */
function hoverAfter(after: string, locale?: string) {
  const at = fixture.indexOf(after);
  assert.ok(at >= 0, after);
  const text = fixture.slice(0, at + after.length) + '$0' + fixture.slice(at + after.length);
  const offset = text.indexOf('$0');
  const clean = text.replace('$0', '');
  const hover = getSecretHover(buildModel(parsePlist(clean), clean, resolveSettings({ locale })), offset);
  return hover && { ...hover, covered: clean.slice(hover.offset, hover.offset + hover.length) };
}

describe('secret hover', () => {
  it('names the key and masks the value of a VPN AuthPassword', () => {
    const hover = hoverAfter('<string>hun');
    assert.ok(hover);
    assert.match(hover.contents, /\*\*AuthPassword\*\*/);
    assert.match(hover.contents, /••••••••/);
    assert.match(hover.contents, /7 characters/);
    assert.ok(!hover.contents.includes('hunter2'));
    assert.equal(hover.covered, '<string>hunter2</string>');
  });
  it('counts the decoded characters of a value with an entity, and never shows it', () => {
    const hover = hoverAfter('<string>s3');
    assert.ok(hover);
    assert.match(hover.contents, /\*\*HTTPProxyPassword\*\*/);
    assert.match(hover.contents, /6 characters/);
    assert.ok(!/s3cr/.test(hover.contents));
  });
  it('answers for SCEP Challenge, PKCS#12 Password and RemovalPassword', () => {
    assert.match(hoverAfter('<string>0123')!.contents, /\*\*Challenge\*\*/);
    assert.match(hoverAfter('<string>p12')!.contents, /\*\*Password\*\*/);
    assert.match(hoverAfter('<string>remove')!.contents, /\*\*RemovalPassword\*\*/);
    assert.match(hoverAfter('<string>wifi-')!.contents, /\*\*Password\*\*/);
  });
  it('is silent on other strings, on keys and on empty passwords', () => {
    assert.equal(hoverAfter('<string>ali'), undefined);
    assert.equal(hoverAfter('<key>AuthPass'), undefined);
    assert.equal(hoverAfter('<key>Password</key>\n                <str'), undefined);
  });
  it('speaks Japanese for a ja locale', () => {
    const hover = hoverAfter('<string>hun', 'ja');
    assert.match(hover!.contents, /平文/);
    assert.ok(!hover!.contents.includes('hunter2'));
  });
  it('is silent outside the document and on a text that is not a plist', () => {
    assert.equal(getSecretHover(buildModel(parsePlist(fixture), fixture, resolveSettings()), fixture.length + 10), undefined);
    assert.equal(getSecretHover(buildModel(parsePlist('hello'), 'hello', resolveSettings()), 2), undefined);
  });
});
