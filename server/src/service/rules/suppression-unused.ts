/**
 * Flags a `mobileconfig-disable` or `mobileconfig-disable-next-line` comment that suppresses nothing: its rule
 * id is unknown (a typo suppresses nothing and hides that), or the rule reports nothing where it applies.
 * Why: a stale suppression would silently hide the next real problem of that rule. Fix: remove the comment.
 * The check lives in features/suppression.ts, which needs every other rule's problems first.
 */
import type { Rule } from './rule';

export const suppressionUnused: Rule = {
  id: 'suppression-unused',
  defaultSeverity: 'info',
  description: 'A mobileconfig-disable comment that names an unknown rule id or suppresses no problem.',
  messages: {
    en: {
      unknown: 'Unknown rule id "{0}" in a {1} comment: it suppresses nothing.',
      unused: '"{0}" reports no problem where this {1} comment applies: remove the suppression.',
      unusedAll: 'No problem is reported where this {0} comment applies: remove the suppression.',
      remove: 'Remove the unused suppression comment',
      disableLine: 'Disable {0} for the next line',
    },
    ja: {
      unknown: '{1} コメントのルール ID "{0}" は存在しません。何も抑制されません。',
      unused: '"{0}" はこの {1} コメントの適用範囲で問題を報告していません。抑制コメントを削除してください。',
      unusedAll: 'この {0} コメントの適用範囲で報告される問題はありません。抑制コメントを削除してください。',
      remove: '使われていない抑制コメントを削除',
      disableLine: '次の行の {0} を無効にする',
    },
  },
  fixes(ctx, problem) {
    // The directive's removable span (its whole line when the comment stands alone) travels in `data`.
    const data = problem.data as { remove?: { offset: number; length: number } } | undefined;
    if (!data?.remove) return [];
    return [{ id: 'remove', title: ctx.t('remove'), edits: [{ ...data.remove, newText: '' }], isPreferred: true }];
  },
};
