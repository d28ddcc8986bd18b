/**
 * Checks that the top level is a profile: a dict whose PayloadType is `Configuration`, or `Profile Service` (the
 * over-the-air enrollment profile, checked as such by profileService.ts).
 * Why: iOS refuses to install anything else as a configuration profile.
 */
import { getEntry, nodeAtOffset } from '../model/tree';
import { replaceValueText } from '../edits';
import { checkProfileService, PROFILE_SERVICE } from './profileService';
import type { Rule } from './rule';

export const profilePayloadType: Rule = {
  id: 'profile-payload-type',
  defaultSeverity: 'error',
  description: 'The top level must be a dict with PayloadType "Configuration" (or "Profile Service", checked as an enrollment profile).',
  messages: {
    en: {
      notDict: 'The top-level value of a profile must be a <dict>.',
      missing: 'The profile has no PayloadType: the top level of a configuration profile needs PayloadType "Configuration".',
      wrong: 'The top-level PayloadType is "{0}"; a configuration profile needs "Configuration".',
      fix: 'Change PayloadType to "Configuration"',
      serviceContent: 'A Profile Service needs PayloadContent as a <dict> holding URL and DeviceAttributes.',
      serviceUrl: 'A Profile Service needs PayloadContent.URL, the address the device sends its attributes to: without it enrollment cannot start.',
      serviceType: 'PayloadContent.{0} of a Profile Service must be {1}.',
      serviceAttribute: 'Each DeviceAttributes entry must be a <string> naming an attribute, such as UDID.',
    },
    ja: {
      notDict: 'プロファイルの最上位の値は <dict> でなければなりません。',
      missing: 'PayloadType がありません。構成プロファイルの最上位には PayloadType "Configuration" が必要です。',
      wrong: '最上位の PayloadType が "{0}" です。構成プロファイルには "Configuration" が必要です。',
      fix: 'PayloadType を "Configuration" に変更',
      serviceContent: 'Profile Service には URL と DeviceAttributes を含む <dict> の PayloadContent が必要です。',
      serviceUrl: 'Profile Service には PayloadContent.URL (デバイスが属性を送信する宛先) が必要です。ないと登録を開始できません。',
      serviceType: 'Profile Service の PayloadContent.{0} は {1} でなければなりません。',
      serviceAttribute: 'DeviceAttributes の各要素は UDID などの属性名を表す <string> でなければなりません。',
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
    if (v?.kind === 'string' && v.value === PROFILE_SERVICE) return checkProfileService(ctx, root);
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
