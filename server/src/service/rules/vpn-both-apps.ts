/**
 * Notes a legacy AnyConnect payload that has an equivalent new-app twin, saying which payload serves which app.
 * Why: "both" works, but the portal calls it not recommended (shared/domain/README.md, "What a profile may
 * contain"). Fix: remove the legacy payload once every device runs the new app.
 */
import { vpnLabel } from '../model/vpn';
import { isBrokenPayload, removeEdit } from '../migrate';
import type { Rule } from './rule';

export const vpnBothApps: Rule = {
  id: 'vpn-both-apps',
  defaultSeverity: 'info',
  portalSeverity: 'warning',
  description: 'Legacy and new AnyConnect payloads for the same gateway: each app uses its own; the portal does not recommend both.',
  messages: {
    en: {
      both: 'Both apps are covered: Cisco Legacy AnyConnect uses "{0}", Cisco AnyConnect uses "{1}". Carrying both is not recommended; remove the legacy payload once every device runs the new app.',
      twin: 'Cisco AnyConnect uses this payload.',
      remove: 'Remove legacy AnyConnect payload',
    },
    ja: {
      both: '両方のアプリに対応しています: Cisco Legacy AnyConnect は "{0}"、Cisco AnyConnect は "{1}" を使います。両方の記載は推奨されません。全端末が新アプリに移行したらレガシーペイロードを削除してください。',
      twin: 'Cisco AnyConnect はこのペイロードを使います。',
      remove: 'レガシー AnyConnect ペイロードを削除',
    },
  },
  check(ctx) {
    const all = ctx.model.vpnPayloads;
    for (const v of all) {
      if (v.app !== 'legacy') continue;
      const twin = ctx.model.equivalentNew(v);
      if (!twin) continue;
      const node = v.subtypeNode!;
      const t = twin.subtypeNode!;
      ctx.report({
        offset: node.valueOffset, length: node.valueLength, message: ctx.t('both', vpnLabel(v), vpnLabel(twin)),
        related: [{ offset: t.valueOffset, length: t.valueLength, message: ctx.t('twin') }],
      });
    }
  },
  fixes(ctx, problem) {
    const v = ctx.model.vpnAt(problem.offset);
    if (!v || v.app !== 'legacy' || isBrokenPayload(v, ctx.model.parse) || !ctx.model.equivalentNew(v)) return [];
    return [{ id: 'remove', title: ctx.t('remove'), edits: [removeEdit(v, ctx.text)] }];
  },
};
