/**
 * The data shapes shared by the parser, the rules and the features of the pure language service.
 * Everything here is plain data: offsets into the document text, never LSP ranges.
 */

/** The value kinds of an XML property list. `unknown` stands for an element the plist DTD does not know. */
export type NodeKind = 'dict' | 'array' | 'string' | 'integer' | 'real' | 'bool' | 'date' | 'data' | 'unknown';

interface NodeBase {
  /** Offset of the element's `<` in the document text. */
  offset: number;
  /** Length of the whole element, from `<` to the last `>` of its end tag (or of `<x/>`). */
  length: number;
  /** The dict or array holding this node; undefined for the root value. */
  parent: DictNode | ArrayNode | undefined;
}

/** A leaf value: string, integer, real, date, data or an unknown element. */
export interface ScalarNode extends NodeBase {
  /** The element: its name is the kind, except for `unknown` (see `elementName`). */
  kind: 'string' | 'integer' | 'real' | 'date' | 'data' | 'unknown';
  /** The decoded text content (entities and CDATA resolved). For `data`, the raw base64 text is not copied: use `rawText`. */
  value: string;
  /** Offset of the first character between start and end tag; for `<x/>` the offset just before `/>`. */
  valueOffset: number;
  /** Length of the raw text between start and end tag (0 for `<x/>`). */
  valueLength: number;
}

export interface BoolNode extends NodeBase {
  kind: 'bool';
  value: boolean;
}

/** A `<key>` element of a dict. */
export interface KeyNode {
  offset: number;
  length: number;
  /** The decoded key name. */
  name: string;
  /** Where the name's raw text is (between `<key>` and `</key>`). */
  valueOffset: number;
  valueLength: number;
}

/**
 * One key/value pair of a dict. Either side may be missing in a broken document. The parser makes one object
 * per pair that is also its `key` (a large profile has tens of thousands of pairs; two objects each cost memory).
 */
export interface DictEntry {
  readonly key: KeyNode | undefined;
  value: PlistNode | undefined;
}

export interface DictNode extends NodeBase {
  kind: 'dict';
  entries: DictEntry[];
  /** True for `<dict/>`. */
  selfClosing: boolean;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: PlistNode[];
  selfClosing: boolean;
}

export type PlistNode = ScalarNode | BoolNode | DictNode | ArrayNode;

/** The built-in severities; `off` in settings disables a rule. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A related location for a problem, e.g. the other place a duplicated UUID is used. */
export interface RelatedOffset {
  offset: number;
  length: number;
  message: string;
}

/** A problem found by the parser or a rule, located by offsets. */
export interface Problem {
  /** The rule id, used as the LSP diagnostic `code`. */
  code: string;
  message: string;
  offset: number;
  length: number;
  /** Overrides the rule's default severity for this one problem (settings still win). */
  severity?: Severity;
  related?: RelatedOffset[];
  /** Rule-specific data a quick fix needs again (kept small and JSON-serialisable). */
  data?: unknown;
}

/** One text replacement by offsets in the document (insert: length 0; delete: newText ''). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** What kind of file the text is, decided before any XML parsing. */
export type ContainerKind = 'xml' | 'binary-plist' | 'signed' | 'empty' | 'not-plist';

/** The result of parsing: never thrown, always a (possibly empty) tree plus problems. */
export interface ParseResult {
  /** The root value inside `<plist>`, if any. */
  root: PlistNode | undefined;
  problems: Problem[];
  container: ContainerKind;
  /** For a signed profile, where the embedded XML plist starts and ends in the text. */
  embedded?: { offset: number; length: number };
  /** Every XML comment, for folding and for keeping comments when editing. */
  comments: { offset: number; length: number }[];
}

/** Per-rule severity overrides: a rule id mapped to a severity or `off`. */
export type RuleSeverities = Record<string, Severity | 'off'>;

/** Profiles the workspace scan left out: it stops at `limit` profiles, and skips links and oversized files. */
export interface WorkspaceScanGaps {
  /** Set when the scan stopped after this many profiles: the rest of the workspace was not read. */
  limit?: number;
  /** Profiles found but not read, by workspace-relative path. */
  skipped: { path: string; reason: 'symlink' | 'too-large' | 'unreadable' }[];
}

/** Settings for every service call, with defaults filled in by `resolveSettings`. */
export interface ServiceSettings {
  /** `standalone`: installed as it is. `portal`: uploaded to a carrier portal that injects the certificate. */
  mode: 'standalone' | 'portal';
  /** Severity overrides by rule id. */
  rules: RuleSeverities;
  /** Locale for messages (`en`, `ja`); anything else falls back to English. */
  locale: string;
  /** VPNSubType values that select the new Cisco AnyConnect app. */
  anyconnectNewSubtypes: string[];
  /** VPNSubType values that select the Cisco Legacy AnyConnect app. */
  anyconnectLegacySubtypes: string[];
  /**
   * Profile names of the other profiles in the workspace, for portal-mode uniqueness (filled by the server).
   * `path` is what messages show: workspace-relative and decoded (the uri's last segment when absent).
   */
  workspaceProfileNames: { name: string; uri: string; path?: string }[];
  /** What the workspace scan behind `workspaceProfileNames` did not read, so a unique name is not taken on trust. */
  workspaceScanGaps: WorkspaceScanGaps;
  /** Above this many characters, only parse errors are reported, plus one note. */
  maxDocumentSize: number;
  /** At most this many diagnostics per file. */
  maxDiagnostics: number;
  /** Deeper nesting than this is reported and not descended into. */
  maxNestingDepth: number;
  /** The oldest iOS version the profile must work on (e.g. `15.0`); keys introduced later are reported. Empty: no check. */
  minimumIOS: string;
}

export const defaultSettings: ServiceSettings = {
  mode: 'standalone',
  rules: {},
  locale: 'en',
  anyconnectNewSubtypes: ['com.cisco.anyconnect'],
  anyconnectLegacySubtypes: ['com.cisco.anyconnect.applevpn.plugin'],
  workspaceProfileNames: [],
  workspaceScanGaps: { skipped: [] },
  maxDocumentSize: 50 * 1024 * 1024,
  maxDiagnostics: 1000,
  maxNestingDepth: 200,
  minimumIOS: '',
};
