/**
 * Writes scripts/catalog/removed.json: the payload types and keys an older copy of Apple's schema has and the
 * vendored one no longer has, so the linter can say "removed in release N" instead of "unknown".
 * Usage: removed.ts OLD_SCHEMA_DIR [NEW_SCHEMA_DIR] --earlier RELEASE [--out FILE]
 * The release of each removal: the new release where its CHANGES.md lists it, else `--earlier` (the release in
 * between, whose CHANGES.md the new copy does not carry).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCatalog } from './convert';
import { DEFAULT_REMOVED, DEFAULT_SCHEMA_DIR, loadSchemaFiles, readRelease, readSource } from './generate';
import type { ContainerData, KeyData, PayloadData, RemovedData, RemovedKey } from '../../server/src/service/catalog/types';

/** Deep enough for every real structure; recursive defs (sub-apps in sub-apps) repeat below it. */
const MAX_DEPTH = 6;

/** Every key path of a payload (array elements add no name), as the schema walk builds them. */
function keyPaths(payload: PayloadData): Set<string> {
  const out = new Set<string>();
  const resolve = (k: KeyData): ContainerData => (k.ref ? payload.defs?.[k.ref] ?? {} : k);
  const walk = (container: ContainerData, prefix: string[]): void => {
    if (prefix.length > MAX_DEPTH) return;
    for (const key of container.keys ?? []) {
      const keyPath = [...prefix, key.name];
      out.add(keyPath.join('/'));
      const inner = resolve(key);
      walk(inner, keyPath);
      if (inner.item) walk(resolve(inner.item), keyPath);
    }
  };
  walk(payload, []);
  return out;
}

/** What CHANGES.md lists as removed under mdm/profiles: file names and `file/key/path` entries. */
function listedRemovals(schemaDir: string): Set<string> {
  const file = path.join(schemaDir, 'CHANGES.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return new Set([...text.matchAll(/^- Removed: mdm\/profiles\/(.+)$/gm)].map((m) => m[1].trim()));
}

export function diffRemoved(oldDir: string, newDir: string, earlier: string): RemovedData {
  const oldFiles = loadSchemaFiles(oldDir);
  const older = buildCatalog(oldFiles, 'old');
  const newer = buildCatalog(loadSchemaFiles(newDir), 'new');
  const release = readRelease(newDir);
  const listed = listedRemovals(newDir);
  const releaseOf = (files: readonly string[], keyPath = ''): string =>
    files.some((f) => listed.has(keyPath ? `${f}/${keyPath}` : f)) ? release : earlier;
  const removed: RemovedData = { payloads: {}, keys: [] };
  for (const [type, data] of Object.entries(older.payloads)) {
    if (!newer.payloads[type]) removed.payloads[type] = releaseOf(data.files);
  }
  const pairs: [string, PayloadData, PayloadData | undefined][] = [
    ['TopLevel', older.topLevel, newer.topLevel],
    ...Object.entries(older.payloads).map(([t, p]): [string, PayloadData, PayloadData | undefined] => [t, p, newer.payloads[t]]),
  ];
  for (const [type, before, after] of pairs) {
    if (!after) continue;
    const now = keyPaths(after);
    const gone = [...keyPaths(before)].filter((p) => !now.has(p)).sort();
    // Only the outermost removed key: its members went with it.
    for (const p of gone.filter((p) => !gone.some((q) => p.startsWith(`${q}/`)))) {
      const key: RemovedKey = { payloadType: type, path: p.split('/'), release: releaseOf(before.files, p) };
      removed.keys = [...removed.keys, key];
    }
  }
  return removed;
}

function main(argv: string[]): number {
  const positional: string[] = [];
  let earlier: string | undefined;
  let out = DEFAULT_REMOVED;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--earlier') earlier = argv[++i];
    else if (argv[i] === '--out') out = path.resolve(argv[++i] ?? '');
    else positional.push(path.resolve(argv[i]));
  }
  const [oldDir, newDir = DEFAULT_SCHEMA_DIR] = positional;
  if (!oldDir || !earlier) {
    console.error('usage: removed.ts OLD_SCHEMA_DIR [NEW_SCHEMA_DIR] --earlier RELEASE [--out FILE]');
    return 2;
  }
  const removed = diffRemoved(oldDir, newDir, earlier);
  const about = `Written by scripts/catalog/removed.ts: what Apple's schema had at ${readSource(oldDir)} and release ${readRelease(newDir)} no longer has.`;
  fs.writeFileSync(out, `${JSON.stringify({ about, ...removed }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}: ${Object.keys(removed.payloads).length} payload types, ${removed.keys.length} keys`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
