/**
 * The one schema resolver: which catalog container each dict of a profile follows, and which key schema (with
 * its effective OS availability) each value has. The schema rules read it as a walk of each payload; hover,
 * completion and code actions ask it about one dict (`resolveDict`), through the same steps, so the answers agree.
 */
import {
  getAnywhereKey, getCommonPayloadSchema, getMemberKey, getPayloadContainer, getPayloadSchema, getTopLevelSchema, hasWrappedLayout, mergeOS,
} from '../catalog';
import type { KeyContainer, KeySchema, OsSupport, PayloadSchema, SupportedOS, ValueType } from '../catalog';
import { getEntry, keyOfValue, Payload } from './tree';
import type { DictNode, KeyNode, NodeKind, PlistNode, ScalarNode } from '../types';

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
 * since a large profile has many values and most are never reported.
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
  /** Availability of the dict itself. */
  os: SupportedOS;
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

/** Merges OS facts; `memo` remembers merges per (parent, key facts) pair, which a large profile repeats thousands of times. */
export type OsMerge = (base: SupportedOS, override: SupportedOS) => SupportedOS;

/** An `OsMerge` that remembers its results (one per model: it dies with it). */
export function memoisedOsMerge(): OsMerge {
  const merged = new WeakMap<SupportedOS, WeakMap<SupportedOS, SupportedOS>>();
  return (base, override) => {
    let byOverride = merged.get(base);
    if (!byOverride) merged.set(base, (byOverride = new WeakMap()));
    let out = byOverride.get(override);
    if (!out) byOverride.set(override, (out = mergeOS(base, override)));
    return out;
  };
}

/** The schema of a member `name` of a dict at `place` following `container`: the catalog's, else the overlay's any-depth keys. */
function memberKey(place: Place, container: KeyContainer, name: string): KeySchema | undefined {
  return getMemberKey(container, name) ?? getAnywhereKey(place.payloadType, name);
}

/** The container of a payload dict: the profile dict's own schema, or the payload's keys (wrapped layout if written so). */
function rootContainer(payload: KnownPayload): KeyContainer {
  const { schema, payloadType } = payload;
  if (payloadType === TOP_LEVEL_TYPE) return schema;
  const wrapped = hasWrappedLayout(payloadType) && getEntry(payload.payload.dict, 'PayloadContent')?.value?.kind === 'array';
  return getPayloadContainer(schema, wrapped);
}

/** True when a value under `key` at `at` is walked into: the profile's PayloadContent items are payloads of their own. */
function descends(at: Place, name: string | undefined): boolean {
  return !(at.payloadType === TOP_LEVEL_TYPE && at.isPayloadLevel && name === 'PayloadContent');
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
 * `Configuration` profile (other rules report that).
 */
export function knownPayloads(top: DictNode | undefined, payloads: readonly Payload[]): KnownPayload[] {
  const out: KnownPayload[] = [];
  const topType = top && getEntry(top, 'PayloadType')?.value;
  if (!top || topType?.kind !== 'string' || topType.value !== 'Configuration') return out;
  out.push({ payload: { dict: top, index: -1, type: TOP_LEVEL_TYPE }, payloadType: TOP_LEVEL_TYPE, schema: getTopLevelSchema(), typeNode: topType });
  for (const payload of payloads) {
    const schema = payload.type === undefined ? undefined : getPayloadSchema(payload.type);
    if (!schema) continue;
    out.push({ payload, payloadType: schema.payloadType, schema, typeNode: getEntry(payload.dict, 'PayloadType')?.value as ScalarNode });
  }
  return out;
}

/**
 * The walk of one known payload: its values paired with their key schemas, its unknown keys, its dicts.
 * The profile dict's walk stops at PayloadContent, whose items are payloads of their own.
 */
export function walkPayload(payload: KnownPayload, merge: OsMerge = mergeOS): PayloadWalk {
  const out: PayloadWalk = { values: [], unknownKeys: [], dicts: [] };

  const visitDict = (place: Place, dict: DictNode, container: KeyContainer, os: SupportedOS, keyNode: KeyNode | undefined) => {
    out.dicts.push({ at: place, dict, container, keyNode, os });
    for (const entry of dict.entries) {
      const name = entry.key?.name;
      if (name === undefined || !entry.value) continue;
      const key = memberKey(place, container, name);
      if (!key) {
        out.unknownKeys.push({ payload: place.payload, payloadType: place.payloadType, path: [...place.path, name], keyNode: entry.key!, container, dict });
        continue;
      }
      visitValue(place, name, entry.value, key, os, entry.key);
    }
  };

  const visitValue = (at: Place, name: string | undefined, node: PlistNode, key: KeySchema, parentOs: SupportedOS, keyNode: KeyNode | undefined) => {
    const os = key.os ? merge(parentOs, key.os) : parentOs;
    // A value of the right type whose key has no facts to check is of no use to any rule: most values of a
    // large profile are such, so they are not recorded (a container is still descended).
    if (key.os || key.values || key.range || key.format || !acceptsElement(key.type, node.kind)) {
      out.values.push(new SchemaValue(at, name, node, key, keyNode, os, parentOs));
    }
    if ((node.kind !== 'dict' && node.kind !== 'array') || !descends(at, name)) return;
    if (node.kind === 'dict' && key.type === 'dictionary') {
      visitDict(new Place(at.payload, at.payloadType, at, name), node, key, os, keyNode);
    } else if (node.kind === 'array' && key.type === 'array' && key.item && node.items.length > 0) {
      const inner = new Place(at.payload, at.payloadType, at, name);
      for (const item of node.items) visitValue(inner, undefined, item, key.item, os, undefined);
    }
  };

  visitDict(new Place(payload.payload, payload.payloadType, undefined, undefined), payload.payload.dict, rootContainer(payload), payload.schema.os ?? NO_OS, undefined);
  return out;
}

/** What the resolver says of one dict: its place and container (undefined where the schema does not say). */
export interface ResolvedDict {
  at: Place | undefined;
  container: KeyContainer | undefined;
  /** Availability of the dict itself (the payload's, then each enclosing key's). */
  os: SupportedOS;
  /** The enclosing payload's schema; undefined for the profile dict's subtree and unknown payload types. */
  schema: PayloadSchema | undefined;
}

/**
 * The schema a dict follows, found by walking up to its payload dict and back down through the same steps as
 * `walkPayload`. `known` are the profile's known payloads; `payloadOf` finds the payload a payload dict is.
 * A payload of a type the catalog does not know still has the common Payload* keys.
 */
export function resolveDict(dict: DictNode, known: readonly KnownPayload[], payloadOf: (dict: DictNode) => Payload | undefined, merge: OsMerge = mergeOS): ResolvedDict {
  const none: ResolvedDict = { at: undefined, container: undefined, os: NO_OS, schema: undefined };
  // The nodes from the payload dict (or the outer dict) down to `dict`.
  const chain: PlistNode[] = [dict];
  let root: KnownPayload | undefined;
  for (let node: PlistNode = dict; ; ) {
    const payload = node.kind === 'dict' ? payloadOf(node) : undefined;
    if (payload && payload.index >= 0) {
      root = known.find((k) => k.payload.dict === payload.dict);
      if (root) break;
      if (node !== dict) return none;
      const common = getCommonPayloadSchema();
      return { at: undefined, container: common, os: common.os ?? NO_OS, schema: undefined };
    }
    if (!node.parent) {
      if (node.kind !== 'dict') return none;
      // The outer dict of a profile that is not a `Configuration` (or has no PayloadType) still reads as one.
      root = known.find((k) => k.payload.dict === node)
        ?? { payload: { dict: node, index: -1, type: TOP_LEVEL_TYPE }, payloadType: TOP_LEVEL_TYPE, schema: getTopLevelSchema(), typeNode: undefined };
      break;
    }
    node = node.parent;
    chain.unshift(node);
  }
  // The same steps as `walkPayload`'s visitDict and visitValue, along one path.
  let at = new Place(root.payload, root.payloadType, undefined, undefined);
  let container = rootContainer(root);
  let os = root.schema.os ?? NO_OS;
  for (let i = 1; i < chain.length; i++) {
    const name = keyOfValue(chain[i - 1] as DictNode, chain[i])?.name;
    if (name === undefined || !descends(at, name)) return none;
    let key = memberKey(at, container, name);
    if (!key) return none;
    let nodeOs = key.os ? merge(os, key.os) : os;
    let place = at;
    let label: string | undefined = name;
    while (chain[i].kind === 'array') {
      if (key.type !== 'array' || !key.item) return none;
      place = new Place(place.payload, place.payloadType, place, label);
      label = undefined;
      i++;
      key = key.item;
      nodeOs = key.os ? merge(nodeOs, key.os) : nodeOs;
    }
    if (key.type !== 'dictionary') return none;
    at = new Place(place.payload, place.payloadType, place, label);
    container = key;
    os = nodeOs;
  }
  return { at, container, os, schema: root.payloadType === TOP_LEVEL_TYPE ? undefined : root.schema };
}

const NO_OS: SupportedOS = {};

/**
 * True when the profile is evidently for Macs: it holds a payload type iOS does not have, or PayloadScope.
 * iOS-only notes (availability, supervision) are then beside the point.
 */
export function targetsMac(payloads: readonly KnownPayload[], top: DictNode | undefined): boolean {
  return payloads.some((p) => p.payloadType !== TOP_LEVEL_TYPE && !onIOS(p.schema.os ?? {}))
    || (top !== undefined && getEntry(top, 'PayloadScope') !== undefined);
}

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
