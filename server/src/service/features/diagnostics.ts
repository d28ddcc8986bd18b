/**
 * Runs the parser's problems and every enabled rule over a parse, then turns the problems into LSP
 * diagnostics with severities from the settings. A rule that throws is isolated: its problems are dropped.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { getRule, rules } from '../rules';
import { Rule, RuleContext, translate } from '../rules/rule';
import { translateParserMessageJa } from '../parser/messagesJa';
import type { Problem, ServiceSettings, Severity } from '../types';

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
export function createRuleContext(rule: Rule, model: ProfileModel, sink: Problem[], errorsWithin?: RuleContext['errorsWithin']): RuleContext {
  const { text, settings } = model;
  return {
    text, model, settings, errorsWithin,
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

/** Full diagnostics of a model: the parser's problems and every enabled rule's, with severities from its settings. */
export function runRules(document: TextDocument, model: ProfileModel, onRuleError?: RuleErrorHandler): Diagnostic[] {
  return toDiagnostics(document, collectProblems(model, onRuleError), model.settings);
}

/**
 * The parser's problems plus every enabled rule's, unsorted and with offsets. Computed once per model: code
 * actions ask again for the errors in a span.
 */
export function collectProblems(model: ProfileModel, onRuleError?: RuleErrorHandler): readonly Problem[] {
  return model.remember('problems', () => {
    const { text, parse, settings } = model;
    const problems: Problem[] = [...parse.problems];
    if (text.length > settings.maxDocumentSize) {
      problems.push({
        code: 'document-too-large', severity: 'info', offset: 0, length: 0,
        message: `This file has ${text.length} characters, more than mobileconfig.limits.maxDocumentSize (${settings.maxDocumentSize}): only XML errors are reported.`,
      });
      return problems;
    }
    if (!parse.root) return problems;
    for (const rule of rules) {
      if (!rule.check || settings.rules[rule.id] === 'off') continue;
      if (rule.onlyInMode && rule.onlyInMode !== settings.mode) continue;
      const found: Problem[] = [];
      try {
        rule.check(createRuleContext(rule, model, found));
      } catch (error) {
        // A rule that throws is isolated: what it found is dropped, the others still report.
        onRuleError?.(rule.id, error);
        continue;
      }
      for (const p of found) problems.push(p);
    }
    return problems;
  });
}

/** The problems of a model that are errors (after its settings) and lie in [offset, offset + length). */
export function errorsWithin(model: ProfileModel, offset: number, length: number): Problem[] {
  return collectProblems(model).filter((p) => p.offset >= offset && p.offset < offset + length && effectiveSeverity(p, model.settings) === 'error');
}

export function toDiagnostics(document: TextDocument, problems: readonly Problem[], settings: ServiceSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const positionAt = (offset: number) => document.positionAt(offset);
  const uri = document.uri;
  // Rules translate their own messages; the parser's (and this pipeline's) English ones are translated here.
  const japanese = settings.locale.toLowerCase().startsWith('ja');
  const localise = (p: Problem) => (japanese && !getRule(p.code)?.check ? translateParserMessageJa(p.message) ?? p.message : p.message);
  const sorted = problems.slice().sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  for (const p of sorted) {
    const severity = effectiveSeverity(p, settings);
    if (!severity) continue;
    if (out.length >= settings.maxDiagnostics) {
      out.push({
        range: { start: positionAt(p.offset), end: positionAt(p.offset) },
        severity: DiagnosticSeverity.Information, source: SOURCE, code: 'too-many-diagnostics',
        message: localise({ code: 'too-many-diagnostics', offset: 0, length: 0, message: `More than ${settings.maxDiagnostics} problems; the rest are not shown (mobileconfig.limits.maxDiagnostics).` }),
      });
      break;
    }
    const d: Diagnostic = {
      range: { start: positionAt(p.offset), end: positionAt(p.offset + p.length) },
      severity: SEVERITY[severity],
      source: SOURCE,
      code: p.code,
      message: localise(p),
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
