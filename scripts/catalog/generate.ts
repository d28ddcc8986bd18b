/**
 * Generates server/src/service/catalog/catalogData.ts from Apple's profile schema YAML (vendored in
 * schemas/apple-device-management), so a clone regenerates and checks the catalog on its own.
 * Usage: generate.ts [SCHEMA_DIR] [--out FILE] [--check]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { buildCatalog, renderCatalogModule, SchemaFile } from './convert';
import type { RemovedData } from '../../server/src/service/catalog/types';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_SCHEMA_DIR = path.join(REPO_ROOT, 'schemas', 'apple-device-management');
/** What Apple removed since the release before (ours, derived by removed.ts; Apple's YAML no longer has it). */
export const DEFAULT_REMOVED = path.join(__dirname, 'removed.json');
const DEFAULT_OUT = path.join(REPO_ROOT, 'server', 'src', 'service', 'catalog', 'catalogData.ts');

/** Loads every mdm/profiles/*.yaml in name order; js-yaml turns anchors and aliases into shared objects. */
export function loadSchemaFiles(schemaDir: string): SchemaFile[] {
  const profilesDir = path.join(schemaDir, 'mdm', 'profiles');
  const names = fs.readdirSync(profilesDir).filter((name) => name.endsWith('.yaml')).sort();
  if (names.length === 0) throw new Error(`no .yaml files in ${profilesDir}`);
  return names.map((file) => ({ file, doc: yaml.load(fs.readFileSync(path.join(profilesDir, file), 'utf8'), { filename: file }) }));
}

/** The provenance line of the schema copy (SOURCE.md's first line), without any date, so output stays stable. */
export function readSource(schemaDir: string): string {
  const sourceFile = path.join(schemaDir, 'SOURCE.md');
  if (!fs.existsSync(sourceFile)) return 'apple/device-management (unrecorded revision)';
  const first = fs.readFileSync(sourceFile, 'utf8').split('\n')[0].trim();
  return first.replace(/^Source:\s*/, '').replace(/\.$/, '');
}

/** The release number SOURCE.md records on its `Release:` line (e.g. `27`), for messages that name it. */
export function readRelease(schemaDir: string): string {
  const sourceFile = path.join(schemaDir, 'SOURCE.md');
  const text = fs.existsSync(sourceFile) ? fs.readFileSync(sourceFile, 'utf8') : '';
  const release = /^Release:\s*(\S+)\s*$/m.exec(text)?.[1];
  if (!release) throw new Error(`${sourceFile}: no "Release: N" line`);
  return release;
}

/** The removals file as catalog data; an absent file means none recorded. */
export function readRemoved(file: string): RemovedData {
  if (!fs.existsSync(file)) return { payloads: {}, keys: [] };
  const { payloads, keys } = JSON.parse(fs.readFileSync(file, 'utf8')) as RemovedData;
  return { payloads, keys };
}

/** Generates the module text for a schema directory. */
export function generateModule(schemaDir: string, removedFile = DEFAULT_REMOVED): string {
  return renderCatalogModule(buildCatalog(loadSchemaFiles(schemaDir), readSource(schemaDir), readRelease(schemaDir), readRemoved(removedFile)));
}

function main(argv: string[]): number {
  let schemaDir = DEFAULT_SCHEMA_DIR;
  let out = DEFAULT_OUT;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') out = path.resolve(argv[++i] ?? '');
    else if (arg === '--check') check = true;
    else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}\nusage: generate.ts [SCHEMA_DIR] [--out FILE] [--check]`);
      return 2;
    } else schemaDir = path.resolve(arg);
  }
  const text = generateModule(schemaDir);
  if (check) {
    // For CI: fail when the committed catalog is stale against the schema.
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), out)} is out of date: run npm run generate:catalog`);
      return 1;
    }
    console.log(`${path.relative(process.cwd(), out)} is up to date`);
    return 0;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  const payloads = (text.match(/^ {4}'/gm) ?? []).length;
  console.log(`wrote ${path.relative(process.cwd(), out)}: ${payloads} payload types, ${Buffer.byteLength(text)} bytes`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
