/**
 * A positioned XML property-list parser: text in, a tree with offsets for every key and value plus problems out.
 * It never throws, never expands DTD entities and never fetches anything; it is an explicit-stack scanner,
 * so deep nesting cannot overflow the call stack, and `<data>` bodies are skipped with `indexOf`.
 */
import type {
  ArrayNode, BoolNode, ContainerKind, DictEntry, DictNode, KeyNode, ParseResult, PlistNode, Problem, ScalarNode, Severity,
} from '../types';
import { messageProblem } from './messages';
import type { ParserMessageArgs, ParserMessageId } from './messages';

export interface ParseOptions {
  /** Containers nested deeper than this are reported once and skipped. */
  maxNestingDepth?: number;
  /** Language of the problems' messages (`ja…` Japanese, otherwise English); their `data` is the same in every locale. */
  locale?: string;
}

/** The element names of Apple's plist DTD that hold a value. */
const SCALAR_KINDS: Record<string, ScalarNode['kind']> = {
  string: 'string', integer: 'integer', real: 'real', date: 'date', data: 'data',
};

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parser problem codes; each is also listed in the rule registry so severities can be configured. */
export const ParserCodes = {
  malformed: 'xml-malformed',
  unknownElement: 'plist-unknown-element',
  keyWithoutValue: 'plist-key-without-value',
  valueWithoutKey: 'plist-value-without-key',
  misplacedKey: 'plist-misplaced-key',
  dtdEntity: 'plist-dtd-entity',
  binary: 'plist-binary',
  signed: 'profile-signed',
  tooDeep: 'plist-too-deep',
  empty: 'plist-empty',
} as const;

interface Frame {
  /** Element name: `plist`, `dict`, `array`. */
  tag: string;
  /** Offset of the start tag's `<`. */
  start: number;
  /** Length of the start tag. */
  startLength: number;
  node: DictNode | ArrayNode | undefined;
  /** A dict's key (already in the entries) still waiting for its value. */
  pendingKey: Entry | IrregularEntry | undefined;
  /** Made up to parse a fragment that lacks its `<plist>`/`<dict>` wrapper; never reported as unclosed. */
  synthetic: boolean;
  /** Where this container's children start in the scanner's scratch list (entries for a dict, items for an array). */
  childStart: number;
  /** A `<plist>` written inside a value: devices read it as the one value it holds (`parsePListTag`). */
  nested?: boolean;
  /** That one value, attached to the enclosing container when the nested `<plist>` closes. */
  inner?: PlistNode;
}

const isNameStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** What may follow a `<` that opens markup: a name, `!` (comment, CDATA, DOCTYPE), `?` or `/`. */
const startsMarkup = (c: number) => isNameStart(c) || c === 33 || c === 63 || c === 47;

/**
 * The end of markup whose name ends before `from`: the offset just past its `>`, skipping quoted attribute
 * values (a `>` or `<` in quotes is text) and, for a DOCTYPE, its bracketed internal subset. Otherwise minus
 * where the scan stopped: a `<` outside quotes (a tag cannot hold one; a DOCTYPE subset does) or `end`.
 */
export function scanMarkupEnd(text: string, from: number, end: number, doctype: boolean): number {
  let quote = 0;
  let inSubset = false;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (doctype && (c === 91 /* [ */ || c === 93 /* ] */)) {
      inSubset = c === 91;
    } else if (c === 60 /* < */ && !doctype) {
      return -i;
    } else if (c === 62 /* > */ && !inSubset) {
      return i + 1;
    }
  }
  return -end;
}

/** Names and keys quoted in messages are cut short: a 1 MB key must not become a 1 MB diagnostic message. */
const MAX_QUOTED = 80;
const clip = (s: string) => (s.length > MAX_QUOTED ? s.slice(0, MAX_QUOTED) + '…' : s);

/** The leaves devices read as text, where CDATA is allowed: `<string>`, `<key>` and `<real>` (`parseStringTag`). */
const takesCdata = (name: string) => name === 'string' || name === 'key' || name === 'real';

/** Characters XML 1.0 does not allow at all, not even as a character reference: C0 controls but tab, LF, CR, and U+FFFE, U+FFFF. */
const isNonXmlChar = (code: number) => (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffe || code === 0xffff;

/** End tags of the leaf elements as Apple's tools write them, for the fast path of `readText`. */
const CLOSE_TAGS: Record<string, string> = {
  key: '</key>', string: '</string>', integer: '</integer>', real: '</real>', date: '</date>', data: '</data>', true: '</true>', false: '</false>',
};

/** True when `close` (one of CLOSE_TAGS) is at `at`; `</key>` and `</string>` are compared inline. */
function closesAt(text: string, at: number, close: string): boolean {
  if (text.charCodeAt(at + 1) !== 47 /* / */) return false;
  if (close === '</key>') {
    return text.charCodeAt(at + 2) === 107 && text.charCodeAt(at + 3) === 101 && text.charCodeAt(at + 4) === 121 && text.charCodeAt(at + 5) === 62;
  }
  if (close === '</string>') {
    return text.charCodeAt(at + 2) === 115 && text.charCodeAt(at + 3) === 116 && text.charCodeAt(at + 4) === 114 && text.charCodeAt(at + 5) === 105
      && text.charCodeAt(at + 6) === 110 && text.charCodeAt(at + 7) === 103 && text.charCodeAt(at + 8) === 62;
  }
  return text.startsWith(close, at);
}

/** The element names of the plist DTD as constants, so the common case allocates no string per tag. */
const KNOWN_NAMES = ['key', 'dict', 'true', 'data', 'date', 'real', 'array', 'false', 'plist', 'string', 'integer'];

function internName(text: string, from: number, to: number): string {
  const length = to - from;
  if (length >= 3 && length <= 7) {
    for (const name of KNOWN_NAMES) {
      if (name.length === length && text.startsWith(name, from)) return name;
    }
  }
  return text.slice(from, to);
}

/** A node's element name as written: its kind, `true`/`false`, or for an unknown element the name in its start tag. */
export function elementName(text: string, node: PlistNode): string {
  if (node.kind === 'bool') return node.value ? 'true' : 'false';
  if (node.kind !== 'unknown') return node.kind;
  let i = node.offset + 1;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return text.slice(node.offset + 1, i);
}

/** Decides what kind of file a text is before any XML parsing. */
export function detectContainer(text: string): { kind: ContainerKind; xmlStart: number; xmlEnd: number } {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('bplist', i)) return { kind: 'binary-plist', xmlStart: 0, xmlEnd: 0 };
  // A CMS-signed profile is DER: a SEQUENCE byte 0x30 followed by a length byte >= 0x80 (decoded as latin1
  // or as U+FFFD by a UTF-8 decoder). The XML plist sits inside it as the signed content.
  if (text.charCodeAt(i) === 0x30 && text.length > 1 && text.charCodeAt(i + 1) >= 0x80) {
    const start = findXmlStart(text);
    const endTag = text.lastIndexOf('</plist>');
    if (start >= 0 && endTag > start) return { kind: 'signed', xmlStart: start, xmlEnd: endTag + 8 };
    return { kind: 'signed', xmlStart: 0, xmlEnd: 0 };
  }
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length) return { kind: 'empty', xmlStart: 0, xmlEnd: text.length };
  return { kind: text.charCodeAt(i) === 60 ? 'xml' : 'not-plist', xmlStart: 0, xmlEnd: text.length };
}

function findXmlStart(text: string): number {
  const decl = text.indexOf('<?xml');
  const plist = text.indexOf('<plist');
  if (decl >= 0 && (plist < 0 || decl < plist)) return decl;
  return plist;
}

/** Parses a plist text. Never throws: any input gives a (possibly empty) tree plus located problems. */
export function parsePlist(text: string, options: ParseOptions = {}): ParseResult {
  const container = detectContainer(text);
  const problems: Problem[] = [];
  const comments: { offset: number; length: number }[] = [];
  switch (container.kind) {
    case 'binary-plist':
      problems.push(messageProblem(ParserCodes.binary, 0, Math.min(8, text.length), options.locale, 'binary'));
      return { root: undefined, problems, container: container.kind, comments };
    case 'signed': {
      const firstLineEnd = text.indexOf('\n');
      const length = Math.max(1, Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 40));
      problems.push(messageProblem(ParserCodes.signed, 0, length, options.locale, container.xmlEnd > 0 ? 'signed' : 'signedWithoutPlist'));
      if (container.xmlEnd === 0) return { root: undefined, problems, container: container.kind, comments };
      const inner = new Scanner(text, container.xmlStart, container.xmlEnd, problems, comments, options).run();
      return { root: inner, problems, container: container.kind, embedded: { offset: container.xmlStart, length: container.xmlEnd - container.xmlStart }, comments };
    }
    case 'empty':
      problems.push(messageProblem(ParserCodes.empty, 0, text.length, options.locale, 'empty'));
      return { root: undefined, problems, container: container.kind, comments };
    case 'not-plist': {
      let i = 0;
      while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfeff)) i++;
      const lineEnd = text.indexOf('\n', i);
      // Clamped: a text of nothing but BOMs leaves `i` at the end, where a length of 1 would leave the document.
      const length = Math.min(text.length - i, Math.max(1, (lineEnd < 0 ? text.length : lineEnd) - i));
      problems.push(messageProblem(ParserCodes.malformed, i, length, options.locale, 'notPlist'));
      return { root: undefined, problems, container: container.kind, comments };
    }
    default: {
      const root = new Scanner(text, 0, text.length, problems, comments, options).run();
      return { root, problems, container: container.kind, comments };
    }
  }
}

/** A dict entry that is also its own `<key>` node: one object per key/value pair instead of two. */
class Entry implements DictEntry, KeyNode {
  value: PlistNode | undefined = undefined;

  constructor(
    public offset: number,
    readonly length: number,
    readonly name: string,
  ) {}

  get key(): KeyNode {
    return this;
  }

  /** Written `<key>name</key>` exactly (nearly always), so the name's text starts 5 after the tag. */
  get valueOffset(): number {
    return this.offset + 5;
  }

  get valueLength(): number {
    return this.length - 11;
  }
}

/** An entry whose `<key>` tag is written some other way (white space, attributes, a missing end tag). */
export class IrregularEntry implements DictEntry, KeyNode {
  value: PlistNode | undefined = undefined;

  constructor(
    public offset: number,
    readonly length: number,
    readonly name: string,
    public valueOffset: number,
    readonly valueLength: number,
  ) {}

  get key(): KeyNode {
    return this;
  }
}

/**
 * A leaf written `<kind>text</kind>` or a `<true/>`/`<false/>`: the text's span follows from the kind, so it
 * is not stored, which keeps the most numerous object of a big tree small. Bools share the class, so the
 * tree's code sees few object shapes.
 */
class PlainLeaf {
  constructor(
    readonly kind: ScalarNode['kind'] | 'bool',
    readonly value: string | boolean,
    public offset: number,
    public length: number,
    public parent: DictNode | ArrayNode | undefined,
  ) {}

  get valueOffset(): number {
    return this.offset + this.kind.length + 2;
  }

  get valueLength(): number {
    return this.length - 2 * this.kind.length - 5;
  }
}

/** A leaf with its text span stored: an unknown element, `<string/>`, or tags written another way. */
export class Leaf {
  constructor(
    readonly kind: ScalarNode['kind'],
    readonly value: string,
    public offset: number,
    public length: number,
    public parent: DictNode | ArrayNode | undefined,
    public valueOffset: number,
    public valueLength: number,
  ) {}
}

/** The entry of a value that has no `<key>` (reported by the parser). */
class KeylessEntry implements DictEntry {
  readonly key = undefined;

  constructor(public value: PlistNode) {}
}

/** One pass over [start, end) of the text with an explicit stack of open containers. */
class Scanner {
  private pos: number;
  private readonly stack: Frame[] = [];
  private root: PlistNode | undefined;
  private sawPlist = false;
  private readonly maxDepth: number;
  private readonly locale: string | undefined;
  private readonly pos0: number;
  private tooDeepReported = false;
  /** The children of every open dict and array, innermost last; each frame owns the part from its `childStart`. */
  private readonly entryScratch: DictEntry[] = [];
  private readonly itemScratch: PlistNode[] = [];
  /** Key names seen in this parse, so each distinct name is one string however often it appears. */
  private readonly keyNames = new Map<number, string[]>();
  /** The next `&` at or after some passed position (or `end`): a text run before it needs no entity decoding. */
  private nextAmp = -1;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly problems: Problem[],
    private readonly comments: { offset: number; length: number }[],
    options: ParseOptions,
  ) {
    this.pos = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
    this.pos0 = start;
    this.maxDepth = options.maxNestingDepth ?? 200;
    this.locale = options.locale;
    // Editors and decodeBytes drop a file's byte-order mark, so one still in the text is a second one, which
    // devices reject: they skip one mark (`encodingForXMLData`) and then expect `<`.
    if (this.pos > start) this.problem(ParserCodes.malformed, start, 1, 'secondBom');
  }

  private problem<K extends ParserMessageId>(code: string, offset: number, length: number, id: K, ...args: ParserMessageArgs<K>): void {
    this.problemWith(undefined, code, offset, length, id, ...args);
  }

  /**
   * A problem whose severity differs from its rule's default. Devices parse the first element and ignore what
   * follows it (`parseXMLPropertyList`), so anything after the root `</plist>` is at most a warning.
   */
  private problemWith<K extends ParserMessageId>(severity: Severity | undefined, code: string, offset: number, length: number, id: K, ...args: ParserMessageArgs<K>): void {
    const problem = messageProblem(code, offset, length, this.locale, id, ...args);
    const effective = severity ?? (offset >= this.rootEnd ? 'warning' : undefined);
    if (effective) problem.severity = effective;
    this.problems.push(problem);
  }

  /** Where the root `</plist>` ended (Infinity while open): devices ignore what follows. */
  private rootEnd = Infinity;

  private get rootClosed(): boolean {
    return this.rootEnd !== Infinity;
  }

  private nulReported = false;


  /**
   * Reports the document's first NUL (XML forbids it), looking only in text the scanner reads anyway: a search
   * of the whole text for NUL is slow on two-byte text, where every ASCII character has a zero byte. A NUL in a
   * `<data>` body is left to plist-invalid-value (it is not base64).
   */
  private checkNul(span: string, base: number): void {
    if (this.nulReported) return;
    const at = span.indexOf('\0');
    if (at < 0) return;
    this.nulReported = true;
    this.problem(ParserCodes.malformed, base + at, 1, 'nul');
  }

  run(): PlistNode | undefined {
    const { text, end } = this;
    let pos = this.pos;
    while (pos < end) {
      // The white space between tags is skipped here, char by char: between tags it is a line break and
      // indentation, shorter than what a search for `<` and a second look at the skipped text would cost.
      let c = text.charCodeAt(pos);
      while (c === 10 || c === 9 || c === 32 || c === 13) c = text.charCodeAt(++pos);
      if (pos >= end) break;
      if (c !== 60 /* < */) {
        const lt = text.indexOf('<', pos);
        const textEnd = lt < 0 || lt > end ? end : lt;
        this.strayText(pos, textEnd);
        if (textEnd >= end) break;
        pos = lt;
      }
      this.pos = pos;
      this.markup();
      pos = this.pos;
    }
    this.closeAll();
    this.checkReplacementCharacter();
    if (!this.sawPlist && this.root === undefined) {
      this.problem(ParserCodes.malformed, 0, Math.min(end, 1), 'noPlist');
    }
    return this.root;
  }

  /**
   * Reports the first U+FFFD outside comments. A decoder puts it where bytes are not valid UTF-8 (overlong forms
   * included), and devices refuse such bytes in keys, strings and `<data>`; in a comment they are skipped.
   */
  private checkReplacementCharacter(): void {
    const { text, comments } = this;
    let c = 0;
    for (let at = text.indexOf('\ufffd', this.pos0); at >= 0 && at < this.end; at = text.indexOf('\ufffd', at + 1)) {
      while (c < comments.length && comments[c].offset + comments[c].length <= at) c++;
      if (c < comments.length && comments[c].offset <= at) continue;
      this.problem(ParserCodes.malformed, at, 1, 'replacementCharacter');
      return;
    }
  }

  /** Text between tags outside any value element: only white space belongs there. */
  private strayText(from: number, to: number): void {
    const { text } = this;
    this.checkNul(text.slice(from, to), from);
    let i = from;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i >= to) return;
    let j = to;
    while (j > i && isSpace(text.charCodeAt(j - 1))) j--;
    if (this.rootClosed) this.problem(ParserCodes.malformed, i, j - i, 'afterPlist');
    else this.problem(ParserCodes.malformed, i, j - i, 'strayText');
  }

  /** Handles the markup at `this.pos` (which is a `<`). */
  private markup(): void {
    const { text } = this;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (this.sawPlist && this.plainTag(start, next)) return;
    if (next === 33 /* ! */) {
      if (text.startsWith('<!--', start)) return this.comment();
      if (text.startsWith('<![CDATA[', start)) {
        const close = text.indexOf(']]>', start);
        const stop = close < 0 || close + 3 > this.end ? this.end : close + 3;
        this.problem(ParserCodes.malformed, start, stop - start, 'strayCdata');
        this.checkNul(text.slice(start, stop), start);
        this.pos = stop;
        return;
      }
      if (text.startsWith('<!DOCTYPE', start)) return this.doctype();
      return this.badMarkup(start);
    }
    if (next === 63 /* ? */) {
      const close = text.indexOf('?>', start + 2);
      if (close < 0 || close + 2 > this.end) {
        this.problem(ParserCodes.malformed, start, 2, 'unterminatedPi');
        this.checkNul(text.slice(start, this.end), start);
        this.pos = this.end;
        return;
      }
      this.checkNul(text.slice(start, close), start);
      this.pos = close + 2;
      return;
    }
    if (next === 47 /* / */) return this.endTag();
    return this.startTag();
  }

  /**
   * The tags Apple's tools write, exactly as they write them (`<key>`, `</dict>`, `<true/>`), recognised with one
   * comparison and no name scan. Returns false for anything else, which the general path then reads.
   */
  private plainTag(start: number, next: number): boolean {
    const { text } = this;
    const at = start + 1;
    let name: string;
    switch (next) {
      case 107 /* k */:
        // `<key>` and `<string>` are most of a profile's tags: compared inline, not with a startsWith call.
        if (text.charCodeAt(at + 1) !== 101 || text.charCodeAt(at + 2) !== 121 || text.charCodeAt(at + 3) !== 62 || at + 4 > this.end) return false;
        this.pos = at + 4;
        this.keyElement(start, at + 4, false);
        return true;
      case 115 /* s */:
        if (text.charCodeAt(at + 1) !== 116 || text.charCodeAt(at + 2) !== 114 || text.charCodeAt(at + 3) !== 105
          || text.charCodeAt(at + 4) !== 110 || text.charCodeAt(at + 5) !== 103 || text.charCodeAt(at + 6) !== 62 || at + 7 > this.end) return false;
        this.pos = at + 7;
        this.scalarElement('string', 'string', start, at + 7, false);
        return true;
      case 100 /* d */: name = text.startsWith('dict>', at) ? 'dict' : text.startsWith('data>', at) ? 'data' : 'date'; break;
      case 97 /* a */: name = 'array'; break;
      case 105 /* i */: name = 'integer'; break;
      case 114 /* r */: name = 'real'; break;
      case 116 /* t */: return this.plainBool('true', start);
      case 102 /* f */: return this.plainBool('false', start);
      case 47 /* / */: return this.plainEndTag(start);
      default: return false;
    }
    const tagEnd = at + name.length + 1;
    if (tagEnd > this.end || text.charCodeAt(tagEnd - 1) !== 62 /* > */ || !text.startsWith(name, at)) return false;
    this.pos = tagEnd;
    switch (name) {
      case 'key': this.keyElement(start, tagEnd, false); break;
      case 'dict': case 'array': this.openContainer(name, start, tagEnd, false); break;
      default: this.scalarElement(SCALAR_KINDS[name], name, start, tagEnd, false);
    }
    return true;
  }

  private plainBool(name: 'true' | 'false', start: number): boolean {
    const tagEnd = start + name.length + 3;
    if (tagEnd > this.end || !this.text.startsWith(name, start + 1) || !this.text.startsWith('/>', tagEnd - 2)) return false;
    this.pos = tagEnd;
    this.boolElement(name, start, tagEnd, true);
    return true;
  }

  /** `</dict>` or `</array>` closing the innermost open container. */
  private plainEndTag(start: number): boolean {
    const top = this.stack[this.stack.length - 1];
    if (!top || (top.tag !== 'dict' && top.tag !== 'array')) return false;
    const tagEnd = start + top.tag.length + 3;
    if (tagEnd > this.end || this.text.charCodeAt(tagEnd - 1) !== 62 || !this.text.startsWith(top.tag, start + 2)) return false;
    this.pos = tagEnd;
    this.finish(this.stack.pop()!, tagEnd);
    return true;
  }

  /**
   * A `<` that starts no tag, comment or declaration: one problem up to the next `>` or the next `<` that starts
   * markup, so each byte is read once; a run of stray `<` and the text between them is one problem.
   */
  private badMarkup(start: number): void {
    const { text, end } = this;
    let stop = start + 1;
    for (;;) {
      while (stop < end && text.charCodeAt(stop) !== 62 && text.charCodeAt(stop) !== 60) stop++;
      if (stop < end && text.charCodeAt(stop) === 62) { stop++; break; }
      if (stop >= end || startsMarkup(text.charCodeAt(stop + 1))) break;
      stop++;
    }
    this.problem(ParserCodes.malformed, start, stop - start, 'malformedMarkup');
    this.checkNul(this.text.slice(start, stop), start);
    this.pos = stop;
  }

  private comment(): void {
    const start = this.pos;
    const close = this.text.indexOf('-->', start + 4);
    if (close < 0 || close + 3 > this.end) {
      this.problem(ParserCodes.malformed, start, 4, 'unterminatedComment');
      this.checkNul(this.text.slice(start, this.end), start);
      this.pos = this.end;
      return;
    }
    this.comments.push({ offset: start, length: close + 3 - start });
    this.checkNul(this.text.slice(start, close), start);
    this.pos = close + 3;
  }

  /** Skips a DOCTYPE, noting (never expanding) entity declarations in an internal subset. */
  private doctype(): void {
    const { text } = this;
    const start = this.pos;
    const found = scanMarkupEnd(text, start + 9, this.end, true);
    const stop = found > 0 ? found : this.end;
    this.checkNul(text.slice(start, stop), start);
    const subset = text.indexOf('[', start);
    if (subset >= 0 && subset < stop) {
      for (let at = text.indexOf('<!ENTITY', subset); at >= 0 && at < stop; at = text.indexOf('<!ENTITY', at + 8)) {
        const close = text.indexOf('>', at);
        this.problem(ParserCodes.dtdEntity, at, (close < 0 || close >= stop ? stop : close + 1) - at, 'dtdEntity');
      }
    }
    if (found < 0) this.problem(ParserCodes.malformed, start, 9, 'unterminatedDoctype');
    this.pos = stop;
  }

  /** The last tag read by readTag: its name, where it ends (negative: unterminated, stopped there) and `/>`. */
  private tagName = '';
  private tagEnd = 0;
  private tagSelfClosing = false;

  /**
   * Reads `<name attrs>` or `<name/>` into tagName/tagEnd/tagSelfClosing (fields, not a returned object:
   * this runs once per element). Returns false when no name follows the `<`.
   */
  private readTag(nameStart: number): boolean {
    const { text } = this;
    let i = nameStart;
    if (!isNameStart(text.charCodeAt(i))) return false;
    while (i < this.end && isNameChar(text.charCodeAt(i))) i++;
    this.tagName = internName(text, nameStart, i);
    // A `<` before the tag closed leaves it unterminated; the scan stops there so the next tag still parses.
    this.tagEnd = scanMarkupEnd(text, i, this.end, false);
    const stop = this.tagEnd < 0 ? -this.tagEnd : this.tagEnd;
    if (!this.nulReported && stop > i) this.checkNul(text.slice(i, stop), i);
    this.tagSelfClosing = this.tagEnd > 0 && text.charCodeAt(this.tagEnd - 2) === 47;
    return true;
  }

  private startTag(): void {
    const start = this.pos;
    if (!this.readTag(start + 1)) return this.badMarkup(start);
    const name = this.tagName;
    const tagEnd = this.tagEnd;
    const selfClosing = this.tagSelfClosing;
    if (tagEnd < 0) {
      this.problem(ParserCodes.malformed, start, -tagEnd - start, 'unterminatedTag', clip(name));
      this.pos = -tagEnd;
      return;
    }
    this.pos = tagEnd;
    if (!this.sawPlist && this.stack.length === 0 && name !== 'plist') this.wrapFragment(name, start);
    switch (name) {
      case 'plist':
        if (this.stack.length === 0 && this.sawPlist) {
          this.problem(ParserCodes.malformed, start, tagEnd - start, this.rootClosed ? 'afterPlist' : 'plistTwice');
          if (!selfClosing) this.skipElement(name);
          return;
        }
        if (selfClosing) {
          this.sawPlist = true;
          this.problem(ParserCodes.malformed, start, tagEnd - start, 'emptyPlist');
          return;
        }
        if (this.stack.length > 0) {
          this.problemWith('warning', ParserCodes.malformed, start, tagEnd - start, 'nestedPlist');
          this.stack.push({ tag: 'plist', start, startLength: tagEnd - start, node: undefined, pendingKey: undefined, synthetic: false, childStart: 0, nested: true });
          return;
        }
        this.sawPlist = true;
        this.stack.push({ tag: 'plist', start, startLength: tagEnd - start, node: undefined, pendingKey: undefined, synthetic: false, childStart: 0 });
        return;
      case 'dict':
      case 'array':
        return this.openContainer(name, start, tagEnd, selfClosing);
      case 'key':
        return this.keyElement(start, tagEnd, selfClosing);
      case 'true':
      case 'false':
        return this.boolElement(name, start, tagEnd, selfClosing);
      default: {
        const kind = SCALAR_KINDS[name];
        if (kind) return this.scalarElement(kind, name, start, tagEnd, selfClosing);
        return this.unknownElement(name, start, tagEnd, selfClosing);
      }
    }
  }

  /**
   * A fragment without `<plist>` (e.g. a payload pasted alone) is reported once and then parsed as if wrapped,
   * so it still gets an outline and rules instead of one error per element.
   */
  private wrapFragment(name: string, start: number): void {
    this.sawPlist = true;
    // Devices parse whatever element comes first (`parseXMLPropertyList`): a bare value is fine, but a bare
    // `<key>` is read as one string and the rest is ignored, so that stays an error.
    if (name === 'key') this.problem(ParserCodes.malformed, start, 1, 'noPlistRoot');
    else this.problemWith('hint', ParserCodes.malformed, start, 1, 'bareRoot');
    this.stack.push({ tag: 'plist', start, startLength: 0, node: undefined, pendingKey: undefined, synthetic: true, childStart: 0 });
    if (name === 'key') {
      const node: DictNode = { kind: 'dict', offset: start, length: 0, parent: undefined, entries: [], selfClosing: false };
      this.root = node;
      this.stack.push({ tag: 'dict', start, startLength: 0, node, pendingKey: undefined, synthetic: true, childStart: this.entryScratch.length });
    }
  }

  private openContainer(name: 'dict' | 'array', start: number, tagEnd: number, selfClosing: boolean): void {
    const depth = this.stack.length;
    if (depth > this.maxDepth) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        this.problem(ParserCodes.tooDeep, start, tagEnd - start, 'tooDeep', this.maxDepth);
      }
      if (!selfClosing) this.skipElement(name);
      return;
    }
    const parent = this.containerParent();
    const node: DictNode | ArrayNode = name === 'dict'
      ? { kind: 'dict', offset: start, length: tagEnd - start, parent, entries: [], selfClosing }
      : { kind: 'array', offset: start, length: tagEnd - start, parent, items: [], selfClosing };
    this.attach(node);
    if (!selfClosing) {
      const childStart = name === 'dict' ? this.entryScratch.length : this.itemScratch.length;
      this.stack.push({ tag: name, start, startLength: tagEnd - start, node, pendingKey: undefined, synthetic: false, childStart });
    }
  }

  /** The innermost open dict or array, looking through nested `<plist>` frames. */
  private containerParent(): DictNode | ArrayNode | undefined {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const frame = this.stack[k];
      if (!frame.nested) return frame.node;
    }
    return undefined;
  }

  /** Attaches a finished value to the innermost open container. */
  private attach(node: PlistNode): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.problem(ParserCodes.malformed, node.offset, node.length, this.rootClosed ? 'afterPlist' : 'valueOutsidePlist');
      if (this.root === undefined && !this.sawPlist) this.root = node;
      return;
    }
    if (top.nested) {
      if (top.inner === undefined) top.inner = node;
      else this.problem(ParserCodes.malformed, node.offset, node.length, 'extraValue');
      return;
    }
    if (top.tag === 'plist') {
      if (this.root === undefined) this.root = node;
      // After a bare root value (no `<plist>`), devices stop reading: a second value is ignored, not refused.
      else if (top.synthetic) this.problemWith('warning', ParserCodes.malformed, node.offset, node.length, 'afterPlist');
      else this.problem(ParserCodes.malformed, node.offset, node.length, 'extraValue');
      return;
    }
    const container = top.node!;
    if (container.kind === 'array') {
      this.itemScratch.push(node);
      return;
    }
    if (top.pendingKey) {
      top.pendingKey.value = node;
      top.pendingKey = undefined;
    } else {
      this.entryScratch.push(new KeylessEntry(node));
      this.problem(ParserCodes.valueWithoutKey, node.offset, node.length, 'valueWithoutKey');
    }
  }

  private keyElement(start: number, tagEnd: number, selfClosing: boolean): void {
    if (selfClosing) this.emptyText(tagEnd);
    else this.readText('key', start, tagEnd, false);
    const length = this.textEnd - start;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.problem(ParserCodes.misplacedKey, start, length, 'misplacedKey');
      return;
    }
    if (top.node?.kind !== 'dict') {
      // Outside a dict, devices read a <key> as a <string> (`parseXMLElement`), so the tree holds one too.
      this.problemWith('warning', ParserCodes.misplacedKey, start, length, 'keyAsString');
      this.attach(new Leaf('string', this.textValue, start, length, this.containerParent(), this.textValueOffset, this.textValueLength));
      return;
    }
    if (top.pendingKey) this.keyWithoutValue(top);
    // The entry goes in now, in document order; its value is filled in by `attach`.
    const entry = this.textValueOffset === start + 5 && this.textValueLength === length - 11
      ? new Entry(start, length, this.textValue)
      : new IrregularEntry(start, length, this.textValue, this.textValueOffset, this.textValueLength);
    this.entryScratch.push(entry);
    top.pendingKey = entry;
  }

  private keyWithoutValue(frame: Frame): void {
    const key = frame.pendingKey!;
    this.problem(ParserCodes.keyWithoutValue, key.offset, key.length, 'keyWithoutValue', clip(key.name));
    frame.pendingKey = undefined;
  }

  private boolElement(name: 'true' | 'false', start: number, tagEnd: number, selfClosing: boolean): void {
    let end = tagEnd;
    if (!selfClosing) {
      this.readText(name, start, tagEnd, false);
      end = this.textEnd;
      if (this.textValue.trim() !== '') {
        this.problem(ParserCodes.malformed, this.textValueOffset, this.textValueLength, 'boolWithText', name);
      }
    }
    const node: BoolNode = new PlainLeaf('bool', name === 'true', start, end - start, this.containerParent()) as BoolNode;
    this.attach(node);
  }

  private scalarElement(kind: ScalarNode['kind'], name: string, start: number, tagEnd: number, selfClosing: boolean): void {
    if (selfClosing) this.emptyText(tagEnd);
    else this.readText(name, start, tagEnd, kind === 'data');
    // Devices refuse `<data/>` (`parseXMLElement`); `<integer/>`, `<real/>`, `<date/>` fail the value check.
    if (selfClosing && kind === 'data') this.problem(ParserCodes.malformed, start, tagEnd - start, 'emptyData');
    // Integers and dates are read digit by digit (`parseIntegerTag`, `parseDateTag`): an `&` is refused.
    if ((kind === 'integer' || kind === 'date') && this.ampFrom(this.textValueOffset) < this.textValueOffset + this.textValueLength) {
      this.problem(ParserCodes.malformed, this.textValueOffset, this.textValueLength, 'referenceInValue', name);
    }
    const length = this.textEnd - start;
    // Written `<kind>text</kind>` exactly (nearly always): where the text lies follows from the kind.
    const plain = !selfClosing && this.textValueOffset === start + kind.length + 2 && this.textValueLength === length - 2 * kind.length - 5;
    const node: ScalarNode = plain
      ? new PlainLeaf(kind, this.textValue, start, length, this.containerParent()) as ScalarNode
      : new Leaf(kind, this.textValue, start, length, this.containerParent(), this.textValueOffset, this.textValueLength);
    this.attach(node);
  }

  private unknownElement(name: string, start: number, tagEnd: number, selfClosing: boolean): void {
    let end = tagEnd;
    if (!selfClosing) end = this.skipElement(name);
    this.problem(ParserCodes.unknownElement, start, tagEnd - start, 'unknownElement', clip(name));
    const node: ScalarNode = new Leaf('unknown', '', start, end - start, this.containerParent(), tagEnd, Math.max(0, end - tagEnd));
    this.attach(node);
  }

  /** Skips past the end tag matching an element already opened (counting nested same-name elements). */
  private skipElement(name: string): number {
    const { text } = this;
    const from = this.pos;
    let depth = 1;
    let i = this.pos;
    const open = '<' + name;
    const close = '</' + name;
    while (depth > 0) {
      const lt = text.indexOf('<', i);
      if (lt < 0 || lt >= this.end) {
        this.checkNul(text.slice(from, this.end), from);
        this.pos = this.end;
        return this.end;
      }
      if (text.startsWith(close, lt) && !isNameChar(text.charCodeAt(lt + close.length))) {
        depth--;
        const gt = text.indexOf('>', lt);
        i = gt < 0 ? this.end : gt + 1;
      } else if (text.startsWith(open, lt) && !isNameChar(text.charCodeAt(lt + open.length))) {
        const gt = text.indexOf('>', lt);
        if (gt < 0) { i = this.end; continue; }
        if (text.charCodeAt(gt - 1) !== 47) depth++;
        i = gt + 1;
      } else {
        i = lt + 1;
      }
    }
    this.pos = Math.min(i, this.end);
    this.checkNul(text.slice(from, this.pos), from);
    return this.pos;
  }

  /** The last leaf text read by readText (fields, not a returned object: this runs once per key and value). */
  private textValue = '';
  private textValueOffset = 0;
  private textValueLength = 0;
  private textEnd = 0;

  private setText(value: string, valueOffset: number, valueLength: number, end: number): void {
    this.textValue = value;
    this.textValueOffset = valueOffset;
    this.textValueLength = valueLength;
    this.textEnd = end;
  }

  /** Reads `<x/>` (no text) into the same fields. */
  private emptyText(tagEnd: number): void {
    this.setText('', tagEnd - 2, 0, tagEnd);
  }

  /**
   * Reads the text content of a leaf element up to its end tag. Entities and CDATA are decoded (unless `raw`,
   * used for `<data>`, whose body is skipped with `indexOf`). A child element or a wrong end tag ends the text
   * early, with a problem, and leaves `pos` at that tag so it is parsed normally.
   */
  private readText(name: string, start: number, tagEnd: number, raw: boolean): void {
    const { text } = this;
    // The usual case: plain text, then this element's end tag exactly as Apple writes it.
    const first = text.indexOf('<', tagEnd);
    const close = CLOSE_TAGS[name];
    if (first >= 0 && close !== undefined && first + close.length <= this.end && closesAt(text, first, close)) {
      const value = raw ? '' : name === 'key' ? this.keyName(tagEnd, first) : this.textRun(tagEnd, first);
      this.pos = first + close.length;
      return this.setText(value, tagEnd, first - tagEnd, this.pos);
    }
    let i = tagEnd;
    let value = '';
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0 || lt >= this.end) {
        this.problem(ParserCodes.malformed, start, tagEnd - start, 'missingEndTag', name);
        const chunk = text.slice(i, this.end);
        if (!raw) {
          this.checkNul(chunk, i);
          value += this.decode(chunk, i);
        }
        this.pos = this.end;
        return this.setText(value, tagEnd, this.end - tagEnd, this.end);
      }
      if (!raw) {
        const chunk = text.slice(i, lt);
        this.checkNul(chunk, i);
        value += this.decode(chunk, i);
      }
      if (text.startsWith('</', lt)) {
        const nameEnd = lt + 2 + name.length;
        if (text.startsWith(name, lt + 2) && !isNameChar(text.charCodeAt(nameEnd))) {
          let gt = nameEnd;
          while (gt < this.end && isSpace(text.charCodeAt(gt))) gt++;
          if (text.charCodeAt(gt) === 62) {
            this.pos = gt + 1;
            return this.setText(value, tagEnd, lt - tagEnd, gt + 1);
          }
        }
        this.problem(ParserCodes.malformed, start, tagEnd - start, 'missingEndTag', name);
        this.pos = lt;
        return this.setText(value, tagEnd, lt - tagEnd, lt);
      }
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0 || close + 3 > this.end) {
          this.problem(ParserCodes.malformed, lt, 4, 'unterminatedComment');
          this.checkNul(text.slice(lt, this.end), lt);
          this.pos = this.end;
          return this.setText(value, tagEnd, this.end - tagEnd, this.end);
        }
        this.comments.push({ offset: lt, length: close + 3 - lt });
        // Inside a value, devices take `<!` for the start of CDATA and refuse anything else (`parseStringTag`).
        this.problem(ParserCodes.malformed, lt, close + 3 - lt, 'commentInValue', name);
        this.checkNul(text.slice(lt, close), lt);
        i = close + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0 || close + 3 > this.end) {
          this.problem(ParserCodes.malformed, lt, 9, 'unterminatedCdata');
          this.checkNul(text.slice(lt, this.end), lt);
          this.pos = this.end;
          return this.setText(value, tagEnd, this.end - tagEnd, this.end);
        }
        if (!raw) {
          const chunk = text.slice(lt + 9, close);
          this.checkNul(chunk, lt + 9);
          value += chunk;
        }
        // Only string-like values (`parseStringTag`) take CDATA; integers, dates and data stop at its `<`.
        if (!takesCdata(name)) this.problem(ParserCodes.malformed, lt, close + 3 - lt, 'cdataInValue', name);
        i = close + 3;
        continue;
      }
      // Another element inside a leaf: close the leaf here and let the main loop parse that element.
      this.problem(ParserCodes.malformed, start, tagEnd - start, 'missingEndTagInLeaf', name);
      this.pos = lt;
      return this.setText(value, tagEnd, lt - tagEnd, lt);
    }
  }

  /** The text of [from, to), entities decoded; a run with no `&` (the usual case) is sliced as it is. */
  private textRun(from: number, to: number): string {
    const raw = this.text.slice(from, to);
    this.checkNul(raw, from);
    return this.ampFrom(from) >= to ? raw : this.decode(raw, from);
  }

  /** The first `&` at or after `from` (the text's length if none); positions only move forward, so all calls cost one scan. */
  private ampFrom(from: number): number {
    if (this.nextAmp < from) {
      const amp = this.text.indexOf('&', from);
      this.nextAmp = amp < 0 ? this.text.length : amp;
    }
    return this.nextAmp;
  }

  /**
   * A key name, one string per distinct name in this parse: a big profile repeats a few hundred names many
   * times. Looked up by length and three characters, then compared in place, so a repeat allocates nothing.
   */
  private keyName(from: number, to: number): string {
    const { text } = this;
    const length = to - from;
    if (length === 0) return '';
    if (length > 64 || this.ampFrom(from) < to) return this.textRun(from, to);
    const hash = length | ((text.charCodeAt(from) & 0x7f) << 6) | ((text.charCodeAt(to - 1) & 0x7f) << 13) | ((text.charCodeAt(from + (length >> 1)) & 0x7f) << 20);
    const own = this.keyNames.get(hash);
    if (own) {
      for (const name of own) if (text.startsWith(name, from)) return name;
    }
    // A name met for the first time is checked for NUL here; the table only ever holds names without one.
    const name = text.slice(from, to);
    if (name.indexOf('\0') >= 0) {
      this.checkNul(name, from);
      return name;
    }
    // Eight names per hash at most, so a file of made-up keys cannot make a lookup slow.
    if (!own) this.keyNames.set(hash, [name]);
    else if (own.length < 8) own.push(name);
    return name;
  }

  /** Decodes the five predefined entities and character references; anything else is reported and kept as written. */
  private decode(chunk: string, base: number): string {
    if (chunk.indexOf('&') < 0) return chunk;
    let out = '';
    let last = 0;
    let amp = chunk.indexOf('&');
    while (amp >= 0) {
      out += chunk.slice(last, amp);
      // Look for the `;` only as far as a reference can reach, so a long run of bare `&` stays linear.
      const semi = chunk.slice(amp + 1, amp + 13).indexOf(';') + amp + 1;
      const ref = semi > amp ? chunk.slice(amp + 1, semi) : undefined;
      let decoded: string | undefined;
      if (ref !== undefined) {
        if (ref.charCodeAt(0) === 35 /* # */) {
          const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
          const digitsOk = ref[1] === 'x' || ref[1] === 'X' ? /^[0-9a-fA-F]+$/.test(ref.slice(2)) : /^[0-9]+$/.test(ref.slice(1));
          if (digitsOk && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) decoded = String.fromCodePoint(code);
          // Devices take only a lower-case `x` (`parseEntityReference_pl`); they do accept any code point, so a
          // character XML forbids gets through to the device but not through the export or other parsers.
          if (decoded !== undefined && ref[1] === 'X') this.problem(ParserCodes.malformed, base + amp, semi - amp + 1, 'upperHexReference');
          else if (decoded !== undefined && isNonXmlChar(code)) {
            this.problemWith('warning', ParserCodes.malformed, base + amp, semi - amp + 1, 'nonXmlCharacter', code.toString(16).toUpperCase());
          }
        } else {
          decoded = PREDEFINED_ENTITIES[ref];
        }
      }
      if (decoded === undefined) {
        const len = ref !== undefined ? semi - amp + 1 : 1;
        if (ref !== undefined && /^[A-Za-z_][\w.-]*$/.test(ref)) this.problem(ParserCodes.malformed, base + amp, len, 'unknownEntity', ref);
        else this.problem(ParserCodes.malformed, base + amp, len, 'bareAmpersand');
        out += ref !== undefined ? chunk.slice(amp, semi + 1) : '&';
        last = ref !== undefined ? semi + 1 : amp + 1;
      } else {
        out += decoded;
        last = semi + 1;
      }
      amp = chunk.indexOf('&', last);
    }
    return out + chunk.slice(last);
  }

  private endTag(): void {
    const { text } = this;
    const start = this.pos;
    if (!this.readTag(start + 2)) return this.badMarkup(start);
    const endName = this.tagName;
    const tagEnd = this.tagEnd < 0 ? -this.tagEnd : this.tagEnd;
    if (this.tagEnd < 0) this.problem(ParserCodes.malformed, start, tagEnd - start, 'unterminatedEndTag', clip(endName));
    this.pos = tagEnd;
    // Find the innermost open element with this name; everything opened after it was left unclosed.
    let match = -1;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      if (this.stack[k].tag === endName) { match = k; break; }
    }
    if (match < 0) {
      this.problem(ParserCodes.malformed, start, tagEnd - start, 'unexpectedEndTag', clip(endName));
      return;
    }
    while (this.stack.length - 1 > match) {
      const frame = this.stack.pop()!;
      this.problem(ParserCodes.malformed, frame.start, frame.startLength, 'missingEndTag', frame.tag);
      this.finish(frame, start);
    }
    this.finish(this.stack.pop()!, tagEnd);
    void text;
  }

  /**
   * Closes a frame: the container gets its length and its children, copied out of the scratch list at their
   * exact count (an array grown by push keeps up to half again its size as slack, for the life of the tree).
   */
  private finish(frame: Frame, end: number): void {
    if (frame.pendingKey) this.keyWithoutValue(frame);
    if (frame.tag === 'plist' && !frame.synthetic) return this.finishPlist(frame, end);
    const node = frame.node;
    if (!node) return;
    node.length = end - node.offset;
    if (node.kind === 'dict') {
      node.entries = this.entryScratch.slice(frame.childStart);
      this.entryScratch.length = frame.childStart;
    } else {
      node.items = this.itemScratch.slice(frame.childStart);
      this.itemScratch.length = frame.childStart;
    }
  }

  /** A `<plist>` gives its one value to the container around it, or is the root; one with no value is refused. */
  private finishPlist(frame: Frame, end: number): void {
    const value = frame.nested ? frame.inner : this.root;
    if (value === undefined) this.problem(ParserCodes.malformed, frame.start, frame.startLength, 'emptyPlist');
    if (!frame.nested) this.rootEnd = end;
    else if (value) this.attach(value);
  }

  private closeAll(): void {
    while (this.stack.length > 0) {
      const frame = this.stack.pop()!;
      if (!frame.synthetic) this.problem(ParserCodes.malformed, frame.start, frame.startLength, 'missingEndTag', frame.tag);
      this.finish(frame, this.end);
    }
  }
}
