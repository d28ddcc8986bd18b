/**
 * Portal mode: the profile name (top-level PayloadDisplayName) must be present and unique among the
 * workspace's profiles, since uploading under a registered name replaces that profile
 * (shared/domain/README.md, "The portal").
 */
import { getStringNode } from '../model/tree';
import { startTagSpan } from './helpers';
import type { Rule } from './rule';

export const portalProfileName: Rule = {
  id: 'portal-profile-name',
  defaultSeverity: 'error',
  onlyInMode: 'portal',
  description: 'Portal mode: the profile needs a PayloadDisplayName that no other profile in the workspace uses.',
  messages: {
    en: {
      missing: 'The portal needs a profile name: add a top-level PayloadDisplayName.',
      duplicate: 'Profile name "{0}" is also used by {1}: uploading replaces the registered profile of that name.',
    },
    ja: {
      missing: 'ポータルにはプロファイル名が必要です。最上位に PayloadDisplayName を追加してください。',
      duplicate: 'プロファイル名 "{0}" は {1} でも使われています。同じ名前でアップロードすると登録済みのプロファイルが置き換えられます。',
    },
  },
  check(ctx) {
    const top = ctx.model.top;
    if (!top) return;
    const name = getStringNode(top, 'PayloadDisplayName');
    if (!name || name.value.trim() === '') {
      ctx.report({ ...(name ? { offset: name.offset, length: name.length } : startTagSpan(ctx.text, top)), message: ctx.t('missing') });
      return;
    }
    const others = ctx.settings.workspaceProfileNames.filter((p) => p.name.trim() === name.value.trim());
    if (others.length > 0) {
      ctx.report({ offset: name.valueOffset, length: name.valueLength, message: ctx.t('duplicate', name.value.trim(), others.map((o) => o.uri.replace(/^.*\//, '')).join(', ')) });
    }
  },
};
