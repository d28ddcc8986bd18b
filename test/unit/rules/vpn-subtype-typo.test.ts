import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, cleanFixtures, diagnose, FIXTURES } from '../ruleHarness';

const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-subtype-typo.mobileconfig'), 'utf8');

describe('vpn-subtype-typo', () => {
  it('reports exactly the marked spans of its fixture', () => checkRule('vpn-subtype-typo'));
  it('is silent on clean AnyConnect profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'vpn-subtype-typo'), [], name);
    }
  });

  it('says when only white space differs, and where it is', () => {
    const messages = diagnose(fixture).filter((d) => d.code === 'vpn-subtype-typo').map((d) => String(d.message));
    assert.ok(messages.some((m) => m.includes('only by a trailing space')), messages.join('\n'));
    assert.ok(messages.some((m) => m.includes('only by letter case')), messages.join('\n'));
    const ja = diagnose(fixture, { locale: 'ja' }).filter((d) => d.code === 'vpn-subtype-typo').map((d) => String(d.message));
    assert.ok(ja.some((m) => m.includes('末尾の空白')));
  });
  it('keeps a case-only difference a warning in portal mode, so the export is not blocked', () => {
    const portal = diagnose(fixture, { mode: 'portal' }).filter((d) => d.code === 'vpn-subtype-typo');
    assert.deepEqual(portal.map((d) => d.severity), [2, 2, 1]);
  });
});
