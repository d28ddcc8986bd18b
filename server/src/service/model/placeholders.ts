/**
 * The one definition of a placeholder: text an MDM or a template tool replaces before the profile reaches a
 * device (`$EMAIL`, `{{name}}`, `{% tag %}`, `%SerialNumber%`, `${uuid_1}`). A value holding one is judged by the
 * placeholder rule alone, not by format, type or UUID rules that would only see the unfilled text.
 */
import type { PlistNode, ScalarNode } from '../types';
import type { Payload } from './tree';

const PLACEHOLDER = /\{\{[^{}]*\}\}|\{%[^%]*%\}|\$\{[^}]*\}|\$[A-Z][A-Z0-9_]+|%[A-Za-z_]\w*%/;

/** The first placeholder in a value, if any. */
export function findPlaceholder(value: string): string | undefined {
  return PLACEHOLDER.exec(value)?.[0];
}

export interface Placeholder {
  node: ScalarNode;
  /** The placeholder text itself, e.g. `$EMAIL`. */
  text: string;
  payload: Payload;
}

/** Every `<string>` of these payloads that holds a placeholder, in document order. */
export function findPlaceholders(payloads: readonly Payload[]): Placeholder[] {
  const out: Placeholder[] = [];
  for (const payload of payloads) {
    const visit = (node: PlistNode) => {
      if (node.kind === 'dict') {
        for (const e of node.entries) {
          // The profile dict's PayloadContent holds payloads of their own, visited as such.
          if (!e.value || (payload.index < 0 && node === payload.dict && e.key?.name === 'PayloadContent')) continue;
          visit(e.value);
        }
      } else if (node.kind === 'array') {
        for (const item of node.items) visit(item);
      } else if (node.kind === 'string') {
        const text = findPlaceholder(node.value);
        if (text) out.push({ node, text, payload });
      }
    };
    visit(payload.dict);
  }
  return out;
}
