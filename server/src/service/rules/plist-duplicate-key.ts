/**
 * Flags a key written twice in one dict. Why: which value a device keeps is undefined, and editors show
 * only one of them, so the profile silently means something else than it reads.
 */
import { walkContainers } from '../model/tree';
import type { Rule } from './rule';

export const plistDuplicateKey: Rule = {
  id: 'plist-duplicate-key',
  defaultSeverity: 'error',
  description: 'A key appears more than once in the same dict.',
  messages: {
    en: { dup: 'Key "{0}" appears more than once in this dict.', first: 'First "{0}" here.', again: 'Also here.' },
    ja: { dup: 'キー "{0}" が同じ dict 内で重複しています。', first: '最初の "{0}" はここです。', again: 'ここにもあります。' },
  },
  check(ctx) {
    for (const node of walkContainers(ctx.model.parse.root)) {
      if (node.kind !== 'dict' || node.entries.length < 2) continue;
      const { entries } = node;
      // Most dicts are small: comparing pairs there is cheaper than building a Map per dict.
      const seen = entries.length > 12 ? new Map<string, { offset: number; length: number }>() : undefined;
      for (let i = 0; i < entries.length; i++) {
        const key = entries[i].key;
        if (!key) continue;
        let first: { offset: number; length: number } | undefined;
        if (seen) {
          first = seen.get(key.name);
        } else {
          for (let j = 0; j < i && !first; j++) if (entries[j].key?.name === key.name) first = entries[j].key;
        }
        if (!first) {
          seen?.set(key.name, key);
          continue;
        }
        ctx.report({
          offset: key.offset, length: key.length, message: ctx.t('dup', key.name),
          related: [{ offset: first.offset, length: first.length, message: ctx.t('first', key.name) }],
        });
      }
    }
  },
};
