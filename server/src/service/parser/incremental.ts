/**
 * Re-parsing after an edit: only the innermost dict or array holding the changed text is parsed again, and
 * the rest of the previous tree is kept, its offsets shifted. A typing user changes one value at a time; on a
 * 1 MB profile this replaces a full parse (about 6 ms and 2 MB of new objects) with a scan for the changed
 * span and a small parse.
 *
 * A node kept from the previous tree has the same text as before (only its offsets move), so a fact derived
 * from a node's own text may be cached per node object. Its ancestors' subtrees did change: facts about a
 * subtree are cached per node (`nodeCache`); the caller drops those of the nodes a re-parse reports as changed.
 *
 * The previous tree is updated in place and must not be used afterwards (the server keeps one parse per
 * document and replaces it). Whenever the shortcut cannot give exactly what a full parse would (the edit
 * touches a tag of the container, the new text has a parse problem there, the file is signed...), it returns
 * undefined and the caller parses the whole text.
 */
import type { ArrayNode, DictEntry, DictNode, KeyNode, ParseResult, PlistNode, Problem } from '../types';
import { IrregularEntry, Leaf, NUL_MESSAGE, parseFragment, ParseOptions, ParserCodes } from './plistParser';

type Container = DictNode | ArrayNode;
type Span = { offset: number; length: number };

/** Texts compared in chunks: a slice is a view and `===` compares natively, far faster than charCodeAt. */
const CHUNK = 2048;

/** Length of the common prefix of a and b. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b, not reaching into the first `floor` characters of either. */
export function commonSuffix(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let k = 0;
  while (k + CHUNK <= n && a.slice(a.length - k - CHUNK, a.length - k) === b.slice(b.length - k - CHUNK, b.length - k)) k += CHUNK;
  while (k < n && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

/**
 * The parse of `text`, made from the parse of `previousText` (which it updates in place), or undefined when
 * only a full parse can give the right result.
 */
export function reparse(previous: ParseResult, previousText: string, text: string, options: ParseOptions): Reparsed | undefined {
  if (previous.container !== 'xml' || !previous.root) return undefined;
  if (previousText === text) return { parse: previous, changed: [] };
  const start = commonPrefix(previousText, text);
  const suffix = commonSuffix(previousText, text, start);
  const oldEnd = previousText.length - suffix;
  const delta = text.length - previousText.length;

  // The innermost container whose content (between its start and end tags) holds the whole change, and where
  // it sits in its parent (found on the way down, so the parent is not searched again).
  const chain: Container[] = [];
  const slots: (Slot | undefined)[] = [];
  let node: PlistNode | undefined = previous.root;
  while (node && (node.kind === 'dict' || node.kind === 'array') && holdsChange(previousText, node, start, oldEnd)) {
    chain.push(node);
    const slot = childAround(node, start, oldEnd);
    slots.push(slot);
    node = slot?.node;
  }
  const target = chain[chain.length - 1];
  if (!target) return undefined;

  const maxDepth = (options.maxNestingDepth ?? 200) - (chain.length - 1);
  const newEnd = target.offset + target.length + delta;
  const fresh = parseFragment(text, target.offset, newEnd, { maxNestingDepth: maxDepth });
  const root = fresh.root;
  if (!root || fresh.problems.length > 0 || root.kind !== target.kind || root.offset !== target.offset || root.offset + root.length !== newEnd) {
    return undefined;
  }
  const targetEnd = target.offset + target.length;
  // A problem at the container's own start may come from its context (a value without a key) or from its
  // own old content (an unclosed tag): the two cannot be told apart, so a full parse decides. So it does when
  // the container held a problem reported once per document (the first NUL, the first too-deep container):
  // the next one elsewhere is the full parse's to find.
  if (previous.problems.some((p) => p.offset === target.offset
    || (p.offset > target.offset && p.offset < targetEnd && (p.message === NUL_MESSAGE || p.code === ParserCodes.tooDeep)))) return undefined;
  // Problems and comments of the old tree: those inside the container go, those after it move.
  const problems = moveSpans(previous.problems, target.offset, targetEnd, delta);
  const comments = moveSpans(previous.comments, target.offset, targetEnd, delta);
  if (!problems || !comments) return undefined;

  shiftAfter(previous.root, target, start, targetEnd, delta);
  for (const ancestor of chain.slice(0, -1)) ancestor.length += delta;
  const parent = target.parent;
  root.parent = parent;
  // The parent's slot for the container (the previous step of the way down), or the root itself.
  const slot = slots[slots.length - 2];
  if (slot?.entry) slot.entry.value = root;
  else if (slot && parent?.kind === 'array') parent.items[slot.index] = root;
  return {
    parse: { root: parent ? previous.root : root, problems, container: 'xml', comments: mergeSorted(comments, fresh.comments) },
    changed: chain.slice(0, -1),
  };
}

/** A child of a container: the node, and its dict entry or array index. */
interface Slot {
  node: PlistNode;
  entry: DictEntry | undefined;
  index: number;
}

/** A re-parse: the new parse, and the kept containers whose subtrees changed (the re-parsed one's ancestors). */
export interface Reparsed {
  parse: ParseResult;
  changed: readonly PlistNode[];
}

/** True when [from, to) lies inside the container's content: after its start tag's `>` and before its end tag's `<`. */
function holdsChange(text: string, node: Container, from: number, to: number): boolean {
  if (node.selfClosing || from <= node.offset || to >= node.offset + node.length) return false;
  const contentStart = text.indexOf('>', node.offset) + 1;
  const contentEnd = text.lastIndexOf('<', node.offset + node.length - 1);
  return contentStart > 0 && contentStart <= from && to <= contentEnd && text.startsWith('</', contentEnd);
}

/** The child whose span holds [from, to), if any. */
function childAround(node: Container, from: number, to: number): Slot | undefined {
  const inside = (c: PlistNode | undefined) => c !== undefined && c.offset < from && to < c.offset + c.length;
  if (node.kind === 'dict') {
    for (const e of node.entries) if (inside(e.value)) return { node: e.value!, entry: e, index: -1 };
  } else {
    for (let i = 0; i < node.items.length; i++) if (inside(node.items[i])) return { node: node.items[i], entry: undefined, index: i };
  }
  return undefined;
}

/**
 * Spans outside [from, to) kept, those after it moved by delta, those inside dropped; one that encloses the
 * whole range grows by delta. A span that straddles an edge cannot be placed: undefined.
 */
function moveSpans<T extends Span>(spans: readonly T[], from: number, to: number, delta: number): T[] | undefined {
  const out: T[] = [];
  for (const s of spans) {
    const end = s.offset + s.length;
    if (end <= from && !(s.length === 0 && s.offset === from)) out.push(s);
    else if (s.offset >= to) out.push({ ...s, offset: s.offset + delta });
    else if (s.offset >= from && end <= to) continue;
    else if (s.offset < from && end >= to) out.push({ ...s, length: s.length + delta });
    else return undefined;
  }
  return out;
}

function mergeSorted(a: Span[], b: Span[]): Span[] {
  return b.length === 0 ? a : [...a, ...b].sort((x, y) => x.offset - y.offset);
}

/**
 * Moves every node and key that starts at or after `after` by delta. Subtrees that end before the change
 * are skipped, and so is the replaced container; the ones spanning it (its ancestors) are only descended into.
 */
function shiftAfter(root: PlistNode, replaced: PlistNode, changeStart: number, after: number, delta: number): void {
  const stack: PlistNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === replaced || node.offset + node.length <= changeStart) continue;
    if (node.offset >= after) {
      shiftAll(node, delta);
      continue;
    }
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        const key = e.key;
        if (key && key.offset >= after) moveKey(key, delta);
        if (e.value) stack.push(e.value);
      }
    } else if (node.kind === 'array') {
      for (const c of node.items) stack.push(c);
    }
  }
}

function shiftAll(root: PlistNode, delta: number): void {
  const stack: PlistNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.offset += delta;
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        const key = e.key;
        if (key) moveKey(key, delta);
        if (e.value) stack.push(e.value);
      }
    } else if (node.kind === 'array') {
      for (const c of node.items) stack.push(c);
    } else if (node instanceof Leaf) {
      // A plain leaf's text span follows from its offset; only a stored one moves on its own.
      node.valueOffset += delta;
    }
  }
}

function moveKey(key: KeyNode, delta: number): void {
  key.offset += delta;
  if (key instanceof IrregularEntry) key.valueOffset += delta;
}
