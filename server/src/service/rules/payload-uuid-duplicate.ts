/**
 * Flags every PayloadUUID used by more than one payload (or by a payload and the profile), pointing at the others.
 * Why: iOS identifies payloads by UUID; a copy-pasted payload with the same UUID replaces its twin or fails to install.
 * Fix: give this occurrence a fresh UUID.
 */
import { getEntry } from '../model/tree';
import type { ScalarNode } from '../types';
import { newUuid } from '../edits';
import { othersOf, payloadValueAt } from './helpers';
import type { Rule } from './rule';

export const payloadUuidDuplicate: Rule = {
  id: 'payload-uuid-duplicate',
  defaultSeverity: 'error',
  description: 'The same PayloadUUID is used by more than one payload.',
  messages: {
    en: { dup: 'PayloadUUID "{0}" is used {1} times: every payload needs its own UUID.', other: 'Same PayloadUUID here.', fix: 'Generate a new PayloadUUID' },
    ja: { dup: 'PayloadUUID "{0}" が {1} 回使われています。ペイロードごとに異なる UUID が必要です。', other: '同じ PayloadUUID がここにもあります。', fix: '新しい PayloadUUID を生成' },
  },
  check(ctx) {
    const byUuid = new Map<string, ScalarNode[]>();
    for (const { dict } of ctx.model.allPayloads) {
      const v = getEntry(dict, 'PayloadUUID')?.value;
      if (v?.kind !== 'string' || v.value.trim() === '') continue;
      // UUIDs compare case-insensitively: iOS treats abc… and ABC… as the same payload.
      const key = v.value.trim().toUpperCase();
      const list = byUuid.get(key);
      if (list) list.push(v);
      else byUuid.set(key, [v]);
    }
    for (const nodes of byUuid.values()) {
      if (nodes.length < 2) continue;
      for (const node of nodes) {
        ctx.report({
          offset: node.valueOffset, length: node.valueLength, message: ctx.t('dup', node.value.trim(), nodes.length),
          related: othersOf(nodes, node).map((n) => ({ offset: n.valueOffset, length: n.valueLength, message: ctx.t('other') })),
        });
      }
    }
  },
  fixes(ctx, problem) {
    const node = payloadValueAt(ctx.model, 'PayloadUUID', problem);
    if (node?.kind !== 'string' || ctx.model.payloadsWithUuid(node.value).length < 2) return [];
    return [{ id: 'fix', title: ctx.t('fix'), isPreferred: true, edits: [{ offset: problem.offset, length: problem.length, newText: newUuid() }] }];
  },
};
