import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-proxy-pac';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture', () => checkRule(ID));
  it('is silent when PAC has an https URL', () => assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []));
  it('rejects a URL with a scheme and no host', () => {
    const text = clean.replace('https://pac.example.com/proxy.pac', 'https://');
    assert.notEqual(text, clean);
    assert.equal(diagnose(text).filter((d) => d.code === ID).length, 1);
  });
});
