/**
 * Flags a VPNSubType that names Cisco AnyConnect but is not exactly an accepted id (wrong case, extra space,
 * another suffix). Why: the subtype picks the app (shared/domain/README.md, "The two iOS apps"); another id
 * names no app, so the payload cannot work (error). Whether iOS ignores case or surrounding space is not
 * documented, so a difference in only those is a warning (an error would also block the portal export).
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
      caseOnly: '"{0}" differs from {1} only by letter case: whether iOS ignores case here is not documented, so use the exact id.',
      spaceOnly: '"{0}" differs from {1} only by {2}: whether iOS trims VPNSubType is not documented, so remove it.',
      trailing: 'a trailing space',
      leading: 'a leading space',
      around: 'spaces around it',
      use: 'Change VPNSubType to {0}',
      trim: 'Remove the spaces around VPNSubType',
      or: ' or ',
    },
    ja: {
      typo: '"{0}" はどのアプリにも一致しません (iOS は VPNSubType を完全一致で比較します)。{1} を使ってください。',
      caseOnly: '"{0}" は {1} と大文字・小文字だけが異なります。iOS が大文字・小文字を区別しないかは文書化されていないため、正確な ID を使ってください。',
      spaceOnly: '"{0}" は {1} と{2}だけが異なります。iOS が VPNSubType の空白を除去するかは文書化されていないため、削除してください。',
      trailing: '末尾の空白',
      leading: '先頭の空白',
      around: '前後の空白',
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
      const span = { offset: node.valueOffset, length: node.valueLength };
      const trimmed = node.value.trim();
      if (accepted.includes(trimmed)) {
        const where = node.value.startsWith(trimmed) ? 'trailing' : node.value.endsWith(trimmed) ? 'leading' : 'around';
        ctx.report({ ...span, severity: 'warning', message: ctx.t('spaceOnly', node.value, trimmed, ctx.t(where)), data: { kind: 'space' } });
        continue;
      }
      const sameLetters = accepted.find((id) => id.toLowerCase() === trimmed.toLowerCase());
      if (sameLetters) {
        ctx.report({ ...span, severity: 'warning', message: ctx.t('caseOnly', node.value, sameLetters), data: { kind: 'case' } });
        continue;
      }
      ctx.report({ ...span, message: ctx.t('typo', node.value, accepted.join(ctx.t('or'))) });
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
