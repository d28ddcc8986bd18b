/**
 * Flags VPN payloads sharing one UserDefinedName. Why: iOS lists connections by that name, so users
 * cannot tell the legacy and new entries apart in Settings.
 */
import type { ScalarNode } from '../types';

import { othersOf } from './helpers';
import type { Rule } from './rule';

export const vpnNameDuplicate: Rule = {
  id: 'vpn-name-duplicate',
  defaultSeverity: 'warning',
  description: 'Two VPN payloads share one UserDefinedName, so users cannot tell the connections apart.',
  messages: {
    en: { dup: 'UserDefinedName "{0}" is used by {1} VPN payloads: give each connection its own name.', other: 'Same name here.' },
    ja: { dup: 'UserDefinedName "{0}" が {1} 個の VPN ペイロードで使われています。接続ごとに異なる名前にしてください。', other: '同じ名前がここにもあります。' },
  },
  check(ctx) {
    const byName = new Map<string, ScalarNode[]>();
    for (const v of ctx.model.vpnPayloads) {
      const n = v.userDefinedName;
      if (!n || n.value.trim() === '') continue;
      const list = byName.get(n.value.trim()) ?? [];
      list.push(n);
      byName.set(n.value.trim(), list);
    }
    for (const [name, nodes] of byName) {
      if (nodes.length < 2) continue;
      for (const n of nodes) {
        ctx.report({
          offset: n.valueOffset, length: n.valueLength, message: ctx.t('dup', name, nodes.length),
          related: othersOf(nodes, n).map((o) => ({ offset: o.valueOffset, length: o.valueLength, message: ctx.t('other') })),
        });
      }
    }
  },
};
