/**
 * The shape of a lint rule: an id, a default severity, its messages in every shipped language,
 * a check that reports problems, and optional quick fixes recomputed from the problem alone.
 */
import type { Profile } from '../profile';
import { knownPayloads, walkPayload } from '../schemaWalk';
import type { KnownPayload, PayloadWalk } from '../schemaWalk';
import type { ParseResult, Problem, ServiceSettings, Severity } from '../types';

/** One text replacement by offsets in the document (insert: length 0; delete: newText ''). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix VS Code applies with "Auto Fix" / the lightbulb's first entry. */
  isPreferred?: boolean;
}

/** Message templates by locale; `{0}`, `{1}` are replaced by the arguments. English is required. */
export type Messages = { en: Record<string, string>; ja?: Record<string, string> };

export interface RuleContext {
  readonly text: string;
  readonly parse: ParseResult;
  readonly profile: Profile;
  readonly settings: ServiceSettings;
  /** The rule's message `key` in the settings' locale, with arguments filled in. */
  t(key: string, ...args: (string | number)[]): string;
  report(problem: Omit<Problem, 'code'>): void;
  /** For fixes only: the document's error problems in a span (every rule's, after settings). Absent while validating. */
  errorsWithin?(offset: number, length: number): Problem[];
}

export interface Rule {
  /** Kebab-case noun phrase naming the problem; the diagnostic code and the settings key. */
  id: string;
  defaultSeverity: Severity;
  /** A different default in portal mode (the user's per-rule setting still wins). */
  portalSeverity?: Severity;
  /** Only runs in this mode. */
  onlyInMode?: ServiceSettings['mode'];
  /** One English sentence for the README table and SARIF. */
  description: string;
  messages: Messages;
  /** Problems reported by the parser itself carry this rule's id; such a rule has no `check`. */
  fromParser?: boolean;
  check?(ctx: RuleContext): void;
  /**
   * True when `check` looks only at `ctx.profile.payloads`, each payload on its own: what it reports about a
   * payload depends on nothing else and lies inside it. The editor's validation then keeps the results per
   * payload and, after an edit, checks only the changed payloads, on one-payload views of the profile (a new
   * tree, and a one-shot `validate(text)`, run `check` over the whole profile as usual).
   */
  payloadLocal?: boolean;
  /**
   * A schema rule's check of one payload's part of the schema walk (`all`: every payload the catalog knows).
   * Validation walks the payloads one at a time and runs every schema rule on each part; such a rule's `check`
   * is `checkEachPayload`, for callers that run it alone.
   */
  checkSchema?(ctx: RuleContext, part: PayloadWalk, payload: KnownPayload, all: readonly KnownPayload[]): void;
  /** Quick fixes for one of this rule's problems. */
  fixes?(ctx: RuleContext, problem: Problem): Fix[];
}

/** Fills `{0}`-style placeholders. */
export function formatMessage(template: string, args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

export function translate(messages: Messages, locale: string, key: string, args: (string | number)[]): string {
  const lang = locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  const template = (lang === 'ja' ? messages.ja?.[key] : undefined) ?? messages.en[key] ?? key;
  return formatMessage(template, args);
}

/** Runs a schema rule's per-payload check over every payload: its `check`, for callers that run one rule alone. */
export function checkEachPayload(rule: Rule, ctx: RuleContext): void {
  const all = knownPayloads(ctx.profile);
  for (const payload of all) rule.checkSchema!(ctx, walkPayload(payload), payload, all);
}
