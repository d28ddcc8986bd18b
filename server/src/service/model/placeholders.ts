/**
 * The one definition of a placeholder: text an MDM or a template tool replaces before the profile reaches a
 * device (`$EMAIL`, `{{name}}`, `{% tag %}`, `%SerialNumber%`, `${uuid_1}`). A value holding one is judged by the
 * placeholder rule alone, not by format, type or UUID rules that would only see the unfilled text.
 */
import type { ScalarNode } from '../types';
import type { Payload } from './tree';

const PLACEHOLDER = /\{\{[^{}]*\}\}|\{%[^%]*%\}|\$\{[^}]*\}|\$[A-Z][A-Z0-9_]+|%[A-Za-z_]\w*%/;

/** The first placeholder in a value, if any. */
export function findPlaceholder(value: string): string | undefined {
  // Most values have none of the characters a placeholder starts with: skip the pattern for them.
  if (value.indexOf('$') < 0 && value.indexOf('{') < 0 && value.indexOf('%') < 0) return undefined;
  return PLACEHOLDER.exec(value)?.[0];
}

export interface Placeholder {
  node: ScalarNode;
  /** The placeholder text itself, e.g. `$EMAIL`. */
  text: string;
  payload: Payload;
}
