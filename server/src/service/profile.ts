/**
 * A profile view over the plist tree: the top-level dict and its payloads, plus small typed accessors
 * that rules and features share so none of them walks the tree by hand.
 */
import type { ArrayNode, DictEntry, DictNode, KeyNode, ParseResult, PlistNode, ScalarNode } from './types';

/** One payload: a dict inside the top-level `PayloadContent` array (or the top-level dict itself). */
export interface Payload {
  dict: DictNode;
  /** Index in PayloadContent; -1 for the top-level profile dict. */
  index: number;
  /** The PayloadType string, if present and a string. */
  type: string | undefined;
}

export interface Profile {
  /** The top-level dict, if the root value is a dict. */
  top: DictNode | undefined;
  /** The payload dicts of PayloadContent, in document order (empty for a plain preference plist). */
  payloads: Payload[];
  /** The PayloadContent value, if present. */
  content: PlistNode | undefined;
}

const profiles = new WeakMap<ParseResult, Profile>();

/**
 * The profile view of a parse, built once per parse: diagnostics, code actions, hover and the rest share it,
 * and with it the per-profile caches hung on it (VPN payloads, the schema walk).
 */
export function buildProfile(parse: ParseResult): Profile {
  let profile = profiles.get(parse);
  if (!profile) {
    profile = computeProfile(parse);
    profiles.set(parse, profile);
  }
  return profile;
}

function computeProfile(parse: ParseResult): Profile {
  const top = parse.root?.kind === 'dict' ? parse.root : undefined;
  const payloads: Payload[] = [];
  const content = top ? getValue(top, 'PayloadContent') : undefined;
  if (content?.kind === 'array' && getString(top!, 'PayloadType') !== undefined) {
    content.items.forEach((item, index) => {
      if (item.kind === 'dict') payloads.push({ dict: item, index, type: getString(item, 'PayloadType') });
    });
  }
  return { top, payloads, content };
}

/** The first entry of a dict with this key. */
export function getEntry(dict: DictNode, key: string): DictEntry | undefined {
  for (const e of dict.entries) if (e.key?.name === key) return e;
  return undefined;
}

/** The key of the dict entry whose value is `value`. */
export function keyOfValue(dict: DictNode, value: PlistNode): KeyNode | undefined {
  for (const e of dict.entries) if (e.value === value) return e.key;
  return undefined;
}

export function getValue(dict: DictNode, key: string): PlistNode | undefined {
  return getEntry(dict, key)?.value;
}

/** A `<string>` value of a dict, or undefined if missing or of another type. */
export function getString(dict: DictNode, key: string): string | undefined {
  const v = getValue(dict, key);
  return v?.kind === 'string' ? v.value : undefined;
}

export function getStringNode(dict: DictNode, key: string): ScalarNode | undefined {
  const v = getValue(dict, key);
  return v?.kind === 'string' ? v : undefined;
}

export function getDict(dict: DictNode, key: string): DictNode | undefined {
  const v = getValue(dict, key);
  return v?.kind === 'dict' ? v : undefined;
}

export function getArray(dict: DictNode, key: string): ArrayNode | undefined {
  const v = getValue(dict, key);
  return v?.kind === 'array' ? v : undefined;
}

/** Caches keyed by tree nodes, so an in-place change to a tree can drop what it invalidated (see `forgetNodes`). */
const nodeCaches: WeakMap<PlistNode, unknown>[] = [];

/**
 * A cache of facts about a node's subtree, keyed by the node. An incremental re-parse keeps the nodes outside
 * the re-parsed container, text unchanged, and drops the entries of the container's ancestors, whose subtrees changed.
 */
export function nodeCache<T>(): WeakMap<PlistNode, T> {
  const cache = new WeakMap<PlistNode, T>();
  nodeCaches.push(cache);
  return cache;
}

/** Keyed by the root: the root is every change's ancestor, so an edit anywhere drops it. */
const containerCache = nodeCache<(DictNode | ArrayNode)[]>();

/**
 * Every dict and array of the tree, parents before children, without recursion. The list is built once
 * per tree and shared: several rules walk it on every keystroke.
 */
export function walkContainers(root: PlistNode | undefined): readonly (DictNode | ArrayNode)[] {
  if (!root) return [];
  const cached = containerCache.get(root);
  if (cached) return cached;
  const out: (DictNode | ArrayNode)[] = [];
  const stack: PlistNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'dict') {
      out.push(node);
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const v = node.entries[i].value;
        if (v && (v.kind === 'dict' || v.kind === 'array')) stack.push(v);
      }
    } else if (node.kind === 'array') {
      out.push(node);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const v = node.items[i];
        if (v.kind === 'dict' || v.kind === 'array') stack.push(v);
      }
    }
  }
  containerCache.set(root, out);
  return out;
}

/** Drops what is cached about these nodes, whose subtrees were changed in place (an incremental re-parse). */
export function forgetNodes(nodes: Iterable<PlistNode>): void {
  for (const node of nodes) for (const cache of nodeCaches) cache.delete(node);
}

/** Every node of the tree (containers and leaves), parents before children, without recursion. */
export function* walkNodes(root: PlistNode | undefined): Generator<PlistNode> {
  for (const c of walkContainers(root)) {
    yield c;
    if (c.kind === 'dict') {
      for (const e of c.entries) {
        const v = e.value;
        if (v && v.kind !== 'dict' && v.kind !== 'array') yield v;
      }
    } else {
      for (const v of c.items) if (v.kind !== 'dict' && v.kind !== 'array') yield v;
    }
  }
  if (root && root.kind !== 'dict' && root.kind !== 'array') yield root;
}

/** The innermost node whose span contains the offset. */
export function nodeAtOffset(root: PlistNode | undefined, offset: number): PlistNode | undefined {
  let node = root;
  if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
  for (;;) {
    const children: (PlistNode | undefined)[] = node.kind === 'dict' ? node.entries.map((e) => e.value) : node.kind === 'array' ? node.items : [];
    const child = children.find((c) => c && offset >= c.offset && offset <= c.offset + c.length);
    if (!child) return node;
    node = child;
  }
}
