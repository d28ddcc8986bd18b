/**
 * The catalog generator on small YAML fixtures (anchors, recursion, ANY keys, split payload types) and on
 * Apple's schema as vendored in schemas/apple-device-management: determinism and freshness.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { buildCatalog, renderCatalogModule, SchemaFile } from '../../../scripts/catalog/convert';
import { DEFAULT_SCHEMA_DIR, generateModule, loadSchemaFiles, readRelease, readSource } from '../../../scripts/catalog/generate';
import { diffRemoved } from '../../../scripts/catalog/removed';
import type { CatalogData, KeyData } from '../../../server/src/service/catalog/types';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE_SCHEMA = path.join(REPO_ROOT, 'test', 'fixtures', 'catalog', 'schema');
const APPLE_SCHEMA = path.join(REPO_ROOT, 'schemas', 'apple-device-management');
const COMMITTED = path.join(REPO_ROOT, 'server', 'src', 'service', 'catalog', 'catalogData.ts');

function fixtureCatalog(): CatalogData {
  return buildCatalog(loadSchemaFiles(FIXTURE_SCHEMA), readSource(FIXTURE_SCHEMA));
}

function key(keys: KeyData[] | undefined, name: string): KeyData {
  const found = keys?.find((k) => k.name === name);
  assert.ok(found, `key ${name} missing`);
  return found;
}

/** Every string anywhere in a value, for the no-prose checks. `seen` guards against recursive YAML anchors. */
function strings(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) strings(v, out, seen);
  }
  return out;
}

/** Apple's prose: every `title`, `description` and `content` string, and user-enrollment `behavior` text. */
function prose(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (!value || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  for (const [field, v] of Object.entries(value)) {
    if (['title', 'description', 'content', 'behavior'].includes(field) && typeof v === 'string') out.push(v);
    else prose(v, out, seen);
  }
  return out;
}

const wordCount = (text: string) => text.trim().split(/\s+/).length;

describe('catalog generator', () => {
  describe('on fixtures', () => {
    it('keeps the facts of every kind of key', () => {
      const basic = fixtureCatalog().payloads['com.example.basic'];
      assert.deepEqual(key(basic.keys, 'Mode'), { name: 'Mode', type: 'string', presence: 'required', values: ['Alpha', 'Beta'], default: 'Alpha' });
      assert.deepEqual(key(basic.keys, 'Port'), { name: 'Port', type: 'integer', presence: 'optional', range: { min: 0, max: 65535 }, default: 443 });
      assert.deepEqual(key(basic.keys, 'Server'), { name: 'Server', type: 'string', presence: 'optional', format: '^[a-z.]+$', valueType: 'hostname' });
      assert.deepEqual(key(basic.keys, 'Enabled').os, { iOS: { introduced: '10.10', deprecated: '17.0', supervised: true }, macOS: { introduced: 'n/a' } });
      assert.deepEqual(key(basic.keys, 'Pairs').item, { name: 'PairsItem', type: 'string', repetition: { min: 2, max: 2 } });
      assert.deepEqual(basic.keys.map((k) => k.type), ['data', 'boolean', 'string', 'array', 'integer', 'real', 'string', 'date']);
    });

    it('keeps payload availability without the prose or DDM-only fields', () => {
      const basic = fixtureCatalog().payloads['com.example.basic'];
      assert.deepEqual(basic.os, {
        iOS: { introduced: '9.0', supervised: false, multiple: true, allowManualInstall: true, userEnrollment: 'forbidden' },
        macOS: { introduced: '10.13', deviceChannel: true, requiresDEP: false },
      });
      assert.equal(basic.docUrl, 'https://developer.apple.com/documentation/devicemanagement/basicexample');
    });

    it('sorts keys by name and payload types by type', () => {
      const catalog = fixtureCatalog();
      assert.deepEqual(Object.keys(catalog.payloads), ['com.example.anchors', 'com.example.basic', 'com.example.split']);
      assert.deepEqual(catalog.payloads['com.example.basic'].keys.map((k) => k.name), ['Blob', 'Enabled', 'Mode', 'Pairs', 'Port', 'Ratio', 'Server', 'When']);
    });

    it('turns a shared anchor into one def that both holders reference', () => {
      const anchors = fixtureCatalog().payloads['com.example.anchors'];
      const primary = key(anchors.keys, 'Primary');
      const secondary = key(anchors.keys, 'Secondary');
      assert.equal(primary.ref, 'Primary');
      assert.equal(secondary.ref, 'Primary');
      assert.equal(primary.keys, undefined);
      // The holder keeps its own facts; only the members are shared.
      assert.deepEqual(secondary.os, { iOS: { introduced: '14.0' } });
      assert.deepEqual(anchors.defs?.Primary.keys?.map((k) => k.name), ['Host', 'Rules']);
    });

    it('stops a recursive anchor at a ref to itself', () => {
      const anchors = fixtureCatalog().payloads['com.example.anchors'];
      const rules = key(anchors.defs?.Primary.keys, 'Rules');
      assert.equal(rules.ref, 'Primary.Rules');
      const element = anchors.defs?.['Primary.Rules'].item;
      assert.equal(element?.name, 'RulesElement');
      assert.equal(key(element?.keys, 'Children').ref, 'Primary.Rules');
    });

    it('turns ANY into a wildcard instead of a key named ANY', () => {
      const catalog = fixtureCatalog();
      const extras = key(catalog.payloads['com.example.anchors'].keys, 'Extras');
      assert.equal(extras.keys, undefined);
      assert.deepEqual(extras.anyKey, { name: 'ANY', type: 'string' });
      assert.deepEqual(key(catalog.topLevel.keys, 'PayloadContent').item?.anyKey, { name: 'ANY', type: 'any' });
    });

    it('merges a payload type split over files and pushes each file availability down to its keys', () => {
      const split = fixtureCatalog().payloads['com.example.split'];
      assert.deepEqual(split.files, ['com.example.split(One).yaml', 'com.example.split(Two).yaml']);
      assert.deepEqual(split.os?.macOS, { introduced: '10.9', multiple: true });
      assert.deepEqual(split.keys.map((k) => k.name), ['OnlyOne', 'OnlyTwo', 'Shared']);
      // The first file (by name) wins a clash when no file is named after the type.
      assert.equal(key(split.keys, 'Shared').type, 'boolean');
      assert.deepEqual(key(split.keys, 'OnlyTwo').os, { macOS: { introduced: '10.12.4' } });
      assert.equal(key(split.keys, 'OnlyOne').os, undefined);
      assert.deepEqual(split.variants?.map((v) => v.keys), [['OnlyOne', 'Shared'], ['OnlyTwo', 'Shared']]);
      assert.equal(split.docUrl, undefined);
      assert.equal(split.variants?.[1].docUrl, 'https://developer.apple.com/documentation/devicemanagement/splittwo');
    });

    it('copies none of the prose', () => {
      const files = loadSchemaFiles(FIXTURE_SCHEMA);
      const text = renderCatalogModule(buildCatalog(files, 'fixture'));
      for (const sentence of prose(files.map((f) => f.doc)).filter((t) => wordCount(t) >= 3)) {
        assert.ok(!text.includes(sentence), `copied: ${sentence}`);
      }
    });

    it('gives the same text whatever order the files come in', () => {
      const files = loadSchemaFiles(FIXTURE_SCHEMA);
      const forward = renderCatalogModule(buildCatalog(files, 'fixture'));
      const backward = renderCatalogModule(buildCatalog([...files].reverse(), 'fixture'));
      assert.equal(backward, forward);
    });

    it('refuses shapes it does not know', () => {
      const load = (text: string): SchemaFile[] => [
        ...loadSchemaFiles(FIXTURE_SCHEMA).filter((f) => /^(TopLevel|CommonPayloadKeys)\.yaml$/.test(f.file)),
        { file: 'bad.yaml', doc: yaml.load(text) },
      ];
      const payload = "payload:\n  payloadtype: bad\npayloadkeys:\n";
      assert.throws(() => buildCatalog(load(`${payload}- key: A\n  type: <float>\n`), 'x'), /bad\.yaml:A: unknown type/);
      assert.throws(() => buildCatalog(load(`${payload}- key: A\n  type: <string>\n  colour: red\n`), 'x'), /unknown key field colour/);
      // An unquoted 10.10 loads as 10.1: the generator must not store it.
      assert.throws(() => buildCatalog(load(`${payload}- key: A\n  type: <string>\n  supportedOS:\n    iOS:\n      introduced: 10.10\n`), 'x'), /quoted string/);
      assert.throws(() => buildCatalog(load(`${payload}- key: A\n  type: <array>\n  subkeys:\n  - {key: B, type: <string>}\n  - {key: C, type: <string>}\n`), 'x'), /exactly one subkey/);
    });

    it('writes through the command line, twice the same', function () {
      this.timeout(60000);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
      try {
        const outputs = [1, 2].map((n) => {
          const out = path.join(dir, `catalog${n}.ts`);
          const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run-ts.mjs'), 'scripts/catalog/generate.ts', FIXTURE_SCHEMA, '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
          assert.equal(run.status, 0, run.stderr);
          return fs.readFileSync(out, 'utf8');
        });
        assert.equal(outputs[1], outputs[0]);
        assert.match(outputs[0], /^\/\*\*\n \* GENERATED/);
        assert.match(outputs[0], /source: 'test fixture shaped like apple\/device-management, commit 0{40} \(fixture\)'/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('removals', () => {
    it('lists the payload types and outermost keys a newer schema dropped, with the release that dropped them', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'removed-'));
      try {
        fs.cpSync(FIXTURE_SCHEMA, dir, { recursive: true });
        const profiles = path.join(dir, 'mdm', 'profiles');
        fs.rmSync(path.join(profiles, 'com.example.basic.yaml'));
        // One split file's key goes too: OnlyOne lives in com.example.split(One).yaml only.
        const one = path.join(profiles, 'com.example.split(One).yaml');
        fs.writeFileSync(one, fs.readFileSync(one, 'utf8').replace(/- key: OnlyOne\n  type: <string>\n  presence: optional\n?/, ''));
        fs.writeFileSync(path.join(dir, 'SOURCE.md'), 'Source: newer fixture.\nRelease: 9\n');
        fs.writeFileSync(path.join(dir, 'CHANGES.md'), '### Removed Objects\n\n- Removed: mdm/profiles/com.example.basic.yaml\n');
        const removed = diffRemoved(FIXTURE_SCHEMA, dir, '8');
        assert.deepEqual(removed.payloads, { 'com.example.basic': '9' });
        assert.deepEqual(removed.keys, [{ payloadType: 'com.example.split', path: ['OnlyOne'], release: '8' }]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("on Apple's schema", function () {
    it('reads the vendored copy by default, at release 27 with its source recorded', () => {
      assert.equal(DEFAULT_SCHEMA_DIR, APPLE_SCHEMA);
      assert.equal(readRelease(APPLE_SCHEMA), '27');
      assert.match(readSource(APPLE_SCHEMA), /apple\/device-management, release 27 \(commit 255d4a2d841448f71f526e4b5d5f7ad795de86ca\)/);
      // Every vendored file has its commit in SOURCE.md.
      const source = fs.readFileSync(path.join(APPLE_SCHEMA, 'SOURCE.md'), 'utf8');
      for (const f of loadSchemaFiles(APPLE_SCHEMA)) assert.match(source, new RegExp(`\\| \`mdm/profiles/${f.file.replace(/[()[\].]/g, '\\$&')}\` \\| \`[0-9a-f]{40}\``), f.file);
    });

    it('refuses a removal record that names a payload type the schema still has', () => {
      const files = loadSchemaFiles(FIXTURE_SCHEMA);
      assert.throws(() => buildCatalog(files, 'x', '0', { payloads: { 'com.example.split': '1' }, keys: [] }), /listed as removed/);
    });

    it('is deterministic and matches the committed catalog', function () {
      this.timeout(60000);
      const first = generateModule(APPLE_SCHEMA);
      const second = generateModule(APPLE_SCHEMA);
      assert.equal(second, first);
      assert.equal(fs.readFileSync(COMMITTED, 'utf8'), first, 'catalogData.ts is stale: run npm run generate:catalog');
    });

    it("copies none of Apple's sentences", function () {
      this.timeout(60000);
      const files = loadSchemaFiles(APPLE_SCHEMA);
      const sentences = new Set(prose(files.map((f) => f.doc)).filter((s) => wordCount(s) >= 4));
      const { source: _source, ...facts } = buildCatalog(files, 'apple');
      const kept = strings(facts);
      for (const s of kept) assert.ok(!sentences.has(s), `copied: ${s}`);
      // No value reads like a sentence at all: the longest are Energy Saver key names such as
      // "Automatic Restart On Power Loss".
      const longest = kept.reduce((a, b) => (wordCount(b) > wordCount(a) ? b : a), '');
      assert.ok(wordCount(longest) <= 5, `longest string: ${longest}`);
    });
  });
});
