import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRule, diagnose, FIXTURES } from '../ruleHarness';

const ID = 'vpn-on-demand-parameters';
const clean = fs.readFileSync(path.join(FIXTURES, 'rules', 'vpn-settings-clean.mobileconfig'), 'utf8');
const fixture = fs.readFileSync(path.join(FIXTURES, 'rules', `${ID}.mobileconfig`), 'utf8');

describe(ID, () => {
  it('reports exactly the marked spans of its fixture (probe keys as warnings), and fixes a mis-cased DomainAction', () => checkRule(ID));
  it('is silent on a profile whose ActionParameters are correct, probes with ConnectIfNeeded included', () => {
    assert.deepEqual(diagnose(clean).filter((d) => d.code === ID), []);
  });
  it('lets the rule setting override the per-problem warning', () => {
    const all = diagnose(fixture, { rules: { [ID]: 'error' } }).filter((d) => d.code === ID);
    assert.ok(all.length > 0);
    assert.ok(all.every((d) => d.severity === DiagnosticSeverity.Error));
  });
  it('names both missing keys in one message', () => {
    const messages = diagnose(fixture).filter((d) => d.code === ID).map((d) => String(d.message));
    assert.ok(messages.includes('This ActionParameters element has no Domains and DomainAction: each element needs a non-empty Domains array and a DomainAction.'));
  });
  it('stays silent on ActionParameters when the Action itself is missing (vpn-on-demand-action reports that)', () => {
    const text = fixture.replace('<key>Action</key>\n                        <string>Connect</string>\n                        <key>ActionParameters</key>', '<key>ActionParameters</key>');
    assert.notEqual(text, fixture);
    assert.equal(diagnose(text).filter((d) => d.code === ID && String(d.message).startsWith('ActionParameters is used only')).length, 0);
  });
});
