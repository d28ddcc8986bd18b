/**
 * The shape of a lint rule: an id, a default severity, its messages in every shipped language,
 * a check that reports problems, and optional quick fixes recomputed from the problem alone.
 */
import type { ProfileModel } from '../model';
import type { Problem, ServiceSettings, Severity, TextEdit } from '../types';

export type { TextEdit } from '../types';

export interface Fix {
  /** Which of the rule's fixes this is (its title's message key): code actions carry it as `data.fix`. */
  id: string;
  title: string;
  edits: TextEdit[];
  /** The fix VS Code applies with "Auto Fix" / the lightbulb's first entry. */
  isPreferred?: boolean;
}

/** Message templates by locale; `{0}`, `{1}` are replaced by the arguments. English is required. */
export type Messages = { en: Record<string, string>; ja?: Record<string, string> };

export interface RuleContext {
  readonly text: string;
  /** The profile model: payloads, VPN roles, references, secrets, schema facts. */
  readonly model: ProfileModel;
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
