/**
 * Runs the parser's problems and every enabled rule over a parse, then turns the problems into LSP
 * diagnostics with severities from the settings. A rule that throws is isolated: its problems are dropped.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, Position } from 'vscode-languageserver-types';
import { buildProfile, nodeCache, Payload, Profile } from '../profile';
import { knownPayloads, targetsMac, TOP_LEVEL_TYPE, walkPayload } from '../schemaWalk';
import type { KnownPayload, PayloadWalk } from '../schemaWalk';
import { getRule, rules } from '../rules';
import { Rule, RuleContext, translate } from '../rules/rule';
import { messageProblem, renderMessage } from '../parser/messages';
import type { DictNode, ParseResult, PlistNode, Problem, ServiceSettings, Severity } from '../types';

export const SOURCE = 'mobileconfig';

/** Called when a rule throws, so the host can log it; the service itself never logs. */
export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The context a rule sees for one document; also used by code actions to recompute fixes (with `errorsWithin`). */
export function createRuleContext(rule: Rule, text: string, parse: ParseResult, profile: Profile, settings: ServiceSettings, sink: Problem[], errorsWithin?: RuleContext['errorsWithin']): RuleContext {
  return {
    text, parse, profile, settings, errorsWithin,
    // Arguments come from the document: clip them so a 1 MB key cannot make a 1 MB message.
    t: (key, ...args) => translate(rule.messages, settings.locale, key, args.map(clipArgument)),
    // One rule cannot report more than the file may show: 50 000 duplicate keys must not build 50 000 messages.
    report: (p) => { if (sink.length <= settings.maxDiagnostics) sink.push({ ...p, code: rule.id }); },
  };
}

const MAX_ARGUMENT = 80;

function clipArgument(arg: string | number): string | number {
  return typeof arg === 'string' && arg.length > MAX_ARGUMENT ? arg.slice(0, MAX_ARGUMENT) + '…' : arg;
}

/** The severity a problem gets after settings, or undefined when its rule is off. */
export function effectiveSeverity(problem: Problem, settings: ServiceSettings): Severity | undefined {
  const configured = settings.rules[problem.code];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  if (problem.severity) return problem.severity;
  const rule = getRule(problem.code);
  if (!rule) return 'error';
  return (settings.mode === 'portal' ? rule.portalSeverity : undefined) ?? rule.defaultSeverity;
}

/**
 * `oneShot`: the document was made for this one call (the `validate(text)` entry point), so its own line table
 * does not exist yet and a faster one is built here. An editor's document keeps its line table across edits
 * (TextDocument updates it incrementally), so the server converts positions with it once it has one.
 */
export function runRules(document: TextDocument, parse: ParseResult, settings: ServiceSettings, onRuleError?: RuleErrorHandler, oneShot = false): Diagnostic[] {
  return toDiagnostics(document, collectProblems(document.getText(), parse, settings, onRuleError, !oneShot), settings, oneShot);
}

/** A rule taking part in a validation, with the problems it found so far. */
interface RuleRun {
  rule: Rule;
  ctx: RuleContext;
  found: Problem[];
  /** It threw: its problems are dropped and it is not asked again. */
  failed: boolean;
}

/** Problems found in a payload dict, offsets relative to it, and the key of what they were found under. */
type KeptProblems = { key: string; problems: readonly Problem[] };
const schemaProblems = nodeCache<KeptProblems>();
const localProblems = nodeCache<KeptProblems>();
const NO_PROBLEMS: readonly Problem[] = [];

/**
 * Runs `check` for each rule on one payload dict, or reuses what they found there when the dict is unchanged
 * since (same object) and `key` matches; then keeps the new results (see `keepProblems`) unless `key` is
 * undefined or some rule failed.
 */
function checkPayload<T>(runs: RuleRun[], kept: WeakMap<PlistNode, KeptProblems>, dict: DictNode, key: string | undefined,
  limit: number, onRuleError: RuleErrorHandler | undefined, check: (run: RuleRun, arg: T) => void, arg: T): void {
  const cached = key === undefined ? undefined : kept.get(dict);
  if (cached && cached.key === key) {
    for (const p of cached.problems) {
      const run = runs.find((r) => r.rule.id === p.code);
      // The same limit as a rule's own report (createRuleContext).
      if (run && run.found.length <= limit) run.found.push(moveProblem(p, dict.offset));
    }
    return;
  }
  // How many problems each rule had before this payload.
  const before = runs.map((r) => r.found.length);
  // A rule that failed earlier is not asked again: what is found here would lack its share.
  let keep = key !== undefined && !runs.some((r) => r.failed);
  let added = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (run.failed) continue;
    try {
      check(run, arg);
    } catch (error) {
      run.failed = true;
      keep = false;
      onRuleError?.(run.rule.id, error);
    }
    added += run.found.length - before[i];
  }
  // A rule at its limit stopped recording: what it found here may be incomplete.
  if (!keep || runs.some((r) => r.found.length > limit)) return;
  keepProblems(kept, dict, key!, added === 0 ? NO_PROBLEMS : runs.flatMap((r, i) => r.found.slice(before[i])));
}

/**
 * Keeps what was found in a payload dict, offsets relative to it: the dict moves as a whole when an edit
 * elsewhere shifts it. Not kept if a problem (or a related place) lies outside the dict.
 */
function keepProblems(kept: WeakMap<PlistNode, KeptProblems>, dict: DictNode, key: string, found: readonly Problem[]): void {
  if (found.length === 0) {
    // Most payloads have no problems: one shared record per key.
    kept.set(dict, noProblemsFor(key));
    return;
  }
  const end = dict.offset + dict.length;
  const inside = (s: { offset: number; length: number }) => s.offset >= dict.offset && s.offset + s.length <= end;
  if (!found.every((p) => inside(p) && (p.related ?? []).every(inside))) return;
  kept.set(dict, { key, problems: found.map((p) => moveProblem(p, -dict.offset)) });
}

/**
 * Files the problems payload-local rules found over a whole profile under the payload holding each, as
 * `checkPayload` would have kept them. Nothing is kept if a rule failed or reached its limit, or a problem lies
 * outside every payload.
 */
function fileByPayload(runs: RuleRun[], payloads: readonly Payload[], key: string, limit: number): void {
  if (runs.some((r) => r.failed || r.found.length > limit)) return;
  const buckets = new Map<DictNode, Problem[]>();
  for (const run of runs) {
    for (const p of run.found) {
      const payload = payloadAt(payloads, p.offset);
      if (!payload) return;
      const list = buckets.get(payload.dict);
      if (list) list.push(p);
      else buckets.set(payload.dict, [p]);
    }
  }
  for (const { dict } of payloads) keepProblems(localProblems, dict, key, buckets.get(dict) ?? NO_PROBLEMS);
}

/** The payload whose dict holds `offset` (payloads are in document order). */
function payloadAt(payloads: readonly Payload[], offset: number): Payload | undefined {
  let lo = 0;
  let hi = payloads.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const { dict } = payloads[mid];
    if (offset < dict.offset) hi = mid - 1;
    else if (offset >= dict.offset + dict.length) lo = mid + 1;
    else return payloads[mid];
  }
  return undefined;
}

/** The shared record of a payload without problems, by key. */
function noProblemsFor(key: string): KeptProblems {
  let none = noProblems.get(key);
  if (!none) {
    // Bounded: portal mode's key holds the workspace's profile names, which change as files do.
    if (noProblems.size >= 16) noProblems.clear();
    noProblems.set(key, (none = { key, problems: NO_PROBLEMS }));
  }
  return none;
}

/** The record of a payload without problems, by key (settings change rarely: a handful of keys at most). */
const noProblems = new Map<string, KeptProblems>();

function moveProblem(p: Problem, by: number): Problem {
  const moved: Problem = { ...p, offset: p.offset + by };
  if (p.related) moved.related = p.related.map((r) => ({ ...r, offset: r.offset + by }));
  return moved;
}

/** The last validation's problems of each parse, so a code action that must know them does not validate again. */
const lastProblems = new WeakMap<ParseResult, { settings: ServiceSettings; problems: Problem[] }>();

/** The parser's problems plus every enabled rule's, unsorted and with offsets. */
export function collectProblems(text: string, parse: ParseResult, settings: ServiceSettings, onRuleError?: RuleErrorHandler, keep = true): Problem[] {
  const problems: Problem[] = [...parse.problems];
  const tooLarge = text.length > settings.maxDocumentSize;
  if (tooLarge) {
    problems.push({ ...messageProblem('document-too-large', 0, 0, settings.locale, 'documentTooLarge', text.length, settings.maxDocumentSize), severity: 'info' });
  } else if (parse.root) {
    const profile = buildProfile(parse);
    const schemaRules: RuleRun[] = [];
    const localRules: RuleRun[] = [];
    for (const rule of rules) {
      if (!rule.check || settings.rules[rule.id] === 'off') continue;
      if (rule.onlyInMode && rule.onlyInMode !== settings.mode) continue;
      const found: Problem[] = [];
      const ctx = createRuleContext(rule, text, parse, profile, settings, found);
      // Payload by payload only when the results are kept for later edits; otherwise a local rule's own check
      // over the whole profile gives the same problems with less work.
      if (rule.checkSchema || (rule.payloadLocal && keep)) {
        (rule.checkSchema ? schemaRules : localRules).push({ rule, ctx, found, failed: false });
        continue;
      }
      try {
        rule.check(ctx);
      } catch (error) {
        onRuleError?.(rule.id, error);
        continue;
      }
      for (const p of found) problems.push(p);
    }
    // A payload an edit did not touch is the same object, so the problems these rules found in it are reused.
    // Besides the payload itself, they depend on the settings and (schema rules) on whether the profile is for Macs.
    const settingsKey = keep && schemaRules.length + localRules.length > 0 ? JSON.stringify(settings) : '';
    // The schema rules share one walk, made a payload at a time: each part is dropped once they have all seen it.
    if (schemaRules.length > 0) {
      const all = knownPayloads(profile);
      const key = `${targetsMac(all, profile)}|${settingsKey}`;
      // The walk of the payload being checked, made when the first schema rule asks for it.
      let walked: { payload: KnownPayload; part: PayloadWalk } | undefined;
      const check = (run: RuleRun, payload: KnownPayload) => {
        if (walked?.payload !== payload) walked = { payload, part: walkPayload(payload) };
        run.rule.checkSchema!(run.ctx, walked.part, payload, all);
      };
      for (const payload of all) {
        // The profile dict holds every change: it is never kept.
        const isTop = payload.payloadType === TOP_LEVEL_TYPE;
        checkPayload(schemaRules, schemaProblems, payload.payload.dict, isTop || !keep ? undefined : key, settings.maxDiagnostics, onRuleError, check, payload);
      }
    }
    if (localRules.length > 0) {
      const payloads = profile.payloads;
      if (!payloads.some((p) => localProblems.get(p.dict)?.key === settingsKey)) {
        // Nothing kept from an earlier validation (a new tree): each rule runs once over the whole profile,
        // and what it found is then filed by payload for the edits to come.
        for (const run of localRules) {
          try {
            run.rule.check!(run.ctx);
          } catch (error) {
            run.failed = true;
            onRuleError?.(run.rule.id, error);
          }
        }
        fileByPayload(localRules, payloads, settingsKey, settings.maxDiagnostics);
      } else {
        // After an edit: payload-local rules see a profile of one payload at a time, and only changed payloads.
        // The one-payload view is made only for a payload that is checked again, once for all its rules.
        let view: Profile | undefined;
        const check = (run: RuleRun, payload: Payload) => {
          if (view?.payloads[0] !== payload) view = { top: profile.top, content: profile.content, payloads: [payload] };
          (run.ctx as { profile: Profile }).profile = view;
          run.rule.check!(run.ctx);
        };
        for (const payload of payloads) checkPayload(localRules, localProblems, payload.dict, settingsKey, settings.maxDiagnostics, onRuleError, check, payload);
      }
    }
    for (const s of [...schemaRules, ...localRules]) if (!s.failed) for (const p of s.found) problems.push(p);
  }
  lastProblems.set(parse, { settings, problems });
  return problems;
}

/**
 * The problems of a parse that are errors (after settings) and lie in [offset, offset + length): from the last
 * validation of this parse with the same settings, else from a new one.
 */
export function errorsWithin(text: string, parse: ParseResult, settings: ServiceSettings, offset: number, length: number): Problem[] {
  const last = lastProblems.get(parse);
  // Settings objects are rebuilt per request: compare what they say, not which object they are.
  const problems = last && (last.settings === settings || JSON.stringify(last.settings) === JSON.stringify(settings))
    ? last.problems : collectProblems(text, parse, settings);
  return problems.filter((p) => p.offset >= offset && p.offset < offset + length && effectiveSeverity(p, settings) === 'error');
}

/**
 * Offset -> position for a one-shot `validate(text)`, which would otherwise spend much of its time building
 * TextDocument's line table with a per-character scan. Lines are counted with `indexOf` as lookups move through
 * the document (diagnostics come sorted by offset); only every 64th line start is kept, for lookups that go back.
 * Line breaks are \n, \r\n and a lone \r, as in TextDocument.
 */
export function positionFinder(text: string): (offset: number) => Position {
  const finder = new LineFinder(text);
  return (offset) => finder.positionAt(offset);
}

class LineFinder {
  /** The start of every MARK_EVERY-th line, as far as lines have been found: a backward lookup starts there. */
  private marks = new Int32Array(64);
  private markCount = 1;
  /** The line the last lookup ended on, and where it starts: lookups in document order only move forward. */
  private line = 0;
  private lineStart = 0;
  private readonly hasCR: boolean;

  constructor(private readonly text: string) {
    this.hasCR = text.indexOf('\r') >= 0;
  }

  positionAt(offset: number): Position {
    const { text } = this;
    const o = Math.max(0, Math.min(offset, text.length));
    if (o < this.lineStart) this.rewind(o);
    for (;;) {
      const next = this.nextLineStart(this.lineStart);
      if (next < 0 || next > o) break;
      this.line++;
      this.lineStart = next;
      if (this.line % MARK_EVERY === 0 && this.line / MARK_EVERY === this.markCount) this.mark(next);
    }
    // Like TextDocument, an offset between \r and \n counts as the end of the line, before the \r.
    const at = o > this.lineStart && text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13 ? o - 1 : o;
    return { line: this.line, character: at - this.lineStart };
  }

  /** Moves back to the last mark at or before `offset`. */
  private rewind(offset: number): void {
    let lo = 0;
    let hi = this.markCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.marks[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.line = lo * MARK_EVERY;
    this.lineStart = this.marks[lo];
  }

  private mark(start: number): void {
    if (this.markCount === this.marks.length) {
      const grown = new Int32Array(this.marks.length * 2);
      grown.set(this.marks);
      this.marks = grown;
    }
    this.marks[this.markCount++] = start;
  }

  /** Where the line after the one starting at `from` starts; -1 on the last line. */
  private nextLineStart(from: number): number {
    const { text } = this;
    if (!this.hasCR) {
      const n = text.indexOf('\n', from);
      return n < 0 ? -1 : n + 1;
    }
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) return i + 1;
      if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    return -1;
  }
}

/** Every 64th line start is kept: a lookup that goes back scans at most 63 lines forward again. */
const MARK_EVERY = 64;

/**
 * True when the document has already built its own line table (it does on its first incremental edit or
 * position lookup). Without one, diagnostics use a compact one-off finder instead of making the document
 * build and keep a table of every line: for a 10 MB profile that is opened and never edited, about 3 MB.
 * Reads a private field of vscode-languageserver-textdocument; if that ever changes, the answer is false and
 * only speed is affected.
 */
function hasLineTable(document: TextDocument): boolean {
  return (document as unknown as { _lineOffsets?: unknown })._lineOffsets !== undefined;
}

export function toDiagnostics(document: TextDocument, problems: Problem[], settings: ServiceSettings, oneShot = false): Diagnostic[] {
  const out: Diagnostic[] = [];
  const positionAt = oneShot || !hasLineTable(document) ? positionFinder(document.getText()) : (offset: number) => document.positionAt(offset);
  const uri = document.uri;
  const sorted = problems.slice().sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  for (const p of sorted) {
    const severity = effectiveSeverity(p, settings);
    if (!severity) continue;
    if (out.length >= settings.maxDiagnostics) {
      out.push({
        range: { start: positionAt(p.offset), end: positionAt(p.offset) },
        severity: DiagnosticSeverity.Information, source: SOURCE, code: 'too-many-diagnostics',
        message: renderMessage(settings.locale, 'tooManyDiagnostics', settings.maxDiagnostics),
      });
      break;
    }
    const d: Diagnostic = {
      range: { start: positionAt(p.offset), end: positionAt(p.offset + p.length) },
      severity: SEVERITY[severity],
      source: SOURCE,
      code: p.code,
      message: p.message,
    };
    if (p.related?.length) {
      d.relatedInformation = p.related.map((r) => ({
        location: { uri, range: { start: positionAt(r.offset), end: positionAt(r.offset + r.length) } },
        message: r.message,
      }));
    }
    if (p.data !== undefined) d.data = p.data;
    out.push(d);
  }
  return out;
}
