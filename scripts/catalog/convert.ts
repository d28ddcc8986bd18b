/**
 * Turns Apple's profile YAML (already loaded, anchors resolved to shared objects) into the compact catalog,
 * keeping facts only. Pure and deterministic; it throws on schema shapes it does not know, so format drift
 * is seen at generation time instead of being silently dropped.
 */
import type {
  CatalogData, ContainerData, KeyData, OsName, OsSupport, PayloadData, RemovedData, ScalarValue, SupportedOS, UsageMode, ValueType, VariantData,
} from '../../server/src/service/catalog/types';

/** One loaded YAML file: its name under mdm/profiles and the parsed document. */
export interface SchemaFile {
  file: string;
  doc: unknown;
}

const DOC_BASE = 'https://developer.apple.com/documentation/devicemanagement/';
const OS_NAMES: readonly OsName[] = ['iOS', 'macOS', 'tvOS', 'visionOS', 'watchOS'];
const VALUE_TYPES: readonly ValueType[] = ['string', 'integer', 'real', 'boolean', 'date', 'data', 'array', 'dictionary', 'any'];
const USAGE_MODES: readonly UsageMode[] = ['allowed', 'required', 'forbidden', 'ignored'];
/** Apple's name for "a key of any name" in a dictionary's subkeys. */
const ANY_KEY = 'ANY';
/** Key fields we read, and those we skip on purpose: prose (`title`, `content`), and DDM-only fields. */
const KEY_FIELDS = new Set(['key', 'type', 'presence', 'rangelist', 'range', 'default', 'format', 'repetition', 'valuetype', 'subtype', 'supportedOS', 'subkeytype', 'subkeys']);
const SKIPPED_KEY_FIELDS = new Set(['title', 'content', 'combinetype', 'assettypes']);
/** Per-OS fields we skip: MDM command and declarative-management details that do not apply to profiles. */
const SKIPPED_OS_FIELDS = new Set(['accessrights', 'always-skippable', 'allowed-enrollments', 'allowed-scopes']);
/** Fields where a variant file's payload-level availability, if it differs, must be pushed down to its keys. */
const INHERITED_OS_FIELDS: readonly (keyof OsSupport)[] = ['introduced', 'deprecated', 'removed', 'supervised', 'userEnrollment', 'sharedIPad'];

type Raw = Record<string, unknown>;

class SchemaError extends Error {}

function fail(where: string, message: string): never {
  throw new SchemaError(`${where}: ${message}`);
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is ScalarValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Code-unit order: `localeCompare` would make the output depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Apple names each payload's page after its title with everything but letters and digits removed. */
export function docUrlForTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const slug = title.toLowerCase().replace(/[^a-z0-9]/g, '');
  return slug ? DOC_BASE + slug : undefined;
}

function convertType(raw: unknown, where: string): ValueType {
  const match = typeof raw === 'string' ? /^<(\w+)>$/.exec(raw) : null;
  const type = match?.[1] as ValueType | undefined;
  if (!type || !VALUE_TYPES.includes(type)) fail(where, `unknown type ${JSON.stringify(raw)}`);
  return type;
}

function convertBounds(raw: unknown, where: string): { min?: number; max?: number } {
  if (!isRecord(raw)) fail(where, 'bounds must be a mapping');
  const out: { min?: number; max?: number } = {};
  for (const side of ['min', 'max'] as const) {
    const value = raw[side];
    if (value === undefined) continue;
    if (typeof value !== 'number') fail(where, `${side} must be a number`);
    out[side] = value;
  }
  return out;
}

function convertMode(raw: unknown, where: string): UsageMode | undefined {
  if (raw === undefined) return undefined;
  const mode = isRecord(raw) ? raw.mode : undefined;
  if (mode === undefined) return undefined;
  if (!USAGE_MODES.includes(mode as UsageMode)) fail(where, `unknown mode ${JSON.stringify(mode)}`);
  return mode as UsageMode;
}

function convertOsSupport(raw: unknown, where: string): OsSupport {
  if (!isRecord(raw)) fail(where, 'must be a mapping');
  const out: OsSupport = {};
  for (const field of ['introduced', 'deprecated', 'removed'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    // An unquoted 10.10 would load as the number 10.1: refuse rather than store a wrong version.
    if (typeof value !== 'string') fail(where, `${field} must be a quoted string, got ${JSON.stringify(value)}`);
    out[field] = value;
  }
  const flags: [string, keyof OsSupport][] = [
    ['supervised', 'supervised'], ['multiple', 'multiple'], ['allowmanualinstall', 'allowManualInstall'],
    ['devicechannel', 'deviceChannel'], ['userchannel', 'userChannel'], ['requiresdep', 'requiresDEP'],
    ['userapprovedmdm', 'userApprovedMDM'],
  ];
  for (const [from, to] of flags) {
    const value = raw[from];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') fail(where, `${from} must be a boolean`);
    (out as Record<string, unknown>)[to] = value;
  }
  const userEnrollment = convertMode(raw.userenrollment, `${where}.userenrollment`);
  if (userEnrollment) out.userEnrollment = userEnrollment;
  const sharedIPad = convertMode(raw.sharedipad, `${where}.sharedipad`);
  if (sharedIPad) out.sharedIPad = sharedIPad;
  const known = new Set(['introduced', 'deprecated', 'removed', 'userenrollment', 'sharedipad', ...flags.map(([from]) => from)]);
  for (const field of Object.keys(raw)) {
    if (!known.has(field) && !SKIPPED_OS_FIELDS.has(field)) fail(where, `unknown field ${field}`);
  }
  return out;
}

function convertSupportedOS(raw: unknown, where: string): SupportedOS | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) fail(where, 'supportedOS must be a mapping');
  for (const os of Object.keys(raw)) if (!OS_NAMES.includes(os as OsName)) fail(where, `unknown OS ${os}`);
  const out: SupportedOS = {};
  for (const os of OS_NAMES) {
    if (raw[os] === undefined) continue;
    const support = convertOsSupport(raw[os], `${where}.${os}`);
    if (Object.keys(support).length > 0) out[os] = support;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Converts one file's keys; shared YAML anchors become `defs` entries referenced by `ref`. */
class FileConverter {
  readonly defs: Record<string, ContainerData> = {};
  /** How many keys hold each `subkeys` list (by identity): more than one means a YAML anchor shares it. */
  private readonly holders = new Map<unknown[], number>();
  private readonly defIds = new Map<unknown[], Map<ValueType, string>>();

  constructor(private readonly file: string, private readonly defPrefix: string) {}

  countHolders(keys: unknown): void {
    if (!Array.isArray(keys)) return;
    for (const raw of keys) {
      if (!isRecord(raw) || !Array.isArray(raw.subkeys)) continue;
      const seen = this.holders.get(raw.subkeys) ?? 0;
      this.holders.set(raw.subkeys, seen + 1);
      // Descend only on first sight: recursive anchors would otherwise never end.
      if (seen === 0) this.countHolders(raw.subkeys);
    }
  }

  convertKeyList(raw: unknown, type: ValueType, path: string[]): ContainerData {
    const where = `${this.file}:${path.join('/') || '(payload)'}`;
    if (!Array.isArray(raw)) fail(where, 'subkeys must be a list');
    if (type === 'array') {
      // docs/schema.md: an array's single subkey is the element type.
      if (raw.length !== 1) fail(where, `an array needs exactly one subkey, found ${raw.length}`);
      return { item: this.convertKey(raw[0], [...path, '[]'], true) };
    }
    if (type !== 'dictionary') fail(where, `subkeys on a ${type} value are not supported`);
    const container: ContainerData = {};
    const keys: KeyData[] = [];
    const names = new Set<string>();
    for (const entry of raw) {
      const name = isRecord(entry) ? entry.key : undefined;
      if (name === ANY_KEY) {
        if (container.anyKey) fail(where, 'two ANY keys');
        container.anyKey = this.convertKey(entry, [...path, ANY_KEY], true);
        continue;
      }
      if (typeof name === 'string' && names.has(name)) fail(where, `duplicate key ${name}`);
      const key = this.convertKey(entry, [...path, String(name)], false);
      names.add(key.name);
      keys.push(key);
    }
    // Sorted so that Apple reordering its YAML does not churn the generated file.
    keys.sort((a, b) => compareStrings(a.name, b.name));
    if (keys.length > 0) container.keys = keys;
    return container;
  }

  /** `isPlaceholder`: an array element or an ANY key, whose `presence` describes no real key. */
  private convertKey(raw: unknown, path: string[], isPlaceholder: boolean): KeyData {
    const where = `${this.file}:${path.join('/')}`;
    if (!isRecord(raw)) fail(where, 'key must be a mapping');
    for (const field of Object.keys(raw)) {
      if (!KEY_FIELDS.has(field) && !SKIPPED_KEY_FIELDS.has(field)) fail(where, `unknown key field ${field}`);
    }
    if (typeof raw.key !== 'string' || raw.key === '') fail(where, 'key name missing');
    const key: KeyData = { name: raw.key, type: convertType(raw.type, where) };
    if (raw.presence !== undefined && !isPlaceholder) {
      if (raw.presence !== 'required' && raw.presence !== 'optional') fail(where, `unknown presence ${JSON.stringify(raw.presence)}`);
      key.presence = raw.presence;
    }
    if (raw.rangelist !== undefined) {
      if (!Array.isArray(raw.rangelist) || !raw.rangelist.every(isScalar)) fail(where, 'rangelist must list scalars');
      key.values = raw.rangelist;
    }
    if (raw.range !== undefined) key.range = convertBounds(raw.range, `${where}.range`);
    if (raw.default !== undefined) {
      if (!isScalar(raw.default)) fail(where, 'default must be a scalar');
      key.default = raw.default;
    }
    if (raw.format !== undefined) {
      if (typeof raw.format !== 'string') fail(where, 'format must be a string');
      key.format = raw.format;
    }
    // `subtype` is the deprecated spelling of `valuetype` (docs/schema.md); both may carry angle brackets.
    const valueType = raw.valuetype ?? raw.subtype;
    if (valueType !== undefined) {
      if (typeof valueType !== 'string') fail(where, 'valuetype must be a string');
      key.valueType = valueType.replace(/^<(.*)>$/, '$1');
    }
    if (raw.repetition !== undefined) key.repetition = convertBounds(raw.repetition, `${where}.repetition`);
    const os = convertSupportedOS(raw.supportedOS, `${where}.supportedOS`);
    if (os) key.os = os;
    if (raw.subkeytype !== undefined) {
      if (typeof raw.subkeytype !== 'string') fail(where, 'subkeytype must be a string');
      key.structName = raw.subkeytype;
    }
    if (raw.subkeys !== undefined) this.attachContainer(key, raw.subkeys, path);
    return key;
  }

  private attachContainer(key: KeyData, subkeys: unknown, path: string[]): void {
    if (!Array.isArray(subkeys) || (this.holders.get(subkeys) ?? 0) < 2) {
      Object.assign(key, this.convertKeyList(subkeys, key.type, path));
      return;
    }
    // A shared list: convert it once into defs and point at it. The id is taken before converting,
    // so a recursive reference inside the list finds it.
    let byType = this.defIds.get(subkeys);
    if (!byType) this.defIds.set(subkeys, (byType = new Map()));
    let id = byType.get(key.type);
    if (id === undefined) {
      id = this.defPrefix + path.join('.') + (byType.size > 0 ? `#${key.type}` : '');
      byType.set(key.type, id);
      this.defs[id] = this.convertKeyList(subkeys, key.type, path);
    }
    key.ref = id;
  }
}

interface ConvertedFile {
  file: string;
  payloadType: string;
  docUrl?: string;
  os?: SupportedOS;
  container: ContainerData;
  defs: Record<string, ContainerData>;
}

function convertFile({ file, doc }: SchemaFile, defPrefix: string): ConvertedFile {
  if (!isRecord(doc) || !isRecord(doc.payload)) fail(file, 'no payload mapping');
  const payloadType = doc.payload.payloadtype;
  if (typeof payloadType !== 'string') fail(file, 'payload.payloadtype missing');
  const converter = new FileConverter(file, defPrefix);
  converter.countHolders(doc.payloadkeys);
  const container = converter.convertKeyList(doc.payloadkeys ?? [], 'dictionary', []);
  return {
    file,
    payloadType,
    docUrl: docUrlForTitle(doc.title),
    os: convertSupportedOS(doc.payload.supportedOS, `${file}:payload.supportedOS`),
    container,
    defs: converter.defs,
  };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Payload-level availability of a type split over files with no primary file: the most permissive union. */
function unionOS(list: (SupportedOS | undefined)[]): SupportedOS | undefined {
  const out: SupportedOS = {};
  for (const os of OS_NAMES) {
    const supports = list.map((s) => s?.[os]).filter((s): s is OsSupport => s !== undefined);
    if (supports.length === 0) continue;
    const merged: OsSupport = { ...supports[0] };
    const versions = supports.map((s) => s.introduced).filter((v): v is string => v !== undefined && v !== 'n/a');
    if (versions.length > 0) merged.introduced = versions.sort(compareVersions)[0];
    if (supports.some((s) => s.multiple)) merged.multiple = true;
    out[os] = merged;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Writes into `key.os` whatever the key's own file says at payload level that the merged payload does not. */
function pushDownVariantOS(key: KeyData, variantOS: SupportedOS | undefined, mergedOS: SupportedOS | undefined): void {
  for (const os of OS_NAMES) {
    const from = variantOS?.[os];
    if (!from) continue;
    for (const field of INHERITED_OS_FIELDS) {
      if (from[field] === undefined || from[field] === mergedOS?.[os]?.[field]) continue;
      const keyOS = (key.os ??= {});
      const support = (keyOS[os] ??= {});
      // The key's own statement wins over its file's payload-level one.
      if (support[field] === undefined) (support as Record<string, unknown>)[field] = from[field];
    }
  }
}

/** One payload type from one or more files. A file named after the type is the primary; its keys win. */
function mergePayload(payloadType: string, files: SchemaFile[]): PayloadData {
  const sorted = [...files].sort((a, b) => compareStrings(a.file, b.file));
  const primaryIndex = sorted.findIndex((f) => f.file === `${payloadType}.yaml`);
  if (primaryIndex > 0) sorted.unshift(...sorted.splice(primaryIndex, 1));
  const isSplit = sorted.length > 1;
  const converted = sorted.map((f) => convertFile(f, isSplit ? `${f.file.replace(/\.yaml$/, '')}:` : ''));
  const hasPrimary = primaryIndex >= 0;
  const os = isSplit && !hasPrimary ? unionOS(converted.map((c) => c.os)) : converted[0].os;

  const keys: KeyData[] = [];
  const names = new Set<string>();
  let anyKey: KeyData | undefined;
  const defs: Record<string, ContainerData> = {};
  for (const [index, c] of converted.entries()) {
    for (const key of c.container.keys ?? []) {
      if (names.has(key.name)) continue;
      names.add(key.name);
      if (index > 0 || !hasPrimary) pushDownVariantOS(key, c.os, os);
      keys.push(key);
    }
    anyKey ??= c.container.anyKey;
    Object.assign(defs, c.defs);
  }
  keys.sort((a, b) => compareStrings(a.name, b.name));

  const docUrl = hasPrimary || !isSplit ? converted[0].docUrl : undefined;
  const defIds = Object.keys(defs).sort(compareStrings);
  // Spreads keep one field order for every payload, so the output text is stable.
  const payload: PayloadData = {
    payloadType,
    files: converted.map((c) => c.file).sort(compareStrings),
    ...(docUrl ? { docUrl } : {}),
    ...(os ? { os } : {}),
    keys,
    ...(anyKey ? { anyKey } : {}),
    ...(defIds.length > 0 ? { defs: Object.fromEntries(defIds.map((id) => [id, defs[id]])) } : {}),
  };
  if (isSplit) {
    payload.variants = converted
      .map((c): VariantData => {
        const variant: VariantData = { file: c.file, keys: (c.container.keys ?? []).map((k) => k.name) };
        if (c.docUrl) variant.docUrl = c.docUrl;
        return variant;
      })
      .sort((a, b) => compareStrings(a.file, b.file));
  }
  return payload;
}

/** Apple's pseudo payload types: the profile's outer dict and the keys shared by every payload. */
const TOP_LEVEL = 'TopLevel';
const COMMON = 'CommonPayloadKeys';

/**
 * Builds the catalog from every loaded YAML file. `source` says where the files came from, `release` which
 * release of Apple's schema they are; `removed` lists what that release and the one before dropped.
 */
export function buildCatalog(files: readonly SchemaFile[], source: string, release = 'unrecorded', removed: RemovedData = { payloads: {}, keys: [] }): CatalogData {
  const byType = new Map<string, SchemaFile[]>();
  for (const f of files) {
    const type = isRecord(f.doc) && isRecord(f.doc.payload) ? f.doc.payload.payloadtype : undefined;
    if (typeof type !== 'string') fail(f.file, 'payload.payloadtype missing');
    byType.set(type, [...(byType.get(type) ?? []), f]);
  }
  for (const required of [TOP_LEVEL, COMMON]) if (!byType.has(required)) fail(required, 'file missing from the schema');
  const payloads: Record<string, PayloadData> = {};
  for (const type of [...byType.keys()].sort(compareStrings)) {
    if (type === TOP_LEVEL || type === COMMON) continue;
    payloads[type] = mergePayload(type, byType.get(type)!);
  }
  for (const type of Object.keys(removed.payloads)) if (byType.has(type)) fail(type, 'listed as removed but the schema has it');
  return {
    source,
    release,
    removed: {
      payloads: Object.fromEntries(Object.keys(removed.payloads).sort(compareStrings).map((t) => [t, removed.payloads[t]])),
      keys: [...removed.keys].sort((a, b) => compareStrings(`${a.payloadType} ${a.path.join('/')}`, `${b.payloadType} ${b.path.join('/')}`)),
    },
    topLevel: mergePayload(TOP_LEVEL, byType.get(TOP_LEVEL)!),
    common: mergePayload(COMMON, byType.get(COMMON)!),
    payloads,
  };
}

/** A JSON text as a single-quoted JS string literal (JSON.stringify's double quotes would escape every quote). */
function quoteForJs(json: string): string {
  return `'${json.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The generated module: each payload's facts as one JSON string, parsed on first access (a server that
 * validates a VPN profile parses a handful of the 120 types, so start-up pays for none of them). JSON text
 * loads faster than an object literal and tsc checks it without inferring a giant type; one line per
 * payload keeps regeneration diffs readable.
 */
export function renderCatalogModule(catalog: CatalogData): string {
  const lines = [
    '/**',
    " * GENERATED by scripts/catalog/generate.ts from Apple's device-management schema (facts only, no prose).",
    ' * Do not edit: run `npm run generate:catalog`. Our additions live in overlay.ts.',
    ' */',
    "import type { CatalogData, PayloadData } from './types';",
    '',
    '/** Parses a payload\'s JSON the first time it is read, then keeps the value. */',
    'function lazy(raw: Record<string, string>): Record<string, PayloadData> {',
    '  const out: Record<string, PayloadData> = {};',
    '  for (const type of Object.keys(raw)) {',
    '    Object.defineProperty(out, type, {',
    '      enumerable: true,',
    '      configurable: true,',
    '      get: () => {',
    '        const value = JSON.parse(raw[type]) as PayloadData;',
    '        Object.defineProperty(out, type, { value, enumerable: true });',
    '        return value;',
    '      },',
    '    });',
    '  }',
    '  return out;',
    '}',
    '',
    'export const catalogData: CatalogData = {',
    `  source: ${quoteForJs(catalog.source)},`,
    `  release: ${quoteForJs(catalog.release)},`,
    `  removed: JSON.parse(${quoteForJs(JSON.stringify(catalog.removed))}),`,
    `  topLevel: JSON.parse(${quoteForJs(JSON.stringify(catalog.topLevel))}),`,
    `  common: JSON.parse(${quoteForJs(JSON.stringify(catalog.common))}),`,
    '  payloads: lazy({',
    ...Object.entries(catalog.payloads).map(([type, data]) => `    ${quoteForJs(type)}: ${quoteForJs(JSON.stringify(data))},`),
    '  }),',
    '};',
    '',
  ];
  return lines.join('\n');
}
