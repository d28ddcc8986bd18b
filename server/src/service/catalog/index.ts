/**
 * Typed, pure access to what each PayloadType holds: Apple's generated facts (catalogData.ts) plus our
 * overlay (overlay.ts), hydrated per payload type on first use. No fs, no timers: the data is compiled in.
 */
import { catalogData } from './catalogData';
import { COMMON, overlay, TOP_LEVEL } from './overlay';
import type { ElementKeys } from './overlay';
import type { ContainerData, KeyData, KeySchema, OsName, PayloadData, PayloadSchema, SupportedOS } from './types';

export * from './types';

/** The result of `lookupKey`: the key and its effective availability (payload's, then each enclosing key's, then its own). */
export interface KeyLookup {
  key: KeySchema;
  os: SupportedOS;
}

/** Anything that holds keys: a payload, a dictionary key, or an array element that is a dictionary. */
export interface KeyContainer {
  readonly keys?: readonly KeySchema[];
  readonly anyKey?: KeySchema;
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };
type HydratedContainer = Pick<KeySchema, 'keys' | 'anyKey' | 'item'>;
type MutableKey = Mutable<KeySchema>;
type MutablePayload = Mutable<PayloadSchema>;

/** Where the data came from (repository and commit of Apple's schema). */
export const catalogSource: string = catalogData.source;

/** The release of Apple's schema the catalog holds (e.g. `27`): messages and hover name it. */
export const catalogRelease: string = catalogData.release;

/** The release of Apple's schema that dropped this payload type, or undefined if it never had it (or still has it). */
export function getRemovedPayloadRelease(payloadType: string): string | undefined {
  const { payloads } = catalogData.removed;
  return Object.prototype.hasOwnProperty.call(payloads, payloadType) ? payloads[payloadType] : undefined;
}

/**
 * The release of Apple's schema that dropped the key at `path` (key names from the payload dict, array elements
 * adding none; payload type `TopLevel` for the profile dict), or undefined. The list is a handful of entries.
 */
export function getRemovedKeyRelease(payloadType: string, path: readonly string[]): string | undefined {
  const joined = path.join('/');
  return catalogData.removed.keys.find((k) => k.payloadType === payloadType && k.path.join('/') === joined)?.release;
}

const payloadTypes: readonly string[] = Object.freeze(Object.keys(catalogData.payloads).sort());
const hydrated = new Map<string, PayloadSchema>();
let topLevel: PayloadSchema | undefined;
let common: PayloadSchema | undefined;
/** Overlay entries that did nothing (target missing, or Apple now has the key): see `getOverlayProblems`. */
const overlayProblems: string[] = [];

/** Every payload type the catalog knows, sorted. Excludes the pseudo types TopLevel and CommonPayloadKeys. */
export function getKnownPayloadTypes(): readonly string[] {
  return payloadTypes;
}

export function isKnownPayloadType(payloadType: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalogData.payloads, payloadType);
}

/** The schema of one payload type, overlay applied, or undefined for an unknown type. */
export function getPayloadSchema(payloadType: string): PayloadSchema | undefined {
  if (!isKnownPayloadType(payloadType)) return undefined;
  let schema = hydrated.get(payloadType);
  if (!schema) {
    schema = withOverlay(hydratePayload(catalogData.payloads[payloadType]));
    hydrated.set(payloadType, schema);
  }
  return schema;
}

/** The profile's outermost dict (PayloadContent, PayloadDisplayName, ConsentText, …). */
export function getTopLevelSchema(): PayloadSchema {
  return (topLevel ??= withOverlay(hydratePayload(catalogData.topLevel)));
}

/** The schema of Apple's CommonPayloadKeys: keys every payload dict may hold (PayloadUUID, PayloadType, …). */
export function getCommonPayloadSchema(): PayloadSchema {
  return (common ??= withOverlay(hydratePayload(catalogData.common)));
}

const payloadContainers = new Map<string, KeyContainer>();
const wrappedContainers = new Map<string, KeyContainer>();

/**
 * The keys of a payload dict of this type: the type's own, then the common Payload* keys, then its wildcard.
 * For a payload type written in the wrapped layout (see `Overlay.wrappedLayouts`) with `wrapped` set, the
 * payload's own keys sit in the dicts of a PayloadContent array instead.
 */
export function getPayloadContainer(schema: PayloadSchema, wrapped = false): KeyContainer {
  const cache = wrapped ? wrappedContainers : payloadContainers;
  let c = cache.get(schema.payloadType);
  if (!c) {
    const commonKeys = getCommonPayloadSchema().keys;
    if (wrapped) {
      const content: KeySchema = {
        name: 'PayloadContent', type: 'array', presence: 'required',
        item: { name: 'PayloadContentItem', type: 'dictionary', keys: schema.keys },
      };
      c = { keys: [...commonKeys, content] };
    } else {
      const own = new Set(schema.keys.map((k) => k.name));
      const keys = [...schema.keys, ...commonKeys.filter((k) => !own.has(k.name))];
      c = schema.anyKey ? { keys, anyKey: schema.anyKey } : { keys };
    }
    cache.set(schema.payloadType, c);
  }
  return c;
}

/** True when real profiles of this type may use the wrapped layout (see `Overlay.wrappedLayouts`). */
export function hasWrappedLayout(payloadType: string): boolean {
  return overlay.wrappedLayouts.some((w) => w.payloadType === payloadType);
}

const anywhereKeys = new Map<string, KeySchema>();

/** A key the overlay accepts at any depth of this payload type (see `Overlay.anywhereKeys`). */
export function getAnywhereKey(payloadType: string, name: string): KeySchema | undefined {
  const id = `${payloadType}\u0000${name}`;
  let key = anywhereKeys.get(id);
  if (!key) {
    const found = overlay.anywhereKeys.find((a) => a.payloadType === payloadType && a.key.name === name);
    if (!found) return undefined;
    anywhereKeys.set(id, (key = overlayKey(found.key)));
  }
  return key;
}

/**
 * The key at `path` inside a payload of `payloadType`, e.g. ['VPN', 'RemoteAddress']. The first segment
 * also finds the common payload keys (the payload's own definition wins). Arrays are entered implicitly:
 * ['OnDemandRules', 'Action'] and ['OnDemandRules', '0', 'Action'] both reach the element's key, and
 * ['OnDemandRules', '*'] is the element itself. Dictionaries with Apple's `ANY` key match any name.
 * Undefined for unknown types and paths, and below a value of type `any`.
 */
export function lookupKey(payloadType: string, path: readonly string[]): KeyLookup | undefined {
  const payload = getPayloadSchema(payloadType);
  return payload && resolvePath(payload, path, getCommonPayloadSchema());
}

/** `lookupKey` for the profile's outermost dict. */
export function lookupTopLevelKey(path: readonly string[]): KeyLookup | undefined {
  return resolvePath(getTopLevelSchema(), path, undefined);
}

const memberIndex = new WeakMap<readonly KeySchema[], Map<string, KeySchema>>();

/** The member of a container called `name`: a named key, else the container's wildcard (`anyKey`). */
export function getMemberKey(container: KeyContainer, name: string): KeySchema | undefined {
  const keys = container.keys;
  if (keys) {
    let index = memberIndex.get(keys);
    if (!index) memberIndex.set(keys, (index = new Map(keys.map((k) => [k.name, k]))));
    const found = index.get(name);
    if (found) return found;
  }
  return container.anyKey;
}

/** Availability after `override` updates `base`, OS by OS and field by field (Apple's inheritance rule). */
export function mergeOS(base: SupportedOS | undefined, override: SupportedOS | undefined): SupportedOS {
  if (!override) return base ?? {};
  const out: SupportedOS = { ...base };
  for (const os of Object.keys(override) as OsName[]) out[os] = { ...base?.[os], ...override[os] };
  return out;
}

/** Overlay entries that did not apply: a target Apple renamed, or a key Apple now defines itself. For tests. */
export function getOverlayProblems(): readonly string[] {
  for (const type of new Set([...overlay.addKeys, ...overlay.requirements, ...overlay.corrections, ...overlay.extensions, ...overlay.elementKeys].map((e) => e.payloadType))) {
    if (type === TOP_LEVEL) getTopLevelSchema();
    else if (type === COMMON) getCommonPayloadSchema();
    else if (!getPayloadSchema(type)) overlayProblems.push(`${type}: unknown payload type`);
  }
  return [...new Set(overlayProblems)];
}

function resolvePath(root: PayloadSchema, path: readonly string[], fallback: PayloadSchema | undefined): KeyLookup | undefined {
  let os: SupportedOS = root.os ?? {};
  let key: KeySchema | undefined;
  for (const segment of path) {
    if (key?.type === 'array') {
      if (!key.item) return undefined;
      key = key.item;
      os = mergeOS(os, key.os);
      if (segment === '*' || /^\d+$/.test(segment)) continue;
    }
    if (key && key.type !== 'dictionary') return undefined;
    const next = key ? getMemberKey(key, segment) : getOwnOrFallback(root, fallback, segment);
    if (!next) return undefined;
    key = next;
    os = mergeOS(os, key.os);
  }
  return key && { key, os };
}

function getOwnOrFallback(root: PayloadSchema, fallback: PayloadSchema | undefined, name: string): KeySchema | undefined {
  // A named own key, then a common key, and only then the payload's wildcard (the 802.1X payloads have one).
  const own = root.keys.find((k) => k.name === name);
  return own ?? (fallback && fallback.keys.find((k) => k.name === name)) ?? root.anyKey;
}

/** Turns stored data into schema objects; a shared def becomes one object graph that every `ref` points at. */
function hydratePayload(data: PayloadData): MutablePayload {
  const pending: [MutableKey, string][] = [];
  const hydrateKey = (k: KeyData): MutableKey => {
    const { ref, keys, anyKey, item, ...facts } = k;
    const out: MutableKey = { ...facts };
    // Refs are resolved after every def is built, because a def may (recursively) refer to itself.
    if (ref !== undefined) pending.push([out, ref]);
    else assignContainer(out, { keys, anyKey, item });
    return out;
  };
  const assignContainer = (out: Mutable<HydratedContainer>, c: ContainerData): void => {
    if (c.keys) out.keys = c.keys.map(hydrateKey);
    if (c.anyKey) out.anyKey = hydrateKey(c.anyKey);
    if (c.item) out.item = hydrateKey(c.item);
  };
  const defs = new Map<string, HydratedContainer>();
  for (const [id, def] of Object.entries(data.defs ?? {})) {
    const holder: Mutable<HydratedContainer> = {};
    assignContainer(holder, def);
    defs.set(id, holder);
  }
  const payload: MutablePayload = { payloadType: data.payloadType, files: data.files, keys: [] };
  if (data.docUrl) payload.docUrl = data.docUrl;
  if (data.os) payload.os = data.os;
  assignContainer(payload, { keys: data.keys, anyKey: data.anyKey });
  payload.keys ??= [];
  if (data.variants) payload.variants = data.variants;
  for (const [out, ref] of pending) {
    const def = defs.get(ref);
    if (!def) throw new Error(`catalog: ${data.payloadType} refers to missing def ${ref}`);
    if (def.keys) out.keys = def.keys;
    if (def.anyKey) out.anyKey = def.anyKey;
    if (def.item) out.item = def.item;
  }
  return payload;
}

/**
 * Replaces the key at `path` with `update(key)`, copying every key and key list on the way, so that a
 * structure shared through a def elsewhere in the payload keeps Apple's version. False if the path is missing.
 */
function updateAt(container: Mutable<KeyContainer>, path: readonly string[], update: (key: KeySchema) => KeySchema): boolean {
  const [name, ...rest] = path;
  const keys = container.keys ?? [];
  const index = keys.findIndex((k) => k.name === name);
  if (index < 0) return false;
  let next: KeySchema;
  if (rest.length === 0) next = update(keys[index]);
  else {
    const copy: MutableKey = { ...keys[index] };
    if (!updateAt(copy, rest, update)) return false;
    next = copy;
  }
  const copied = keys.slice();
  copied[index] = next;
  container.keys = copied;
  return true;
}

function insertSorted(keys: readonly KeySchema[] | undefined, key: KeySchema): KeySchema[] {
  return [...(keys ?? []), key].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A stored key from the overlay as schema (overlay keys are small and never use refs). */
function overlayKey(data: KeyData): KeySchema {
  const { keys, anyKey, item, ref: _ref, ...facts } = data;
  const out: MutableKey = { ...facts, origin: 'overlay' };
  if (keys) out.keys = keys.map(overlayKey);
  if (anyKey) out.anyKey = overlayKey(anyKey);
  if (item) out.item = overlayKey(item);
  return out;
}

function withOverlay(payload: MutablePayload): PayloadSchema {
  const type = payload.payloadType;
  const where = (path: readonly string[]) => `${type}: ${path.join('.') || '(payload)'}`;
  for (const c of overlay.corrections.filter((e) => e.payloadType === type)) {
    if (!updateAt(payload, c.path, () => overlayKey(c.key))) overlayProblems.push(`${where(c.path)}: correction target missing`);
  }
  for (const a of overlay.addKeys.filter((e) => e.payloadType === type)) {
    const add = (container: KeyContainer): KeySchema[] | undefined =>
      container.keys?.some((k) => k.name === a.key.name) ? undefined : insertSorted(container.keys, overlayKey(a.key));
    const target = [...a.parent, a.key.name];
    if (a.parent.length === 0) {
      const keys = add(payload);
      if (keys) payload.keys = keys;
      else overlayProblems.push(`${where(target)}: Apple's schema has it now`);
      continue;
    }
    let shadowed = false;
    const found = updateAt(payload, a.parent, (parent) => {
      const keys = add(parent);
      shadowed = !keys;
      return keys ? { ...parent, keys } : parent;
    });
    if (!found) overlayProblems.push(`${where(a.parent)}: parent dictionary missing`);
    else if (shadowed) overlayProblems.push(`${where(target)}: Apple's schema has it now`);
  }
  for (const r of overlay.requirements.filter((e) => e.payloadType === type)) {
    const found = updateAt(payload, r.path, (key) => ({ ...key, requiredWhen: [...(key.requiredWhen ?? []), ...r.requiredWhen] }));
    if (!found) overlayProblems.push(`${where(r.path)}: requirement target missing`);
  }
  for (const e of overlay.elementKeys.filter((x) => x.payloadType === type)) addElementKeys(payload, e, where);
  for (const e of overlay.extensions.filter((x) => x.payloadType === type)) {
    const base = getPayloadSchema(e.extends);
    if (!base) {
      overlayProblems.push(`${type}: extends unknown ${e.extends}`);
      continue;
    }
    const own = new Set(payload.keys.map((k) => k.name));
    const inherited = base.keys.filter((k) => !own.has(k.name)).map((k): KeySchema => ({ ...k, inheritedFrom: e.extends }));
    payload.keys = [...payload.keys, ...inherited].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return payload;
}

/** Gives an array's dict elements the named keys of another dict of the payload (an erratum of overlay.elementKeys). */
function addElementKeys(payload: MutablePayload, e: ElementKeys, where: (path: readonly string[]) => string): void {
  let from: KeySchema | undefined;
  for (const name of e.from) from = ((from ?? payload) as KeyContainer).keys?.find((k) => k.name === name);
  const donors = (from?.keys ?? []).filter((k) => e.names.includes(k.name));
  if (donors.length !== e.names.length) {
    overlayProblems.push(`${where(e.from)}: lacks ${e.names.filter((n) => !donors.some((k) => k.name === n)).join(', ')}`);
    return;
  }
  let shadowed: string[] = [];
  const found = updateAt(payload, e.array, (array) => {
    const item = array.item;
    if (item?.type !== 'dictionary') return array;
    shadowed = donors.filter((k) => item.keys?.some((own) => own.name === k.name)).map((k) => k.name);
    const added = donors.filter((k) => !shadowed.includes(k.name)).map((k): KeySchema => ({ ...k, origin: 'overlay' }));
    const keys = [...(item.keys ?? []), ...added].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { ...array, item: { ...item, keys } };
  });
  if (!found) overlayProblems.push(`${where(e.array)}: array missing`);
  else if (shadowed.length > 0) overlayProblems.push(`${where(e.array)}: Apple's schema has ${shadowed.join(', ')} now`);
}
