/**
 * Suppression comments in a profile, after ESLint's: `<!-- mobileconfig-disable-next-line rule-id -->` silences a
 * rule on the next line, `<!-- mobileconfig-disable rule-id -->` from the comment to the end of the file. Pure:
 * text, the parse's comments and the problems in; the problems kept plus `suppression-unused` problems out.
 */
import { firstLineBreak, lineOf, lineStarts } from '../lines';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver-types';
import { nodeAtOffset } from '../model/tree';
import { getRule } from '../rules';
import { translate } from '../rules/rule';
import { suppressionUnused } from '../rules/suppression-unused';
import type { ParseResult, Problem } from '../types';

type Kind = 'mobileconfig-disable' | 'mobileconfig-disable-next-line';

interface Directive {
  kind: Kind;
  /** The comment, `<!--` to `-->`. */
  offset: number;
  length: number;
  /** The rule ids it names, each with where its text is; empty: every rule. */
  ids: { id: string; offset: number; length: number; used: boolean }[];
  /** Used when it names no id and suppressed something. */
  usedAll: boolean;
  /** disable-next-line: the 0-based line it applies to. */
  line: number;
}

const DIRECTIVE = /^(\s*)(mobileconfig-disable-next-line|mobileconfig-disable)(?=\s|$)/;

/** The problems not suppressed by a directive comment, then one `suppression-unused` problem per unused or unknown id. */
export function applySuppressions(text: string, comments: ParseResult['comments'], problems: readonly Problem[], locale: string): readonly Problem[] {
  const directives = readDirectives(text, comments);
  // Nearly every profile has none: the problems go through untouched.
  if (directives.length === 0) return problems;
  const lines = lineStarts(text);
  const kept: Problem[] = [];
  for (const p of problems) {
    if (p.code === suppressionUnused.id || !suppress(p, directives, lines)) kept.push(p);
  }
  const t = (key: string, ...args: string[]) => translate(suppressionUnused.messages, locale, key, args);
  for (const d of directives) {
    const unusedIds = d.ids.filter((i) => !i.used);
    // The comment can go as a whole only when nothing in it is used.
    const whole = d.ids.length === 0 ? !d.usedAll : unusedIds.length === d.ids.length;
    const data = whole ? { remove: removableSpan(text, d) } : undefined;
    if (d.ids.length === 0 && !d.usedAll) {
      kept.push({ code: suppressionUnused.id, offset: d.offset, length: d.length, message: t('unusedAll', d.kind), data });
    }
    for (const i of unusedIds) {
      const message = getRule(i.id) ? t('unused', i.id, d.kind) : t('unknown', i.id, d.kind);
      kept.push({ code: suppressionUnused.id, offset: i.offset, length: i.length, message, data });
    }
  }
  return kept;
}

/** True when a directive covers the problem; marks what it used. */
function suppress(p: Problem, directives: Directive[], lines: number[]): boolean {
  let line = -1;
  let suppressed = false;
  for (const d of directives) {
    if (d.kind === 'mobileconfig-disable') {
      if (p.offset < d.offset + d.length) continue;
    } else {
      if (line < 0) line = lineOf(lines, p.offset);
      if (line !== d.line) continue;
    }
    if (d.ids.length === 0) {
      d.usedAll = suppressed = true;
      continue;
    }
    // Every directive that covers the problem counts as used, so two overlapping ones are not both reported.
    for (const i of d.ids) {
      if (i.id === p.code) i.used = suppressed = true;
    }
  }
  return suppressed;
}

function readDirectives(text: string, comments: ParseResult['comments']): Directive[] {
  const out: Directive[] = [];
  let lines: number[] | undefined;
  for (const c of comments) {
    // Only a terminated comment is a directive: an unterminated one runs to the end of the file.
    if (!text.startsWith('-->', c.offset + c.length - 3) || c.length < 7) continue;
    const bodyStart = c.offset + 4;
    const body = text.slice(bodyStart, c.offset + c.length - 3);
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const kind = m[2] as Kind;
    // As in ESLint, `-- text` after the ids is a reason for people, not an id.
    let list = body.slice(m[0].length);
    const reason = list.search(/\s--(\s|$)/);
    if (reason >= 0) list = list.slice(0, reason);
    const ids: Directive['ids'] = [];
    const idPattern = /[^\s,]+/g;
    for (let id = idPattern.exec(list); id; id = idPattern.exec(list)) {
      ids.push({ id: id[0], offset: bodyStart + m[0].length + id.index, length: id[0].length, used: false });
    }
    lines ??= lineStarts(text);
    const line = kind === 'mobileconfig-disable-next-line' ? lineOf(lines, c.offset + c.length) + 1 : -1;
    out.push({ kind, offset: c.offset, length: c.length, ids, usedAll: false, line });
  }
  return out;
}

/** The directive's comment, with its line when nothing else is on it (so removing it leaves no blank line). */
function removableSpan(text: string, d: Directive): { offset: number; length: number } {
  const lineStart = text.lastIndexOf('\n', d.offset - 1) + 1;
  const end = d.offset + d.length;
  const newline = /^[ \t]*(\r?\n|\r|$)/.exec(text.slice(end, end + 200));
  if (/^[ \t]*$/.test(text.slice(lineStart, d.offset)) && newline) {
    return { offset: lineStart, length: end + newline[0].length - lineStart };
  }
  return { offset: d.offset, length: d.length };
}

/**
 * The edit that inserts `<!-- mobileconfig-disable-next-line code -->` above the line where a problem starts,
 * with that line's indentation and line break; undefined where a comment cannot go without changing the profile
 * (inside a multi-line value, a comment or a tag, before the XML declaration, or in a signed or binary file).
 */
function disableNextLineEdit(text: string, parse: ParseResult, offset: number, code: string): { offset: number; length: number; newText: string } | undefined {
  if (parse.container !== 'xml' || code === suppressionUnused.id) return undefined;
  const lineStart = lastLineBreak(text, offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  const first = lineStart + indent.length;
  if (text[first] !== '<' || text.startsWith('<?xml', first)) return undefined;
  if (parse.comments.some((c) => lineStart > c.offset && lineStart < c.offset + c.length)) return undefined;
  if (!followsCompleteMarkup(text, lineStart)) return undefined;
  // A line starting inside a scalar's text (a multi-line string or CDATA) belongs to that value.
  const node = nodeAtOffset(parse.root, lineStart);
  if (node && 'valueOffset' in node && lineStart > node.valueOffset && lineStart < node.valueOffset + node.valueLength) return undefined;
  const eol = firstLineBreak(text);
  return { offset: lineStart, length: 0, newText: `${indent}<!-- mobileconfig-disable-next-line ${code} -->${eol}` };
}

/**
 * True when the markup last before `offset` is a complete tag after which a comment may stand: an end tag, an
 * empty element, a container's start tag, a finished comment or the declarations. A line that starts inside a
 * tag, or after a value's start tag (the text of a `<string>` a broken document's tree does not show), is not.
 * A local look, so a broken 1 MB document is not parsed again for every diagnostic's lightbulb.
 */
function followsCompleteMarkup(text: string, offset: number): boolean {
  const lt = text.lastIndexOf('<', offset - 1);
  if (lt < 0) return true;
  const gt = text.indexOf('>', lt);
  if (gt < 0 || gt >= offset) return false;
  const tag = text.slice(lt, gt + 1);
  if (tag.startsWith('<!--')) return tag.endsWith('-->');
  return tag.startsWith('</') || tag.endsWith('/>') || tag.startsWith('<?') || tag.startsWith('<!DOCTYPE') || /^<(dict|array|plist)\b/.test(tag);
}

/** The quick fix's title, in the settings' locale. */
function disableNextLineTitle(code: string, locale: string): string {
  return translate(suppressionUnused.messages, locale, 'disableLine', [code]);
}

function nextLineBreak(text: string, offset: number): number {
  // indexOf, not a regex over a copy of the rest: a lightbulb is asked per diagnostic of a large document.
  const n = text.indexOf('\n', offset);
  const r = text.indexOf('\r', offset);
  const found = n < 0 ? r : r < 0 ? n : Math.min(n, r);
  return found < 0 ? text.length : found;
}

function lastLineBreak(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
}


/** The kind of the "disable for the next line" quick fix: a quick fix, told apart from the rules' own fixes. */
export const SUPPRESS_KIND = `${CodeActionKind.QuickFix}.mobileconfig.disable`;

/**
 * The "disable for the next line" quick fix for one diagnostic, or none where a comment cannot go. `reportsOn` says
 * whether the document's problems now include one of `code` in [from, to]:
 * the document's problems now: a diagnostic from an older version whose rule no longer reports on that line gets
 * no fix, since the comment would suppress nothing.
 */
export function suppressionActions(document: TextDocument, parse: ParseResult, diagnostic: Diagnostic, code: string, locale: string, reportsOn: (code: string, from: number, to: number) => boolean): CodeAction[] {
  const text = document.getText();
  const offset = document.offsetAt(diagnostic.range.start);
  const lineStart = lastLineBreak(text, offset) + 1;
  const lineEnd = nextLineBreak(text, offset);
  if (!reportsOn(code, lineStart, lineEnd)) return [];
  const edit = disableNextLineEdit(text, parse, offset, code);
  if (!edit) return [];
  const at = document.positionAt(edit.offset);
  return [{
    title: disableNextLineTitle(code, locale), kind: SUPPRESS_KIND, diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: { start: at, end: at }, newText: edit.newText }] } },
    // Like the rules' fixes, the action says what it is in data, not only in its title.
    data: { code, fix: 'disable-next-line' },
  }];
}

/**
 * Whether the problems include one of `code` starting in [from, to], by binary search over each code's sorted
 * offsets: a lightbulb is asked per diagnostic, and a broken document can have hundreds of thousands of problems.
 */
export function problemLookup(problems: readonly Problem[]): (code: string, from: number, to: number) => boolean {
  const byCode = new Map<string, number[]>();
  for (const p of problems) {
    const list = byCode.get(p.code);
    if (list) list.push(p.offset);
    else byCode.set(p.code, [p.offset]);
  }
  for (const list of byCode.values()) list.sort((a, b) => a - b);
  return (code, from, to) => {
    const list = byCode.get(code);
    if (!list) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] <= to;
  };
}
