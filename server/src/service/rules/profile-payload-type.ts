/**
 * Checks that the top level is a profile: a dict whose PayloadType is `Configuration`.
 * Why: iOS refuses to install anything else as a configuration profile.
 */
import { getEntry, nodeAtOffset } from '../model/tree';
import { replaceValueText } from '../edits';
import type { Rule } from './rule';

export const profilePayloadType: Rule = {
  id: 'profile-payload-type',
  defaultSeverity: 'error',
  description: 'The top level must be a dict with PayloadType "Configuration".',
  messages: {
    en: {
      notDict: 'The top-level value of a profile must be a <dict>.',
      missing: 'The profile has no PayloadType: the top level of a configuration profile needs PayloadType "Configuration".',
      wrong: 'The top-level PayloadType is "{0}"; a configuration profile needs "Configuration".',
      fix: 'Change PayloadType to "Configuration"',
    },
    ja: {
      notDict: 'プロファイルの最上位の値は <dict> でなければなりません。',
      missing: 'PayloadType がありません。構成プロファイルの最上位には PayloadType "Configuration" が必要です。',
      wrong: '最上位の PayloadType が "{0}" です。構成プロファイルには "Configuration" が必要です。',
      fix: 'PayloadType を "Configuration" に変更',
    },
  },
  check(ctx) {
    const root = ctx.model.parse.root;
    if (!root) return;
    if (root.kind !== 'dict') {
      ctx.report({ offset: root.offset, length: root.length, message: ctx.t('notDict') });
      return;
    }
    const entry = getEntry(root, 'PayloadType');
    if (!entry) {
      // A plain preferences plist has no Payload keys at all; only call it a broken profile when it tries to be one.
      const looksLikeProfile = root.entries.some((e) => e.key?.name.startsWith('Payload'));
      if (looksLikeProfile) ctx.report({ offset: root.offset, length: Math.min(root.length, 6), message: ctx.t('missing') });
      return;
    }
    const v = entry.value;
    if (v?.kind === 'string' && v.value === 'Configuration') return;
    const shown = v?.kind === 'string' ? v.value : `<${v?.kind ?? 'nothing'}>`;
    const at = v ?? entry.key!;
    ctx.report({ offset: at.offset, length: at.length, message: ctx.t('wrong', shown), data: { fixable: v?.kind === 'string' } });
  },
  fixes(ctx, problem) {
    // Only a PayloadType string can be corrected; a missing key or a non-dict root has no one-edit fix.
    if (!(problem.data as { fixable?: boolean } | undefined)?.fixable) return [];
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (node?.kind !== 'string' || node.offset !== problem.offset) return [];
    return [{ id: 'fix', title: ctx.t('fix'), isPreferred: true, edits: [replaceValueText(node, ctx.text, 'Configuration')] }];
  },
};
