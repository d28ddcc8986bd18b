/**
 * The properties every input must keep, as one checker shared by the hostile suite, the fuzz tests and the
 * long fuzz run: no exception escapes (rule exceptions included, although the pipeline swallows them),
 * every offset the service turns into a position lies inside the document, every diagnostic, symbol and
 * folding range is well-formed, no message quotes text that is not in the document, and every quick fix
 * applies cleanly (and, when asked, adds no error). Violations are returned as strings, never thrown,
 * so a fuzzer can shrink on them and a test can print them all.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, resolveSettings, ServiceSettings } from '../../server/src/service';
import { createRuleContext, runRules } from '../../server/src/service/features/diagnostics';
import { rules } from '../../server/src/service/rules';
import type { Problem } from '../../server/src/service/types';

export interface CheckOptions {
  settings?: Partial<ServiceSettings>;
  /** Strings that must never appear in any message (e.g. lines of /etc/passwd). */
  forbidden?: string[];
  /** Ask for quick fixes of at most this many diagnostics (default: all). */
  maxFixDiagnostics?: number;
  /** Re-validate each fixed document and report errors the fix added (costly: one validation per fix). */
  verifyFixes?: boolean;
  /** Longest message allowed; a message quoting a megabyte of the document is a bug of its own. */
  maxMessageLength?: number;
}

export interface CheckResult {
  violations: string[];
  diagnostics: Diagnostic[];
  /** Milliseconds spent in parse + validate (the call an editor waits for). */
  validateMs: number;
}

const service = createLanguageService();

/** Keeps a message short enough to print in a test failure. */
/** Diagnostic messages may be MarkupContent in newer protocol versions; compare their text either way. */
const textOf = (m: string | { value: string }) => (typeof m === 'string' ? m : m.value);
const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const errText = (e: unknown) => short(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 300);

/**
 * A TextDocument whose positionAt/offsetAt complain about arguments outside the text. The real ones clamp,
 * which would hide exactly the out-of-range offsets this checker is looking for.
 */
export function strictDocument(doc: TextDocument, violations: string[], where: string): TextDocument {
  const length = doc.getText().length;
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop === 'positionAt') {
        return (offset: number) => {
          if (!Number.isInteger(offset) || offset < 0 || offset > length) violations.push(`${where}: positionAt(${offset}) outside 0..${length}`);
          return target.positionAt(offset);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Whether a position names a real place in the document (line exists, character within that line). */
function positionOk(doc: TextDocument, p: Position | undefined): boolean {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
  if (p.line >= doc.lineCount) return false;
  const lineStart = doc.offsetAt({ line: p.line, character: 0 });
  const nextStart = p.line + 1 < doc.lineCount ? doc.offsetAt({ line: p.line + 1, character: 0 }) : doc.getText().length;
  return p.character <= nextStart - lineStart;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

export function rangeProblem(doc: TextDocument, r: Range | undefined): string | undefined {
  if (!r) return 'missing range';
  if (!positionOk(doc, r.start)) return `start ${JSON.stringify(r.start)} outside the document`;
  if (!positionOk(doc, r.end)) return `end ${JSON.stringify(r.end)} outside the document`;
  if (!before(r.start, r.end)) return `end ${JSON.stringify(r.end)} before start ${JSON.stringify(r.start)}`;
  return undefined;
}

const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/**
 * The error diagnostics of a text as a multiset of `code: message`, with UUIDs (a fix may mint a fresh one)
 * and quoted names (a message quoting the PayloadType changes when a fix changes the type) masked.
 */
export function errorKeys(diagnostics: Diagnostic[]): Map<string, number> {
  const uuid = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/g;
  const out = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 1) continue;
    const key = `${d.code}: ${textOf(d.message).replace(uuid, '<uuid>').replace(/"[^"]*"/g, '"…"')}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * Fixes that change a PayloadType switch the payload to another schema, and "did you mean" key renames make
 * the renamed key's own checks apply to a value nobody checked before: such a fix may bring a profile-level
 * error to light that was latent all along. It must still never break the XML or the plist structure
 * (codes `xml-*` and `plist-*`, e.g. a rename onto a key the dict already has). Any other added error is a bug.
 */
const SCHEMA_CHANGING_FIXES = new Set(['profile-payload-type', 'payload-type-unknown', 'payload-key-unknown']);
const mayReveal = (fixCode: string, errorKey: string) => SCHEMA_CHANGING_FIXES.has(fixCode) && !/^(xml|plist)-/.test(errorKey);

/** Validates a text the way the server does (parse, then rules with an error handler) and returns the diagnostics. */
export function diagnosticsOf(text: string, settings?: Partial<ServiceSettings>, uri = 'file:///hostile.mobileconfig'): Diagnostic[] {
  const doc = TextDocument.create(uri, 'mobileconfig', 1, text);
  const s = resolveSettings(settings);
  return runRules(doc, service.parseDocument(doc, s).model);
}

/** Runs every service feature over `text` and collects every broken property. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const violations: string[] = [];
  const settings = resolveSettings(options.settings);
  const uri = 'file:///hostile.mobileconfig';
  const doc = TextDocument.create(uri, 'mobileconfig', 1, text);
  const maxMessage = options.maxMessageLength ?? 4000;
  let diagnostics: Diagnostic[] = [];
  let validateMs = 0;
  let parsed: ReturnType<typeof service.parseDocument>;
  try {
    const t0 = performance.now();
    parsed = service.parseDocument(strictDocument(doc, violations, 'parse'), settings);
    diagnostics = runRules(strictDocument(doc, violations, 'validate'), parsed.model, (id: string, e: unknown) => violations.push(`rule ${id} threw ${errText(e)}`));
    validateMs = performance.now() - t0;
  } catch (e) {
    violations.push(`validate threw ${errText(e)}`);
    return { violations, diagnostics, validateMs };
  }

  // Offsets are checked before any conversion too: the pipeline's own offset-to-position helper clamps,
  // so a rule reporting past the end would otherwise come out as a plausible range at the last character.
  const offsetsOk = (p: Problem | { offset: number; length: number }) => Number.isInteger(p.offset) && Number.isInteger(p.length) && p.offset >= 0 && p.length >= 0 && p.offset + p.length <= text.length;
  for (const p of parsed.parse.problems) {
    if (!offsetsOk(p)) violations.push(`parser problem ${p.code} at ${p.offset}+${p.length} outside 0..${text.length}`);
  }
  if (parsed.parse.root && text.length <= settings.maxDocumentSize) {
    for (const rule of rules) {
      if (!rule.check) continue;
      const found: Problem[] = [];
      try {
        rule.check(createRuleContext(rule, parsed.model, found));
      } catch {
        continue; // already reported through runRules' error handler
      }
      for (const p of found) {
        if (!offsetsOk(p)) violations.push(`rule ${rule.id}: problem at ${p.offset}+${p.length} outside 0..${text.length}`);
        for (const r of p.related ?? []) if (!offsetsOk(r)) violations.push(`rule ${rule.id}: related at ${r.offset}+${r.length} outside 0..${text.length}`);
      }
    }
  }
  const checkMessage = (what: string, message: string) => {
    if (typeof message !== 'string' || message.length === 0) violations.push(`${what}: empty message`);
    else if (message.length > maxMessage) violations.push(`${what}: message of ${message.length} characters: ${short(message)}`);
    for (const f of options.forbidden ?? []) if (message.includes(f)) violations.push(`${what}: message quotes forbidden text ${JSON.stringify(short(f, 40))}`);
  };
  if (diagnostics.length > settings.maxDiagnostics + 1) violations.push(`${diagnostics.length} diagnostics, more than maxDiagnostics ${settings.maxDiagnostics} + 1`);
  for (const d of diagnostics) {
    const what = `diagnostic ${String(d.code)}`;
    const bad = rangeProblem(doc, d.range);
    if (bad) violations.push(`${what}: ${bad}`);
    checkMessage(what, textOf(d.message));
    for (const r of d.relatedInformation ?? []) {
      const badRelated = rangeProblem(doc, r.location.range);
      if (badRelated) violations.push(`${what} related: ${badRelated}`);
      checkMessage(`${what} related`, r.message);
    }
  }

  try {
    const walk = (symbols: DocumentSymbol[], depth: number) => {
      for (const s of symbols) {
        const bad = rangeProblem(doc, s.range) ?? rangeProblem(doc, s.selectionRange);
        if (bad) violations.push(`symbol ${short(s.name, 40)}: ${bad}`);
        // VS Code rejects a symbol whose selectionRange is not inside its range.
        else if (!contains(s.range, s.selectionRange)) violations.push(`symbol ${short(s.name, 40)}: selectionRange outside range`);
        if (!s.name || s.name.trim() === '') violations.push('symbol with an empty name (VS Code rejects it)');
        // A symbol's name is the payload's own name from the document, so only leaks are checked, not length.
        for (const f of options.forbidden ?? []) if (s.name?.includes(f)) violations.push(`symbol: name quotes forbidden text ${JSON.stringify(short(f, 40))}`);
        if (s.children && depth < 1000) walk(s.children, depth + 1);
      }
    };
    walk(service.getDocumentSymbols({ ...parsed, document: strictDocument(doc, violations, 'symbols') }), 0);
  } catch (e) {
    violations.push(`getDocumentSymbols threw ${errText(e)}`);
  }

  try {
    for (const f of service.getFoldingRanges({ ...parsed, document: strictDocument(doc, violations, 'folding') })) {
      if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount)) violations.push(`folding range ${f.startLine}-${f.endLine} outside 0..${doc.lineCount - 1}`);
    }
  } catch (e) {
    violations.push(`getFoldingRanges threw ${errText(e)}`);
  }

  const errorsBefore = options.verifyFixes ? errorKeys(diagnostics) : undefined;
  const fixable = diagnostics.slice(0, options.maxFixDiagnostics ?? diagnostics.length);
  const seenActions = new Set<string>();
  for (const d of fixable) {
    let actions: CodeAction[];
    try {
      actions = service.getCodeActions({ ...parsed, document: strictDocument(doc, violations, `fixes for ${String(d.code)}`) }, d.range, [d], settings);
    } catch (e) {
      violations.push(`getCodeActions for ${String(d.code)} threw ${errText(e)}`);
      continue;
    }
    for (const action of actions) {
      const edits: TextEdit[] | undefined = action.edit?.changes?.[uri];
      if (!edits) continue;
      const key = JSON.stringify(edits);
      if (seenActions.has(key)) continue;
      seenActions.add(key);
      const what = `fix "${short(action.title, 60)}" (${String(d.code)})`;
      const bad = edits.map((e) => rangeProblem(doc, e.range)).find((x) => x);
      if (bad) { violations.push(`${what}: edit ${bad}`); continue; }
      let fixed: string;
      try {
        fixed = TextDocument.applyEdits(doc, edits);
      } catch (e) {
        violations.push(`${what}: edits do not apply: ${errText(e)}`);
        continue;
      }
      if (fixed === text) violations.push(`${what}: changes nothing`);
      if (errorsBefore) {
        try {
          const after = errorKeys(diagnosticsOf(fixed, options.settings));
          const added = [...after]
            .filter(([k, n]) => n > (errorsBefore.get(k) ?? 0) && !mayReveal(String(d.code), k))
            .map(([k]) => k);
          if (added.length) violations.push(`${what}: adds ${added.length} error(s): ${added.slice(0, 3).map((k) => short(k, 120)).join(' | ')}`);
        } catch (e) {
          violations.push(`${what}: re-validating the fixed text threw ${errText(e)}`);
        }
      }
    }
  }
  return { violations, diagnostics, validateMs };
}
