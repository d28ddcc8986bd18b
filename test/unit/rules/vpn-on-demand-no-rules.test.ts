import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-on-demand-no-rules';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');
const mine = (text: string, settings?: Parameters<typeof diagnose>[1]) => diagnose(text, settings).filter((d) => d.code === ID);

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent on a profile whose on-demand settings are correct', () => assert.deepEqual(mine(clean), []));
  it('leaves an OnDemandRules of the wrong type to the type rules', () => {
    const text = fixture.replace('<key>OnDemandRules</key>\n                <array/>', '<key>OnDemandRules</key>\n                <dict/>');
    assert.notEqual(text, fixture);
    assert.equal(mine(text).length, 1);
  });
  it('says it in Japanese', () => {
    for (const d of mine(fixture, { locale: 'ja' })) assert.match(String(d.message), /OnDemandRules/);
    assert.match(String(mine(fixture, { locale: 'ja' })[0].message), /自動接続されません/);
  });
});
