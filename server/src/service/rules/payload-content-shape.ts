/**
 * Checks the shape of the profile's PayloadContent: an <array> of <dict> payloads.
 * Why: a dict or a string there is silently ignored or rejected by iOS, so the payloads never install.
 */
import { getEntry } from '../model/tree';
import type { Rule } from './rule';

export const payloadContentShape: Rule = {
  id: 'payload-content-shape',
  defaultSeverity: 'error',
  description: 'The profile\'s PayloadContent must be an array of payload dicts.',
  messages: {
    en: { notArray: 'PayloadContent of a Configuration profile must be an <array> of payload dicts, not a <{0}>.', notDict: 'Each item of PayloadContent must be a payload <dict>, not a <{0}>.' },
    ja: { notArray: 'Configuration プロファイルの PayloadContent は <{0}> ではなく、ペイロード dict の <array> でなければなりません。', notDict: 'PayloadContent の各要素は <{0}> ではなく、ペイロードの <dict> でなければなりません。' },
  },
  check(ctx) {
    const top = ctx.model.top;
    if (!top || ctx.model.payloads.length === 0 && !getEntry(top, 'PayloadContent')) return;
    const entry = getEntry(top, 'PayloadContent');
    const type = getEntry(top, 'PayloadType')?.value;
    if (!entry?.value || type?.kind !== 'string' || type.value !== 'Configuration') return;
    const v = entry.value;
    if (v.kind !== 'array') {
      ctx.report({ offset: v.offset, length: v.length, message: ctx.t('notArray', v.kind) });
      return;
    }
    for (const item of v.items) {
      if (item.kind !== 'dict') ctx.report({ offset: item.offset, length: item.length, message: ctx.t('notDict', item.kind) });
    }
  },
};
