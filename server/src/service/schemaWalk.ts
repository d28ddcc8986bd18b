/**
 * One walk of a profile against the payload catalog, shared by the schema rules: each value paired with its
 * key schema and effective OS availability, each key the schema does not define, each dict with its schema.
 * Made one payload at a time and shared by every schema rule (they all need the same pairing), then dropped:
 * a big profile's walk is never in memory whole.
 */
import { getCommonPayloadSchema, getMemberKey, getPayloadSchema, getTopLevelSchema, mergeOS } from './catalog';
import type { KeyContainer, KeySchema, OsSupport, PayloadSchema, SupportedOS, ValueType } from './catalog';
import { getEntry, Payload, Profile } from './profile';
import type { DictNode, KeyNode, NodeKind, PlistNode, ScalarNode } from './types';

/** The pseudo payload type of the profile's outermost dict, as the catalog's overlay names it. */
export const TOP_LEVEL_TYPE = 'TopLevel';

/**
 * Where a value sits: its payload, the path of key names from the payload dict (array items add no name).
 * The path is built only when asked for (a report, a VPN-rule check): a large profile has thousands of places.
 */
export class Place {
  private fullPath: readonly string[] | undefined;

  constructor(
    readonly payload: Payload,
    /** The payload's PayloadType, or `TopLevel` for the profile dict. */
    readonly payloadType: string,
    private readonly parent: Place | undefined,
    /** The key this place adds to its parent's path; undefined when it adds none (an array element, the payload dict). */
    private readonly name: string | undefined,
  ) {}

  get path(): readonly string[] {
    if (this.fullPath === undefined) {
      const base = this.parent ? this.parent.path : NO_PATH;
      this.fullPath = this.name === undefined ? base : [...base, this.name];
    }
    return this.fullPath;
  }

  /** True for the payload dict itself (or the profile dict). */
  get isPayloadLevel(): boolean {
    return this.parent === undefined;
  }
}

const NO_PATH: readonly string[] = [];
/**
 * A value the schema defines: a dict member (with its `<key>`) or an array element. A class with a lazy path,
 * since a large profile has many values and most are never reported (object spreads per value cost seconds).
 */
export class SchemaValue {
  private fullPath: readonly string[] | undefined;

  constructor(
    /** The enclosing dict's place (for an array element: the array's). */
    readonly at: Place,
    /** The key name; undefined for an array element. */
    readonly name: string | undefined,
    readonly node: PlistNode,
    readonly key: KeySchema,
    /** The `<key>` element; undefined for an array element. */
    readonly keyNode: KeyNode | undefined,
    /** Availability after the payload's, each enclosing key's and this key's own facts. */
    readonly os: SupportedOS,
    /** The same for the enclosing dict or array, to tell what this key itself changes. */
    readonly parentOs: SupportedOS,
  ) {}

  get payload(): Payload {
    return this.at.payload;
  }

  get payloadType(): string {
    return this.at.payloadType;
  }

  /** Key names from the payload dict to this value (an array element has its array's path). */
  get path(): readonly string[] {
    return (this.fullPath ??= this.name === undefined ? this.at.path : [...this.at.path, this.name]);
  }

  /** True for a key of the payload dict itself (or of the profile dict). */
  get atPayloadLevel(): boolean {
    return this.name !== undefined && this.at.isPayloadLevel;
  }
}

/** A dict member the schema does not define at that place. */
export interface UnknownKey {
  payload: Payload;
  payloadType: string;
  path: readonly string[];
  keyNode: KeyNode;
  /** The container it was looked up in, for suggestions. */
  container: KeyContainer;
  /** The dict holding the key, so a suggestion can skip names it already has. */
  dict: DictNode;
}

/** A dict the schema describes (payload dicts included), for required-key checks. */
export interface SchemaDict {
  /** Where the dict sits; its `path` leads to the dict. */
  at: Place;
  dict: DictNode;
  container: KeyContainer;
  /** The `<key>` naming this dict in its parent; undefined for a payload dict or an array element. */
  keyNode: KeyNode | undefined;
}

/** A payload whose type the catalog knows (the profile dict included, as `TopLevel`). */
export interface KnownPayload {
  payload: Payload;
  payloadType: string;
  schema: PayloadSchema;
  /** The PayloadType `<string>`; undefined for the profile dict only if it lacks one. */
  typeNode: ScalarNode | undefined;
}

/** The plist element each schema type takes (`any` takes every element). */
const ELEMENT: Record<Exclude<ValueType, 'any'>, NodeKind> = {
  string: 'string', integer: 'integer', real: 'real', boolean: 'bool', date: 'date', data: 'data', array: 'array', dictionary: 'dict',
};

/** True when an element of `kind` is a value of schema `type`. A real-number key takes an <integer> too. */
export function acceptsElement(type: ValueType, kind: NodeKind): boolean {
  if (type === 'any' || kind === 'unknown') return true;
  return kind === ELEMENT[type] || (type === 'real' && kind === 'integer');
}

/** A payload dict's keys: the type's own, then the common Payload* keys, then the type's wildcard. Cached per type. */
const payloadContainers = new Map<string, KeyContainer>();

export function payloadContainer(schema: PayloadSchema): KeyContainer {
  let c = payloadContainers.get(schema.payloadType);
  if (!c) {
    const own = new Set(schema.keys.map((k) => k.name));
    const keys = [...schema.keys, ...getCommonPayloadSchema().keys.filter((k) => !own.has(k.name))];
    c = schema.anyKey ? { keys, anyKey: schema.anyKey } : { keys };
    payloadContainers.set(schema.payloadType, c);
  }
  return c;
}

/**
 * Keys real profiles carry that Apple's schema omits, accepted without checks beyond their type. By payload
 * type ('*': every payload, at payload level only); each with where it is seen.
 */
const EXTRA_KEYS: Record<string, { payloadLevel: boolean; keys: readonly KeySchema[] }> = {
  // Profile Manager and MCX-era tools write PayloadEnabled into every payload and the profile (gregneagle, kandji, darossi87).
  '*': { payloadLevel: true, keys: [{ name: 'PayloadEnabled', type: 'boolean', presence: 'optional' }] },
  // Apple's own signed beta and logging profiles (tageniu-ios-profiles).
  [TOP_LEVEL_TYPE]: { payloadLevel: true, keys: [{ name: 'PayloadEnabled', type: 'boolean', presence: 'optional' }, { name: 'PayloadRebootSuggested', type: 'boolean', presence: 'optional' }] },
  // MCX bookkeeping keys Workgroup Manager and Profile Manager write next to mcx_preference_settings.
  'com.apple.ManagedClient.preferences': { payloadLevel: false, keys: [{ name: 'mcx_data_timestamp', type: 'any' }, { name: 'mcx_union_policy_keys', type: 'any' }] },
};

function extraKey(place: Place, name: string): KeySchema | undefined {
  for (const type of [place.payloadType, '*']) {
    const extra = EXTRA_KEYS[type];
    if (!extra || (extra.payloadLevel && place.path.length > 0)) continue;
    if (type === '*' && place.payloadType === TOP_LEVEL_TYPE) continue;
    const key = extra.keys.find((k) => k.name === name);
    if (key) return key;
  }
  return undefined;
}

/**
 * Payload types whose real profiles (iPhone Configuration Utility) wrap the payload's keys in a PayloadContent
 * array of dicts, while Apple's schema puts them in the payload dict itself. Both layouts are accepted.
 */
const WRAPPED_LAYOUT = new Set(['com.apple.apn.managed']);
const wrappedContainers = new Map<string, KeyContainer>();

function wrappedContainer(schema: PayloadSchema): KeyContainer {
  let c = wrappedContainers.get(schema.payloadType);
  if (!c) {
    const content: KeySchema = {
      name: 'PayloadContent', type: 'array', presence: 'required',
      item: { name: 'PayloadContentItem', type: 'dictionary', keys: schema.keys },
    };
    c = { keys: [...getCommonPayloadSchema().keys, content] };
    wrappedContainers.set(schema.payloadType, c);
  }
  return c;
}

/** True when a dictionary key describes its members (else its content is open: any key goes). */
export function isClosed(container: KeyContainer): boolean {
  return !container.anyKey && (container.keys?.length ?? 0) > 0;
}

/** One payload's share of the walk. */
export interface PayloadWalk {
  values: SchemaValue[];
  unknownKeys: UnknownKey[];
  dicts: SchemaDict[];
}

/**
 * The payloads the catalog knows, the profile dict first (as `TopLevel`); empty unless the top level is a
 * `Configuration` profile (other rules report that). Cheap: no payload is walked, and nothing is kept.
 */
export function knownPayloads(profile: Profile): KnownPayload[] {
  const out: KnownPayload[] = [];
  const top = profile.top;
  const topType = top && getEntry(top, 'PayloadType')?.value;
  if (!top || topType?.kind !== 'string' || topType.value !== 'Configuration') return out;
  out.push({ payload: { dict: top, index: -1, type: TOP_LEVEL_TYPE }, payloadType: TOP_LEVEL_TYPE, schema: getTopLevelSchema(), typeNode: topType });
  for (const payload of profile.payloads) {
    const schema = payload.type === undefined ? undefined : getPayloadSchema(payload.type);
    if (!schema) continue;
    out.push({ payload, payloadType: schema.payloadType, schema, typeNode: getEntry(payload.dict, 'PayloadType')?.value as ScalarNode });
  }
  return out;
}

/**
 * The walk of one known payload: its values paired with their key schemas, its unknown keys, its dicts.
 * The profile dict's walk stops at PayloadContent, whose items are payloads of their own. Validation walks one
 * payload at a time and drops each part once every schema rule has seen it, so a big profile's walk is never
 * in memory whole.
 */
export function walkPayload(payload: KnownPayload): PayloadWalk {
  const out: PayloadWalk = { values: [], unknownKeys: [], dicts: [] };

  const visitDict = (place: Place, dict: DictNode, container: KeyContainer, os: SupportedOS, keyNode: KeyNode | undefined) => {
    out.dicts.push({ at: place, dict, container, keyNode });
    for (const entry of dict.entries) {
      const name = entry.key?.name;
      if (name === undefined || !entry.value) continue;
      const key = getMemberKey(container, name) ?? extraKey(place, name);
      if (!key) {
        out.unknownKeys.push({ payload: place.payload, payloadType: place.payloadType, path: [...place.path, name], keyNode: entry.key!, container, dict });
        continue;
      }
      visitValue(place, name, entry.value, key, os, entry.key);
    }
  };

  const visitValue = (at: Place, name: string | undefined, node: PlistNode, key: KeySchema, parentOs: SupportedOS, keyNode: KeyNode | undefined) => {
    const os = key.os ? mergeOSCached(parentOs, key.os) : parentOs;
    // A value of the right type whose key has no facts to check is of no use to any rule: most values of a
    // large profile are such, and not recording them halves the walk's cost (a container is still descended).
    if (key.os || key.values || key.range || key.format || !acceptsElement(key.type, node.kind)) {
      out.values.push(new SchemaValue(at, name, node, key, keyNode, os, parentOs));
    }
    if (node.kind !== 'dict' && node.kind !== 'array') return;
    // The profile's PayloadContent items are payloads, walked on their own with their own schemas.
    if (at.payloadType === TOP_LEVEL_TYPE && at.isPayloadLevel && name === 'PayloadContent') return;
    if (node.kind === 'dict' && key.type === 'dictionary') {
      visitDict(new Place(at.payload, at.payloadType, at, name), node, key, os, keyNode);
    } else if (node.kind === 'array' && key.type === 'array' && key.item && node.items.length > 0) {
      const inner = new Place(at.payload, at.payloadType, at, name);
      for (const item of node.items) visitValue(inner, undefined, item, key.item, os, undefined);
    }
  };

  const { schema, payloadType } = payload;
  const dict = payload.payload.dict;
  const container = payloadType === TOP_LEVEL_TYPE ? schema
    : WRAPPED_LAYOUT.has(payloadType) && getEntry(dict, 'PayloadContent')?.value?.kind === 'array' ? wrappedContainer(schema) : payloadContainer(schema);
  visitDict(new Place(payload.payload, payloadType, undefined, undefined), dict, container, schema.os ?? NO_OS, undefined);
  return out;
}

const NO_OS: SupportedOS = {};

/**
 * mergeOS, remembered per (parent, key facts) pair: both come from the catalog or from earlier merges, so the
 * pairs are few, while a large profile asks for the same merge thousands of times.
 */
const merged = new WeakMap<SupportedOS, WeakMap<SupportedOS, SupportedOS>>();

function mergeOSCached(base: SupportedOS, override: SupportedOS): SupportedOS {
  let byOverride = merged.get(base);
  if (!byOverride) merged.set(base, (byOverride = new WeakMap()));
  let out = byOverride.get(override);
  if (!out) byOverride.set(override, (out = mergeOS(base, override)));
  return out;
}

/**
 * True when the profile is evidently for Macs: it holds a payload type iOS does not have, or PayloadScope.
 * iOS-only notes (availability, supervision) are then beside the point.
 */
export function targetsMac(payloads: readonly KnownPayload[], profile: Profile): boolean {
  let answer = macAnswers.get(payloads);
  if (answer === undefined) {
    answer = payloads.some((p) => p.payloadType !== TOP_LEVEL_TYPE && !onIOS(p.schema.os ?? {}))
      || (profile.top !== undefined && getEntry(profile.top, 'PayloadScope') !== undefined);
    macAnswers.set(payloads, answer);
  }
  return answer;
}

/** targetsMac per payload list: schema rules ask once per payload. */
const macAnswers = new WeakMap<readonly KnownPayload[], boolean>();

/** What a schema rule checks about a key: presence, element type, allowed values, range. */
export type Aspect = 'required' | 'type' | 'allowed' | 'range';

/**
 * Checks the VPN rules already make on com.apple.vpn.managed, by key path from the payload dict, so that one
 * mistake gives one diagnostic (theirs, worded for the case). Array elements add no path segment.
 */
const VPN_RULES_COVER: Record<string, readonly Aspect[]> = {
  // vpn-type-invalid: missing, not a string, not one of Apple's types.
  VPNType: ['required', 'type', 'allowed'],
  // vpn-on-demand-action and vpn-on-demand-parameters: the VPN dict's on-demand rules.
  'VPN.OnDemandRules.Action': ['required', 'allowed'],
  'VPN.OnDemandRules.ActionParameters.Domains': ['required'],
  'VPN.OnDemandRules.ActionParameters.DomainAction': ['required', 'allowed'],
  // vpn-proxy-port: a port missing next to its host, not an integer, or outside 0–65535.
  'Proxies.HTTPPort': ['required', 'type', 'range'],
  'Proxies.HTTPSPort': ['required', 'type', 'range'],
};

/** True when another rule reports this aspect of the key at `where.path` (read only for VPN payloads). */
export function coveredElsewhere(where: { readonly payloadType: string; readonly path: readonly string[] }, aspect: Aspect): boolean {
  if (where.payloadType !== 'com.apple.vpn.managed') return false;
  return VPN_RULES_COVER[where.path.join('.')]?.includes(aspect) ?? false;
}

/** The value at `path` (dict keys only) from a payload dict, as `requiredWhen` conditions name it. */
export function valueAtPath(dict: DictNode, path: readonly string[]): PlistNode | undefined {
  let node: PlistNode | undefined = dict;
  for (const name of path) {
    if (node?.kind !== 'dict') return undefined;
    node = getEntry(node, name)?.value;
  }
  return node;
}

/** The scalar a node holds, in the terms of the schema's `rangelist` (undefined for containers and bad numbers). */
export function scalarOf(node: PlistNode): string | number | boolean | undefined {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'integer':
    case 'real': {
      const n = Number(node.value.trim());
      return node.value.trim() === '' || Number.isNaN(n) ? undefined : n;
    }
    case 'bool':
      return node.value;
    default:
      return undefined;
  }
}

/** iOS availability, or undefined when the facts say iOS does not have it (`introduced: n/a` or no iOS entry). */
export function onIOS(os: SupportedOS): OsSupport | undefined {
  const ios = os.iOS;
  return ios && ios.introduced !== 'n/a' ? ios : undefined;
}

/** Compares dotted version strings numerically (`9.3.1` < `10.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A value with a template placeholder (`{{ name }}`, `${NAME}`, `$NAME`, `%NAME%`): filled in later by a tool. */
export function isTemplated(value: string): boolean {
  return /\{\{.*\}\}|\{%.*%\}|\$\{[^}]*\}|\$[A-Z][A-Z0-9_]+|%[A-Za-z_][\w]*%/.test(value);
}

/** Levenshtein distance, giving up above `max` (names are short; this runs only on unknown keys). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The names among `candidates` close to `name`: a case-only match first (alone), else those at the smallest
 * edit distance, at most 2 (1 for names of up to 4 characters, where 2 edits make any short word another).
 */
export function nearestNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const all = [...candidates];
  const caseOnly = all.filter((c) => c !== name && c.toLowerCase() === lower);
  if (caseOnly.length > 0) return caseOnly;
  const max = name.length <= 4 ? 1 : 2;
  let best = max + 1;
  let found: string[] = [];
  for (const c of all) {
    const d = editDistance(lower, c.toLowerCase(), best);
    if (d < best) {
      best = d;
      found = [c];
    } else if (d === best && d <= max) {
      found.push(c);
    }
  }
  return best <= max ? found : [];
}
