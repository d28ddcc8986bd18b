import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, ServiceSettings } from '../../../server/src/service';
import { diagnose, FIXTURES, withCountingUuids } from '../ruleHarness';

const service = createLanguageService();
const source = path.join(FIXTURES, 'features', 'migrate-two-legacy.mobileconfig');

function open(text: string) {
  return service.parseDocument(TextDocument.create('file:///m.mobileconfig', 'mobileconfig', 1, text));
}

function migrate(text: string, mode: 'alongside' | 'replace', settings?: Partial<ServiceSettings>) {
  return withCountingUuids(() => {
    const parsed = open(text);
    const result = service.migrateAnyConnect(parsed, mode, settings);
    return { text: TextDocument.applyEdits(parsed.document, result.edits), changes: result.changes };
  });
}

function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, 'features', name);
  if (process.env.UPDATE_GOLDENS === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

const errors = (text: string) => diagnose(text).filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`);

/** A code action's rule and fix id (`data`), which tests select by: titles are localised. */
function fixOf(action: { data?: unknown }): string {
  const data = action.data as { code?: string; fix?: string } | undefined;
  return `${data?.code}/${data?.fix}`;
}

describe('AnyConnect migration', () => {
  const text = fs.readFileSync(source, 'utf8');

  it('adds a new-app copy after each legacy payload, indented like it, with fresh UUIDs and distinct names', () => {
    const { text: out, changes } = migrate(text, 'alongside');
    golden('migrate-two-legacy.alongside.mobileconfig', out);
    assert.deepEqual(changes.map((c) => c.action), ['added-alongside', 'added-alongside']);
    assert.deepEqual(errors(out), []);
    const diags = diagnose(out);
    assert.equal(diags.filter((d) => d.code === 'vpn-legacy-only').length, 0);
    assert.equal(diags.filter((d) => d.code === 'vpn-both-apps').length, 2);
    assert.ok(out.includes('<!-- Osaka gateway: keep this comment -->'));
    // The original text is all still there, in order: the migration only inserts.
    let at = 0;
    for (const line of text.split('\n')) {
      const found = out.indexOf(line, at);
      assert.ok(found >= at, `line kept in order: ${line}`);
      at = found + line.length;
    }
  });

  it('gives each copy a PayloadDisplayName that names the new app and no other payload uses', () => {
    const { text: out } = migrate(text, 'alongside');
    const names = [...out.matchAll(/<key>PayloadDisplayName<\/key>\s*<string>([^<]*)<\/string>/g)].map((m) => m[1]);
    assert.deepEqual(names, ['VPN', 'VPN (Cisco AnyConnect)', 'VPN', 'VPN (Cisco AnyConnect 2)', 'AnyConnect VPN']);
    const example = fs.readFileSync(path.join(FIXTURES, '..', '..', 'examples', 'anyconnect-legacy.mobileconfig'), 'utf8');
    const migrated = migrate(example, 'alongside').text;
    assert.ok(migrated.includes('<string>Cisco AnyConnect VPN</string>'), 'the legacy name is rewritten, not suffixed');
    assert.equal(migrated.split('Cisco Legacy AnyConnect VPN</string>').length, 2, 'only the legacy payload keeps the legacy name');
    const ja = migrate(text, 'alongside', { locale: 'ja' }).text;
    assert.ok(ja.includes('<string>Tokyo (Cisco AnyConnect 用)</string>') && ja.includes('<string>VPN (Cisco AnyConnect 用)</string>'));
  });

  it('replaces only the VPNSubType text in place', () => {
    const { text: out, changes } = migrate(text, 'replace');
    golden('migrate-two-legacy.replace.mobileconfig', out);
    assert.deepEqual(changes.map((c) => c.action), ['replaced', 'replaced']);
    assert.equal(out, text.split('com.cisco.anyconnect.applevpn.plugin').join('com.cisco.anyconnect'));
  });

  it('is idempotent: a migrated file has nothing left to migrate', () => {
    const once = migrate(text, 'alongside').text;
    const twice = migrate(once, 'alongside');
    assert.equal(twice.text, once);
    assert.deepEqual(twice.changes.map((c) => c.action), ['skipped', 'skipped']);
  });

  it('removes the legacy twin cleanly, leaving no blank line', () => {
    const both = migrate(text, 'alongside').text;
    const parsed = open(both);
    const diags = service.validate(parsed).filter((d) => d.code === 'vpn-both-apps');
    const action = service.getCodeActions(parsed, diags[0].range, [diags[0]]).find((a) => fixOf(a) === 'vpn-both-apps/remove');
    assert.ok(action, 'a Remove legacy action is offered');
    const out = TextDocument.applyEdits(parsed.document, action!.edit!.changes!['file:///m.mobileconfig']);
    assert.ok(!/\n[ \t]*\n/.test(out), 'no blank line left');
    assert.equal(diagnose(out).filter((d) => d.code === 'vpn-both-apps').length, 1);
    assert.deepEqual(errors(out), []);
  });

  it('does not offer replace while the payload UUID is duplicated, nor when an equivalent new payload exists', () => {
    const dup = text.replace('8A1C9A52-0D1B-4E0A-9C43-2B7C1D9E8F03', '7A1C9A52-0D1B-4E0A-9C43-2B7C1D9E8F02');
    const parsed = open(dup);
    const legacy = service.validate(parsed).filter((d) => d.code === 'vpn-legacy-only');
    assert.equal(legacy.length, 2);
    const fixes = service.getCodeActions(parsed, legacy[0].range, [legacy[0]]).map(fixOf);
    assert.ok(fixes.includes('vpn-legacy-only/alongside'));
    assert.ok(!fixes.includes('vpn-legacy-only/replace'));
    const both = open(migrate(text, 'alongside').text);
    const note = service.validate(both).find((d) => d.code === 'vpn-both-apps')!;
    assert.ok(!service.getCodeActions(both, note.range, [note]).map(fixOf).includes('vpn-legacy-only/replace'));
  });

  it('does not copy a legacy payload whose errors the copy would repeat; replacing it in place is still offered', () => {
    // The first legacy payload gets a PayloadVersion of the wrong type: a copy would be a second such error.
    const at = text.indexOf('<key>VPNSubType</key>');
    const version = text.lastIndexOf('<integer>1</integer>', at);
    assert.ok(version > 0);
    const broken = text.slice(0, version) + '<array/>' + text.slice(version + '<integer>1</integer>'.length);
    const parsed = open(broken);
    const diagnostics = service.validate(parsed);
    assert.ok(diagnostics.some((d) => d.code === 'payload-version' && d.severity === 1));
    const legacy = diagnostics.filter((d) => d.code === 'vpn-legacy-only');
    const first = service.getCodeActions(parsed, legacy[0].range, [legacy[0]], undefined, ['quickfix']).map(fixOf);
    assert.ok(first.includes('vpn-legacy-only/replace'), first.join(' | '));
    assert.ok(!first.includes('vpn-legacy-only/alongside'), first.join(' | '));
    // The other legacy payload is fine and can still be copied.
    assert.ok(service.getCodeActions(parsed, legacy[1].range, [legacy[1]], undefined, ['quickfix']).map(fixOf).includes('vpn-legacy-only/alongside'));
    const { text: out, changes } = migrate(broken, 'alongside');
    assert.deepEqual(changes.map((c) => c.action), ['skipped', 'added-alongside']);
    assert.match(changes[0].reason ?? '', /errors a copy would repeat/);
    assert.equal(errors(out).filter((e) => e.startsWith('payload-version')).length, 1);
  });

  it('offers whole-file source actions for both modes while legacy payloads remain', () => {
    const parsed = open(text);
    const all = service.getCodeActions(parsed, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], undefined, ['source']);
    assert.deepEqual(all.map((a) => a.kind), ['source.mobileconfig.migrateAnyConnect.alongside', 'source.mobileconfig.migrateAnyConnect.replace']);
    assert.deepEqual(all.map((a) => a.data), [{ migrate: 'alongside' }, { migrate: 'replace' }]);
    const quickOnly = service.getCodeActions(parsed, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], undefined, ['quickfix']);
    assert.deepEqual(quickOnly, []);
  });

  it('keeps CRLF line endings in the inserted copy', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const out = migrate(crlf, 'alongside').text;
    assert.ok(!/[^\r]\n/.test(out), 'every newline is CRLF');
  });

  it('goes to the certificate payload from PayloadCertificateUUID', () => {
    const parsed = open(text);
    const at = text.indexOf('B3D5F7A9-1C2E-4F60-8A1B-2C3D4E5F6A7B') + 3;
    const locations = service.getDefinition(parsed, parsed.document.positionAt(at));
    assert.equal(locations.length, 1);
    const target = parsed.document.getText(locations[0].range);
    assert.ok(target.startsWith('<dict>') && target.includes('com.apple.security.pkcs12'));
  });
});
