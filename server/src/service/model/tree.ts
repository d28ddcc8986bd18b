/**
 * Typed accessors over the plist tree, shared by the model, the rules and the features so none of them walks
 * the tree by hand. Pure functions of the nodes: nothing here remembers anything.
 */
import type { ArrayNode, DictEntry, DictNode, KeyNode, PlistNode, ScalarNode } from '../types';

/** One payload: a dict inside the top-level `PayloadContent` array (or the top-level dict itself). */
export interface Payload {
  dict: DictNode;
  /** Index in PayloadContent; -1 for the top-level profile dict. */
  index: number;
  /** The PayloadType string, if present and a string. */
  type: string | undefined;
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

/** Every dict and array of the tree, parents before children, without recursion (the model keeps the list). */
export function walkContainers(root: PlistNode | undefined): readonly (DictNode | ArrayNode)[] {
  if (!root) return [];
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
  return out;
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

/**
 * The dict entry under the cursor: on its key (value undefined) or on its scalar value; undefined elsewhere
 * (on a container's own tags, or a value in an array).
 */
export function entryAt(root: PlistNode | undefined, offset: number): { dict: DictNode; key: KeyNode | undefined; value: PlistNode | undefined } | undefined {
  const node = nodeAtOffset(root, offset);
  if (!node) return undefined;
  if (node.kind === 'dict') {
    const e = node.entries.find((x) => x.key && offset >= x.key.offset && offset <= x.key.offset + x.key.length);
    return e ? { dict: node, key: e.key, value: undefined } : undefined;
  }
  if (node.kind === 'array' || node.parent?.kind !== 'dict') return undefined;
  return { dict: node.parent, key: keyOfValue(node.parent, node), value: node };
}
