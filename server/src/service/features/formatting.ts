/**
 * Format Document / Format Selection, laid out as Apple's tools write a plist: one element per line, tab (or the
 * editor's) indentation, `<dict/>` for empty containers. Only the white space between elements is ever edited:
 * every value, key and comment is a token copied as written, so no value can change and formatting is idempotent.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DictNode, KeyNode, ParseResult, PlistNode } from '../types';

/** The editor's formatting options that matter here (LSP `FormattingOptions` has them). */
export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">';

/** Parser problems after which the tree does not hold every element of the text, so formatting would lose some. */
const REFUSE: readonly string[] = ['xml-malformed', 'plist-too-deep', 'plist-misplaced-key'];

/**
 * One piece of the output: the text at [start, end) of the document, written as `text` on its own line at
 * `depth`. An added piece (the XML declaration or DOCTYPE when missing) has start === end.
 */
interface Token {
  start: number;
  end: number;
  text: string;
  depth: number;
}

/** Text edits on offsets, merged and converted to LSP ranges at the end. */
interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The widest indentation step accepted from a client; more is a mistake, or an attempt to make the output huge. */
export const MAX_TAB_SIZE = 16;

/** The client's tab size as a whole number in [1, MAX_TAB_SIZE]; 4 when it is not a number at all. */
function indentSize(tabSize: unknown): number {
  if (typeof tabSize !== 'number' || !Number.isFinite(tabSize)) return tabSize === Infinity ? MAX_TAB_SIZE : 4;
  return Math.min(MAX_TAB_SIZE, Math.max(1, Math.floor(tabSize)));
}

/**
 * Edits that format the whole document, or with `range` the smallest complete element covering it that stands on
 * its own lines. Returns [] for anything it cannot format safely: malformed XML, a signed or binary file, or
 * content between elements that is not white space or a comment.
 */
export function formatDocument(document: TextDocument, parse: ParseResult, options: FormatOptions, range?: Range): TextEdit[] {
  if (parse.container !== 'xml' || !parse.root || parse.problems.some((p) => REFUSE.includes(p.code))) return [];
  const text = document.getText();
  const unit = options.insertSpaces === true ? ' '.repeat(indentSize(options.tabSize)) : '\t';
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const edits = range ? formatRange(document, text, parse, range, eol, unit) : formatAll(text, parse, eol, unit);
  if (!edits) return [];
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}

function formatAll(text: string, parse: ParseResult, eol: string, unit: string): OffsetEdit[] | undefined {
  const root = parse.root!;
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const prolog = scanProlog(text, begin, root.offset);
  if (!prolog) return undefined;
  const tokens: Token[] = [...prolog.tokens];
  const comments = new CommentCursor(parse.comments, prolog.plistTagEnd);
  emitNode(text, root, 0, comments, tokens);
  const epilog = scanEpilog(text, root.offset + root.length);
  if (!epilog) return undefined;
  tokens.push(...epilog);
  // Everything from the start of the text to its end is tokens and the gaps between them; the text ends with a line break.
  return gapEdits(text, tokens, begin, '', text.length, eol, eol, unit);
}

/** Formats the smallest element covering the range, widened to an ancestor until it stands on its own lines. */
function formatRange(document: TextDocument, text: string, parse: ParseResult, range: Range, eol: string, unit: string): OffsetEdit[] | undefined {
  const root = parse.root!;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  if (start <= root.offset && end >= root.offset + root.length) return formatAll(text, parse, eol, unit);
  let target: PlistNode | KeyNode | undefined = smallestCovering(root, start, end);
  while (target) {
    const lineStart = text.lastIndexOf('\n', target.offset - 1) + 1;
    const targetEnd = target.offset + target.length;
    let lineEnd = text.indexOf('\n', targetEnd);
    if (lineEnd < 0) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r' && lineEnd - 1 >= targetEnd) lineEnd--;
    if (isBlank(text, lineStart, target.offset) && isBlank(text, targetEnd, lineEnd)) {
      const tokens: Token[] = [];
      const depth = depthOf(root, target);
      if ('kind' in target) emitNode(text, target, depth, new CommentCursor(parse.comments, target.offset), tokens);
      else tokens.push({ start: target.offset, end: targetEnd, text: text.slice(target.offset, targetEnd), depth });
      return gapEdits(text, tokens, lineStart, unit.repeat(depth), lineEnd, '', eol, unit);
    }
    target = 'kind' in target ? target.parent : parentDict(root, target);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens.
// ---------------------------------------------------------------------------------------------------------

/** Walks the comments (sorted by offset) alongside the tree, so each is emitted once, in document order. */
class CommentCursor {
  private i = 0;
  constructor(private readonly comments: readonly { offset: number; length: number }[], from: number) {
    while (this.i < comments.length && comments[this.i].offset < from) this.i++;
  }
  /** Emits the comments that start before `offset` at `depth`. */
  emitBefore(text: string, offset: number, depth: number, tokens: Token[]): void {
    while (this.i < this.comments.length && this.comments[this.i].offset < offset) {
      const c = this.comments[this.i++];
      tokens.push({ start: c.offset, end: c.offset + c.length, text: text.slice(c.offset, c.offset + c.length), depth });
    }
  }
  /** Skips comments inside a span copied as written (a comment inside a `<string>` is part of its value). */
  skipBefore(offset: number): void {
    while (this.i < this.comments.length && this.comments[this.i].offset < offset) this.i++;
  }
  hasBefore(offset: number): boolean {
    return this.i < this.comments.length && this.comments[this.i].offset < offset;
  }
}

type Task = { node: PlistNode; depth: number } | { key: KeyNode; depth: number } | { close: DictNode | PlistNode; depth: number };

/** The tokens of one element and everything inside it, with an explicit stack (nesting depth is the user's). */
function emitNode(text: string, node: PlistNode, depth: number, comments: CommentCursor, tokens: Token[]): void {
  const stack: Task[] = [{ node, depth }];
  const raw = (start: number, end: number, d: number) => tokens.push({ start, end, text: text.slice(start, end), depth: d });
  while (stack.length) {
    const task = stack.pop()!;
    if ('key' in task) {
      const k = task.key;
      comments.emitBefore(text, k.offset, task.depth, tokens);
      raw(k.offset, k.offset + k.length, task.depth);
      comments.skipBefore(k.offset + k.length);
      continue;
    }
    if ('close' in task) {
      const n = task.close;
      const end = n.offset + n.length;
      comments.emitBefore(text, end, task.depth + 1, tokens);
      raw(text.lastIndexOf('<', end - 1), end, task.depth);
      continue;
    }
    const n = task.node;
    const d = task.depth;
    comments.emitBefore(text, n.offset, d, tokens);
    const end = n.offset + n.length;
    if (n.kind !== 'dict' && n.kind !== 'array') {
      raw(n.offset, end, d);
      comments.skipBefore(end);
      continue;
    }
    const empty = n.kind === 'dict' ? n.entries.length === 0 : n.items.length === 0;
    if (empty && !comments.hasBefore(end)) {
      // `<dict></dict>` becomes `<dict/>` as Apple writes it; anything else inside (it cannot be a value) stays.
      const span = text.slice(n.offset, end);
      const squashed = span.replace(/\s+/g, '');
      tokens.push({ start: n.offset, end, text: squashed === `<${n.kind}></${n.kind}>` ? `<${n.kind}/>` : span, depth: d });
      continue;
    }
    raw(n.offset, text.indexOf('>', n.offset) + 1, d);
    stack.push({ close: n, depth: d });
    if (n.kind === 'dict') {
      for (let i = n.entries.length - 1; i >= 0; i--) {
        const e = n.entries[i];
        if (e.value) stack.push({ node: e.value, depth: d + 1 });
        if (e.key) stack.push({ key: e.key, depth: d + 1 });
      }
    } else {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], depth: d + 1 });
    }
  }
}

/**
 * The XML declaration, DOCTYPE, comments and processing instructions before the root value, and the `<plist>`
 * start tag. A missing declaration or DOCTYPE is added. Undefined when something else is there.
 */
function scanProlog(text: string, from: number, rootOffset: number): { tokens: Token[]; plistTagEnd: number } | undefined {
  const tokens: Token[] = [];
  let i = from;
  let hasDeclaration = false;
  let hasDoctype = false;
  for (;;) {
    while (i < rootOffset && isSpace(text.charCodeAt(i))) i++;
    if (i >= rootOffset) return undefined;
    let end: number;
    if (text.startsWith('<?', i)) {
      end = text.indexOf('?>', i + 2) + 2;
      if (/^<\?xml\s/.test(text.slice(i, i + 6))) hasDeclaration = true;
    } else if (text.startsWith('<!--', i)) {
      end = text.indexOf('-->', i + 4) + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      end = doctypeEnd(text, i);
      hasDoctype = true;
    } else if (text.startsWith('<plist', i) && !isNameChar(text.charCodeAt(i + 6))) {
      end = text.indexOf('>', i) + 1;
      if (end <= 0 || end > rootOffset) return undefined;
      tokens.push({ start: i, end, text: text.slice(i, end), depth: 0 });
      break;
    } else {
      return undefined;
    }
    if (end <= i || end > rootOffset) return undefined;
    tokens.push({ start: i, end, text: text.slice(i, end), depth: 0 });
    i = end;
  }
  const at = tokens[0].start;
  if (!hasDoctype) {
    const after = hasDeclaration ? 1 : 0;
    const pos = hasDeclaration ? tokens[0].end : at;
    tokens.splice(after, 0, { start: pos, end: pos, text: DOCTYPE, depth: 0 });
  }
  if (!hasDeclaration) tokens.unshift({ start: at, end: at, text: XML_DECLARATION, depth: 0 });
  return { tokens, plistTagEnd: tokens[tokens.length - 1].end };
}

/** Comments between the root value and `</plist>`, the end tag, then comments and processing instructions after it. */
function scanEpilog(text: string, from: number): Token[] | undefined {
  const tokens: Token[] = [];
  let i = from;
  let closed = false;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return closed ? tokens : undefined;
    let end: number;
    if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4) + 3;
    else if (closed && text.startsWith('<?', i)) end = text.indexOf('?>', i + 2) + 2;
    else if (!closed && text.startsWith('</plist', i)) {
      end = text.indexOf('>', i) + 1;
      closed = true;
    } else return undefined;
    if (end <= i) return undefined;
    tokens.push({ start: i, end, text: text.slice(i, end), depth: 0 });
    i = end;
  }
}

function doctypeEnd(text: string, start: number): number {
  let quote = 0;
  let inSubset = false;
  for (let i = start + 9; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 91) inSubset = true;
    else if (c === 93) inSubset = false;
    else if (c === 62 && !inSubset) return i + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Edits.
// ---------------------------------------------------------------------------------------------------------

/**
 * Edits turning each gap between consecutive tokens into a line break plus indentation, and each token into its
 * text. `from`/`to` bound the region: the gap before the first token becomes `lead`, the one after the last `tail`.
 * A gap that holds anything but white space aborts (undefined): that content is in no token and would be lost.
 */
function gapEdits(text: string, tokens: Token[], from: number, lead: string, to: number, tail: string, eol: string, unit: string): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  const push = (start: number, end: number, newText: string) => {
    if (text.slice(start, end) === newText) return;
    const last = edits[edits.length - 1];
    // Touching edits are merged, so no two edits share a position.
    if (last && last.end === start) {
      last.end = end;
      last.newText += newText;
    } else edits.push({ start, end, newText });
  };
  let prev = from;
  let first = true;
  for (const t of tokens) {
    if (t.start < prev || !isBlank(text, prev, t.start)) return undefined;
    push(prev, t.start, first ? lead : eol + unit.repeat(t.depth));
    push(t.start, t.end, t.text);
    prev = t.end;
    first = false;
  }
  if (prev > to || !isBlank(text, prev, to)) return undefined;
  push(prev, to, tail);
  return edits;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------------------------------------

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46;

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Nesting depth: the root value is 0; a key sits one deeper than its dict. */
function depthOf(root: PlistNode, target: PlistNode | KeyNode): number {
  const holder = 'kind' in target ? target : parentDict(root, target);
  let depth = 'kind' in target ? 0 : 1;
  for (let p = holder?.parent; p; p = p.parent) depth++;
  return depth;
}

/** The smallest element (value or key) whose span covers [start, end]; descends only along that path. */
function smallestCovering(root: PlistNode, start: number, end: number): PlistNode | KeyNode | undefined {
  const covers = (n: { offset: number; length: number }) => n.offset <= start && end <= n.offset + n.length;
  if (!covers(root)) return undefined;
  let node: PlistNode = root;
  for (;;) {
    let next: PlistNode | KeyNode | undefined;
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        if (e.key && covers(e.key)) next = e.key;
        else if (e.value && covers(e.value)) next = e.value;
        if (next) break;
      }
    } else if (node.kind === 'array') {
      next = node.items.find(covers);
    }
    if (!next) return node;
    if (!('kind' in next) || (next.kind !== 'dict' && next.kind !== 'array')) return next;
    node = next;
  }
}

function parentDict(root: PlistNode, key: KeyNode): DictNode | undefined {
  let node: PlistNode | undefined = root;
  while (node && (node.kind === 'dict' || node.kind === 'array')) {
    if (node.kind === 'dict' && node.entries.some((e) => e.key === key)) return node;
    const children: PlistNode[] = node.kind === 'dict' ? node.entries.flatMap((e) => (e.value ? [e.value] : [])) : node.items;
    node = children.find((c) => c.offset <= key.offset && key.offset < c.offset + c.length);
  }
  return undefined;
}
