/**
 * Shapes of the payload catalog: the compact data the generator writes (`*Data`) and the hydrated,
 * read-only schema the accessor hands out (`*Schema`). Facts from Apple's schema only, no prose.
 */

/** A value kind as Apple's schema names it, without the angle brackets (`<string>` → `string`). */
export type ValueType = 'string' | 'integer' | 'real' | 'boolean' | 'date' | 'data' | 'array' | 'dictionary' | 'any';

/** A scalar that can appear in `values` (Apple's `rangelist`) or as a default. */
export type ScalarValue = string | number | boolean;

/** How a payload or key behaves under user enrollment or on a shared iPad (Apple's `mode`). */
export type UsageMode = 'allowed' | 'required' | 'forbidden' | 'ignored';

/** The operating systems Apple's schema describes. */
export type OsName = 'iOS' | 'macOS' | 'tvOS' | 'visionOS' | 'watchOS';

/** Availability on one OS. Versions are strings as Apple writes them; `introduced: 'n/a'` means not supported. */
export interface OsSupport {
  introduced?: string;
  deprecated?: string;
  removed?: string;
  /** True: only on supervised devices. */
  supervised?: boolean;
  userEnrollment?: UsageMode;
  sharedIPad?: UsageMode;
  /** Payload level: more than one payload of this type may be installed. */
  multiple?: boolean;
  /** Payload level: a user may install it by hand (false: MDM only). */
  allowManualInstall?: boolean;
  deviceChannel?: boolean;
  userChannel?: boolean;
  requiresDEP?: boolean;
  userApprovedMDM?: boolean;
}

/**
 * Availability per OS. On a key it holds only what the key overrides: the effective value is the
 * payload's, updated by each enclosing key's, then the key's own (Apple's docs/schema.md, supportedOS notes).
 */
export type SupportedOS = { [os in OsName]?: OsSupport };

/** A numeric bound pair, for `range` and `repetition`. */
export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * A condition on another key of the same payload, by path from the payload dict. It holds when that
 * key's value is one of `in`, or, with `present`, when that key is present at all.
 */
export interface Condition {
  path: readonly string[];
  in?: readonly ScalarValue[];
  present?: true;
}

/** Fields a key has in both the stored data and the hydrated schema. */
interface KeyFacts {
  /** The key name; for an array element, Apple's placeholder name for the element (never a real key). */
  name: string;
  type: ValueType;
  /** Absent on array elements, where Apple states none. */
  presence?: 'required' | 'optional';
  /** Allowed values (Apple's `rangelist`), in Apple's order. */
  values?: readonly ScalarValue[];
  range?: Bounds;
  default?: ScalarValue;
  /** A regular expression the string value must match, as Apple writes it. */
  format?: string;
  /** A named string format (Apple's `valuetype`, or the deprecated `subtype`): `hostname`, `url`, … */
  valueType?: string;
  repetition?: Bounds;
  os?: SupportedOS;
  /** Apple's `subkeytype`: a name for the structure the key holds (e.g. `IconItem`). */
  structName?: string;
  /** Overlay only: required when any of these conditions holds (on top of `presence`). */
  requiredWhen?: readonly Condition[];
}

/** A container's members: dictionary keys, a wildcard for any key name, or an array's element. */
export interface ContainerData {
  keys?: KeyData[];
  /** Apple's `ANY` key: the dictionary accepts keys of any name, each with this schema. */
  anyKey?: KeyData;
  /** The array's single element schema (Apple's single subkey). */
  item?: KeyData;
}

/** A key as stored by the generator. `ref` names a shared container in the payload's `defs`. */
export interface KeyData extends KeyFacts, ContainerData {
  ref?: string;
}

/** One source YAML of a payload type that Apple splits over several files (e.g. `com.apple.MCX`). */
export interface VariantData {
  file: string;
  docUrl?: string;
  /** Names of the top-level keys this file defines. */
  keys: string[];
}

/** A payload type as stored by the generator. */
export interface PayloadData {
  payloadType: string;
  /** Source file(s) under mdm/profiles, sorted. */
  files: string[];
  /** Apple's documentation page, derived from the schema title the way Apple names its pages. */
  docUrl?: string;
  os?: SupportedOS;
  keys: KeyData[];
  anyKey?: KeyData;
  /** Structures shared through YAML anchors (some recursive), referenced by `KeyData.ref`. */
  defs?: Record<string, ContainerData>;
  variants?: VariantData[];
}

/** A key Apple's schema had and no longer has: by payload type (`TopLevel` for the profile dict) and key path. */
export interface RemovedKey {
  payloadType: string;
  /** Key names from the payload dict (array elements add no name), as the schema walk builds paths. */
  path: readonly string[];
  /** The release of Apple's schema that dropped it, e.g. `26`. */
  release: string;
}

/** What Apple's schema dropped since the release before, so a profile still using it hears "removed", not "unknown". */
export interface RemovedData {
  /** Payload type → the release that dropped it. */
  payloads: Record<string, string>;
  keys: readonly RemovedKey[];
}

/** The whole generated catalog. */
export interface CatalogData {
  /** Where the facts come from (repository and commit), for the record. */
  source: string;
  /** The release of Apple's schema (e.g. `27`), named in messages and hover. */
  release: string;
  removed: RemovedData;
  /** Keys of the profile's outermost dict (Apple's TopLevel.yaml). */
  topLevel: PayloadData;
  /** Keys every payload dict may hold (Apple's CommonPayloadKeys.yaml). */
  common: PayloadData;
  /** Payload types, sorted by name. */
  payloads: Record<string, PayloadData>;
}

/** A hydrated key: containers resolved to objects (possibly shared or cyclic), overlay applied. Read-only. */
export interface KeySchema extends Readonly<KeyFacts> {
  readonly keys?: readonly KeySchema[];
  readonly anyKey?: KeySchema;
  readonly item?: KeySchema;
  /** Set when the key comes from our overlay rather than Apple's schema. */
  readonly origin?: 'overlay';
  /** Set when the key is inherited from another payload type (e.g. App-Layer VPN from VPN). */
  readonly inheritedFrom?: string;
}

/** A hydrated payload type. Read-only. */
export interface PayloadSchema {
  readonly payloadType: string;
  readonly files: readonly string[];
  readonly docUrl?: string;
  readonly os?: SupportedOS;
  readonly keys: readonly KeySchema[];
  readonly anyKey?: KeySchema;
  readonly variants?: readonly VariantData[];
}
