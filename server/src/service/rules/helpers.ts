/**
 * Small helpers shared by several rules: where a problem points (the smallest meaningful span) and how many
 * related places a "used N times" problem lists.
 */
import type { DictEntry, DictNode, KeyNode, PlistNode } from '../types';

export interface Span {
  offset: number;
  length: number;
}

/** How many other places a "used N times" problem lists: enough to find them, not N² objects for N copies. */
export const MAX_RELATED = 20;

/** The text of a leaf value (the whole element for booleans, containers and empty values). */
export function valueSpan(node: PlistNode): Span {
  if (node.kind === 'bool' || node.kind === 'dict' || node.kind === 'array' || node.valueLength === 0) {
    return { offset: node.offset, length: node.length };
  }
  return { offset: node.valueOffset, length: node.valueLength };
}

/** The name text of a `<key>` (the whole `<key/>` when it is empty): where problems about a key name point. */
export function keyNameSpan(key: KeyNode): Span {
  return key.valueLength > 0 ? { offset: key.valueOffset, length: key.valueLength } : { offset: key.offset, length: key.length };
}

/** The `<key>…</key>` element of an entry, for problems about a key whose value is long or beside the point. */
export function keyElementSpan(entry: DictEntry): Span {
  return entry.key ? { offset: entry.key.offset, length: entry.key.length } : valueSpan(entry.value!);
}

/** The start tag of a dict (all of `<dict/>`): a missing key is reported there, not over the whole dict. */
export function startTagSpan(text: string, dict: DictNode): Span {
  if (dict.selfClosing) return { offset: dict.offset, length: dict.length };
  const end = text.indexOf('>', dict.offset);
  return { offset: dict.offset, length: end < 0 || end > dict.offset + dict.length ? dict.length : end - dict.offset + 1 };
}
