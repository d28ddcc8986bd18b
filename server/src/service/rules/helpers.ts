/**
 * Small helpers shared by several rules: where a problem points (the smallest meaningful span) and how many
 * related places a "used N times" problem lists.
 */
import type { ProfileModel } from '../model';
import { getEntry } from '../model/tree';
import type { DictEntry, DictNode, KeyNode, PlistNode, Problem } from '../types';

export interface Span {
  offset: number;
  length: number;
}

/** How many other places a "used N times" problem lists: enough to find them, not N² objects for N copies. */
export const MAX_RELATED = 20;

/** The first MAX_RELATED items of `all` other than `one`, without a pass over all of them for each one. */
export function othersOf<T>(all: readonly T[], one: T): T[] {
  const out: T[] = [];
  for (const x of all) {
    if (x === one) continue;
    out.push(x);
    if (out.length === MAX_RELATED) break;
  }
  return out;
}

/**
 * The value of `key` in a payload dict (the profile dict included) that a problem still points at: its text span
 * (or, for `element`, the whole element) must be exactly the problem's. A fix recomputes its target this way and
 * refuses when the client's range is stale, instead of replacing whatever text the range now covers.
 */
export function payloadValueAt(model: ProfileModel, key: string, problem: Problem, span: 'text' | 'element' | 'either' = 'text'): PlistNode | undefined {
  for (const { dict } of model.allPayloads) {
    const v = getEntry(dict, key)?.value;
    if (!v) continue;
    const text = v.kind !== 'bool' && v.kind !== 'dict' && v.kind !== 'array' && v.valueOffset === problem.offset && v.valueLength === problem.length;
    const element = v.offset === problem.offset && v.length === problem.length;
    if ((span !== 'element' && text) || (span !== 'text' && element)) return v;
  }
  return undefined;
}

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
