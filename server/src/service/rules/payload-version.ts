/**
 * Checks PayloadVersion of the profile and of each payload: an <integer> equal to 1.
 * Why: 1 is the only version Apple defines; a <real>1</real> or <string>1</string> is a different type.
 */
import { getEntry } from '../model/tree';

import { payloadValueAt } from './helpers';
import type { Rule } from './rule';

export const payloadVersion: Rule = {
  id: 'payload-version',
  defaultSeverity: 'error',
  description: 'PayloadVersion must be the integer 1.',
  messages: {
    en: { type: 'PayloadVersion must be <integer>1</integer>, not a <{0}>.', value: 'PayloadVersion must be 1, not {0}.', fix: 'Change to <integer>1</integer>' },
    ja: { type: 'PayloadVersion は <{0}> ではなく <integer>1</integer> でなければなりません。', value: 'PayloadVersion は {0} ではなく 1 でなければなりません。', fix: '<integer>1</integer> に変更' },
  },
  check(ctx) {
    for (const { dict } of ctx.model.allPayloads) {
      const v = getEntry(dict, 'PayloadVersion')?.value;
      if (!v) continue;
      if (v.kind !== 'integer') {
        ctx.report({ offset: v.offset, length: v.length, message: ctx.t('type', v.kind) });
      } else if (/^\s*[+-]?\d+\s*$/.test(v.value) && Number(v.value) !== 1) {
        ctx.report({ offset: v.valueOffset, length: v.valueLength, message: ctx.t('value', v.value.trim()) });
      }
    }
  },
  fixes(ctx, problem) {
    const node = payloadValueAt(ctx.model, 'PayloadVersion', problem, 'either');
    if (!node) return [];
    // A value of the wrong kind is replaced whole; a wrong integer only in its text.
    const whole = node.offset === problem.offset && node.length === problem.length;
    if (whole ? node.kind === 'integer' : node.kind !== 'integer' || Number(node.value) === 1) return [];
    return [{ id: 'fix', title: ctx.t('fix'), isPreferred: true, edits: [{ offset: problem.offset, length: problem.length, newText: whole ? '<integer>1</integer>' : '1' }] }];
  },
};
