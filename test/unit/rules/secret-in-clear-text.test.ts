import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'secret-in-clear-text';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');
const SECRETS = ['hunter2', 's3cr&t', 's3cr&amp;t', 'remove-me', '0123456789ABCDEF', 'p12pass', 'wifi-secret!'];

describe(ID, () => {
  it('reports exactly the marked spans of its fixture, as information', () => checkRule(ID));
  it('is silent on a profile without stored secrets (an empty password included)', () => {
    assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []);
  });
  it('never repeats the secret in a message, in English or Japanese', () => {
    for (const locale of ['en', 'ja']) {
      const found = diagnose(fixture, { locale }).filter((d) => d.code === ID);
      assert.equal(found.length, 6);
      for (const d of found) {
        assert.equal(d.severity, DiagnosticSeverity.Information);
        for (const s of SECRETS) assert.ok(!String(d.message).includes(s), `${d.message} contains ${s}`);
      }
    }
  });
});
