import * as assert from 'node:assert/strict';
import { checkRule, cleanFixtures, diagnose } from '../ruleHarness';

describe('suppression-unused', () => {
  it('reports exactly the marked spans of its fixture, and its fix removes whole unused comments', () => checkRule('suppression-unused'));
  it('is silent on clean profiles', () => {
    for (const [name, text] of cleanFixtures()) {
      assert.deepEqual(diagnose(text).filter((d) => d.code === 'suppression-unused'), [], name);
    }
  });
  it('says "unknown" for an id the registry lacks and "remove" for an unused known one, in Japanese too', () => {
    const text = '<plist><dict><!-- mobileconfig-disable no-such-rule vpn-both-apps --></dict></plist>';
    const messages = diagnose(text).filter((d) => d.code === 'suppression-unused').map((d) => d.message);
    assert.deepEqual(messages, [
      'Unknown rule id "no-such-rule" in a mobileconfig-disable comment: it suppresses nothing.',
      '"vpn-both-apps" reports no problem where this mobileconfig-disable comment applies: remove the suppression.',
    ]);
    assert.match(String(diagnose(text, { locale: 'ja' }).find((d) => d.code === 'suppression-unused')?.message), /存在しません/);
  });
});
