/**
 * Flags a well-formed PayloadUUID in mixed case or with surrounding spaces. All upper case (Apple's tools)
 * and all lower case (RFC 9562's output form) are both canonical. Why: some MDMs compare UUIDs as text.
 */
import { getEntry } from '../model/tree';
import { UUID_PATTERN } from '../edits';
import { payloadValueAt } from './helpers';
import type { Rule } from './rule';

export const payloadUuidNoncanonical: Rule = {
  id: 'payload-uuid-noncanonical',
  defaultSeverity: 'warning',
  description: 'A PayloadUUID in mixed case or with surrounding spaces.',
  messages: {
    en: { bad: 'PayloadUUID "{0}" is not in canonical form ({1}).', fix: 'Change to {0}' },
    ja: { bad: 'PayloadUUID "{0}" が正規形 ({1}) ではありません。', fix: '{0} に変更' },
  },
  check(ctx) {
    for (const { dict } of ctx.model.allPayloads) {
      const v = getEntry(dict, 'PayloadUUID')?.value;
      if (v?.kind !== 'string') continue;
      const trimmed = v.value.trim();
      const oneCase = trimmed === trimmed.toUpperCase() || trimmed === trimmed.toLowerCase();
      if (UUID_PATTERN.test(trimmed) && (trimmed !== v.value || !oneCase)) {
        ctx.report({ offset: v.valueOffset, length: v.valueLength, message: ctx.t('bad', v.value, trimmed.toUpperCase()), data: { canonical: trimmed.toUpperCase() } });
      }
    }
  },
  fixes(ctx, problem) {
    const canonical = (problem.data as { canonical?: string } | undefined)?.canonical;
    const node = payloadValueAt(ctx.model, 'PayloadUUID', problem);
    if (!canonical || node?.kind !== 'string' || node.value === canonical || node.value.trim().toUpperCase() !== canonical) return [];
    return [{ id: 'fix', title: ctx.t('fix', canonical), isPreferred: true, edits: [{ offset: problem.offset, length: problem.length, newText: canonical }] }];
  },
};
