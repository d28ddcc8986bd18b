import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../server/src/service';
import { toServiceSettings } from '../../server/src/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
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
      if (key === 'mobileconfig.trace.server') continue;
      const changed = schema.enum ? schema.enum.find((v) => v !== schema.default)
        : schema.type === "number" ? 7 : schema.type === "array" ? ["x.y"] : schema.type === "string" ? "15.0" : { "vpn-legacy-only": "off" };
      const mapped = toServiceSettings(nest(key, changed) as never, 'en');
      assert.notDeepEqual(mapped, toServiceSettings(undefined, 'en'), `${key} has no effect`);
    }
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
