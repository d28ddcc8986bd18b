import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../server/src/service';
import { toServiceSettings } from '../../server/src/settings';
import { DEFAULT_COLUMNS } from '../../client/src/report/migrationStatus';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const CLIENT_ONLY = /^mobileconfig\.certificateReport\./;
const properties: Record<string, { default: unknown; type: string; enum?: string[] }> = manifest.contributes.configuration.properties;

/** Turns `mobileconfig.a.b` = v into `{ a: { b: v } }`, the shape workspace/configuration returns. */
function nest(key: string, value: unknown): Record<string, unknown> {
  const parts = key.split('.').slice(1);
  const out: Record<string, unknown> = {};
  let at = out;
  parts.forEach((p, i) => {
    if (i === parts.length - 1) at[p] = value;
    else at = (at[p] = {}) as Record<string, unknown>;
  });
  return out;
}

describe('settings', () => {
  it('maps every contributed setting (except trace) onto the service settings', () => {
    for (const [key, schema] of Object.entries(properties)) {
      // The trace is the language client's; the certificate report's columns are read by the client alone (the
      // report is a CSV, not a profile: STYLE.md section 5, "The client reads settings only for client-only behaviour").
      if (key === 'mobileconfig.trace.server' || CLIENT_ONLY.test(key)) continue;
      const changed = schema.enum ? schema.enum.find((v) => v !== schema.default)
        : schema.type === "number" ? 7 : schema.type === "array" ? ["x.y"] : schema.type === "string" ? "15.0" : { "vpn-legacy-only": "off" };
      const mapped = toServiceSettings(nest(key, changed) as never, 'en');
      assert.notDeepEqual(mapped, toServiceSettings(undefined, 'en'), `${key} has no effect`);
    }
  });
  it('has the client-only certificate report settings with the client\'s defaults, each read by the client', () => {
    const keys = Object.keys(properties).filter((k) => CLIENT_ONLY.test(k));
    assert.deepEqual(keys.sort(), ['mobileconfig.certificateReport.commonNameColumns', 'mobileconfig.certificateReport.deviceColumns', 'mobileconfig.certificateReport.statusColumns']);
    assert.deepEqual(properties['mobileconfig.certificateReport.deviceColumns'].default, DEFAULT_COLUMNS.device);
    assert.deepEqual(properties['mobileconfig.certificateReport.commonNameColumns'].default, DEFAULT_COLUMNS.commonName);
    assert.deepEqual(properties['mobileconfig.certificateReport.statusColumns'].default, DEFAULT_COLUMNS.status);
    const client = fs.readFileSync(path.join(__dirname, '..', '..', 'client/src/report/reportCommand.ts'), 'utf8');
    for (const key of keys) assert.ok(client.includes(`'${key.split('.').pop()}'`), `${key} is not read by the client`);
  });
  it('has package.json defaults equal to the service defaults', () => {
    assert.equal(properties['mobileconfig.mode'].default, defaultSettings.mode);
    assert.deepEqual(properties['mobileconfig.anyconnect.newSubtypes'].default, defaultSettings.anyconnectNewSubtypes);
    assert.deepEqual(properties['mobileconfig.anyconnect.legacySubtypes'].default, defaultSettings.anyconnectLegacySubtypes);
    assert.equal(properties['mobileconfig.limits.maxDocumentSize'].default, defaultSettings.maxDocumentSize);
    assert.equal(properties['mobileconfig.limits.maxDiagnostics'].default, defaultSettings.maxDiagnostics);
    assert.equal(properties['mobileconfig.limits.maxNestingDepth'].default, defaultSettings.maxNestingDepth);
  });
  it('ignores values of the wrong type instead of failing', () => {
    const mapped = toServiceSettings({ mode: 'nonsense', rules: { a: 'loud' }, limits: { maxDiagnostics: -1 } } as never, 'ja');
    assert.equal(mapped.mode, 'standalone');
    assert.deepEqual(mapped.rules, {});
    assert.equal(mapped.maxDiagnostics, defaultSettings.maxDiagnostics);
    assert.equal(mapped.locale, 'ja');
  });
});
