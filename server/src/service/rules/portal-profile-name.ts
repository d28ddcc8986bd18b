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
      stopped: 'Profile name "{0}" is unique among the first {1} profiles of the workspace only: the scan stops there, so the other profiles were not compared.',
      skipped: 'Profile name "{0}" was not compared with {1} profile(s) that were not read: {2}.',
      symlink: '{0} (symbolic link)',
      'too-large': '{0} (larger than 5 MB)',
      unreadable: '{0} (unreadable)',
    },
    ja: {
      missing: 'ポータルにはプロファイル名が必要です。最上位に PayloadDisplayName を追加してください。',
      duplicate: 'プロファイル名 "{0}" は {1} でも使われています。同じ名前でアップロードすると登録済みのプロファイルが置き換えられます。',
      stopped: 'プロファイル名 "{0}" が重複しないことはワークスペースの最初の {1} 個のプロファイルでしか確かめていません。走査はそこで止まるため、残りのプロファイルとは比べていません。',
      skipped: 'プロファイル名 "{0}" は、読み込まなかった {1} 個のプロファイルとは比べていません: {2}。',
      symlink: '{0} (シンボリックリンク)',
      'too-large': '{0} (5 MB 超)',
      unreadable: '{0} (読み込めません)',
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
    const value = name.value.trim();
    const at = { offset: name.valueOffset, length: name.valueLength };
    const others = ctx.settings.workspaceProfileNames.filter((p) => p.name.trim() === value);
    if (others.length > 0) {
      ctx.report({ ...at, message: ctx.t('duplicate', value, others.map(displayPath).join(', ')) });
      return;
    }
    // No clash found, but not every profile was compared: say so rather than pass (a warning: it may well be fine).
    const gaps = ctx.settings.workspaceScanGaps;
    if (gaps.limit !== undefined) ctx.report({ ...at, severity: 'warning', message: ctx.t('stopped', value, gaps.limit) });
    if (gaps.skipped.length > 0) {
      const shown = gaps.skipped.slice(0, 3).map((g) => ctx.t(g.reason, g.path)).join(', ') + (gaps.skipped.length > 3 ? ', …' : '');
      ctx.report({ ...at, severity: 'warning', message: ctx.t('skipped', value, gaps.skipped.length, shown) });
    }
  },
};

/** The path a message shows: the server's workspace-relative one, else the uri's last segment, decoded. */
function displayPath(p: { uri: string; path?: string }): string {
  if (p.path) return p.path;
  const last = p.uri.replace(/^.*\//, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
