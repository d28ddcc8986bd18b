/**
 * Flags a VPNSubType that names Cisco AnyConnect but is not exactly an accepted id (wrong case, extra space,
 * another suffix). Why: iOS compares it exactly, so such a payload is used by no app at all.
 * Fixes: the exact id (trimmed or case-corrected first), or either accepted id.
 */

import type { Fix, Rule } from './rule';


export const vpnSubtypeTypo: Rule = {
  id: 'vpn-subtype-typo',
  defaultSeverity: 'error',
  description: 'A VPNSubType that looks like Cisco AnyConnect but matches no app exactly (case, spaces, suffix).',
  messages: {
    en: {
      typo: '"{0}" matches no app: iOS compares VPNSubType exactly. Use {1}.',
      use: 'Change VPNSubType to {0}',
      trim: 'Remove the spaces around VPNSubType',
      or: ' or ',
    },
    ja: {
      typo: '"{0}" はどのアプリにも一致しません (iOS は VPNSubType を完全一致で比較します)。{1} を使ってください。',
      use: 'VPNSubType を {0} に変更',
      trim: 'VPNSubType の前後の空白を削除',
      or: ' または ',
    },
  },
  check(ctx) {
    const accepted = [...ctx.settings.anyconnectNewSubtypes, ...ctx.settings.anyconnectLegacySubtypes];
    for (const v of ctx.model.vpnPayloads) {
      const node = v.subtypeNode;
      if (!node || !v.looksCisco || accepted.includes(node.value)) continue;
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('typo', node.value, accepted.join(ctx.t('or'))) });
    }
  },
  fixes(ctx, problem) {
    const v = ctx.model.vpnAt(problem.offset);
    const node = v?.subtypeNode;
    if (!node) return [];
    const value = node.value;
    const newIds = ctx.settings.anyconnectNewSubtypes;
    const legacyIds = ctx.settings.anyconnectLegacySubtypes;
    const edit = (id: string) => [{ offset: node.valueOffset, length: node.valueLength, newText: id }];
    const trimmed = value.trim();
    const fixes: Fix[] = [];
    const exact = [...newIds, ...legacyIds].find((id) => id === trimmed) ?? [...newIds, ...legacyIds].find((id) => id.toLowerCase() === trimmed.toLowerCase());
    if (exact === trimmed) fixes.push({ id: 'trim', title: ctx.t('trim'), isPreferred: true, edits: edit(exact) });
    else if (exact) fixes.push({ id: 'use', title: ctx.t('use', exact), isPreferred: true, edits: edit(exact) });
    // Otherwise offer both apps' ids, the new app first: it is the one to move to.
    for (const id of [newIds[0], legacyIds[0]]) {
      if (id && id !== exact) fixes.push({ id: 'use', title: ctx.t('use', id), edits: edit(id) });
    }
    return fixes;
  },
};
