/**
 * Flags a VPN payload that only the frozen Cisco Legacy AnyConnect app uses (no equivalent new-app payload).
 * Why: certificate users get a working VPN in the new app only through a payload it recognises
 * (shared/domain/README.md, "Who needs a profile"). Fixes: replace the subtype in place, or add a copy alongside.
 */
import { alongsideEdit, canReplace, errorsACopyWouldRepeat, isBrokenPayload, replaceEdit, takenNames } from '../migrate';
import { usesCertificate } from '../model/vpn';
import type { Fix, Rule } from './rule';

export const vpnLegacyOnly: Rule = {
  id: 'vpn-legacy-only',
  defaultSeverity: 'warning',
  description: 'A VPN payload only the frozen Cisco Legacy AnyConnect app uses; the new Cisco AnyConnect app ignores it.',
  messages: {
    en: {
      legacy: '"{0}" targets Cisco Legacy AnyConnect (frozen, iOS 6–11). The new Cisco AnyConnect app ignores this payload, so certificate users get no VPN there. Migrate it to com.cisco.anyconnect.',
      legacyPassword: '"{0}" targets Cisco Legacy AnyConnect (frozen, iOS 6–11). The new Cisco AnyConnect app ignores this payload, so its users must set the connection up by hand. Migrate it to com.cisco.anyconnect.',
      replace: 'Migrate to Cisco AnyConnect (replace legacy payload)',
      alongside: 'Add Cisco AnyConnect payload alongside the legacy one',
    },
    ja: {
      legacy: '"{0}" は Cisco Legacy AnyConnect (更新終了、iOS 6–11) 向けです。新しい Cisco AnyConnect アプリはこのペイロードを使わないため、証明書ユーザーは VPN を利用できません。com.cisco.anyconnect へ移行してください。',
      legacyPassword: '"{0}" は Cisco Legacy AnyConnect (更新終了、iOS 6–11) 向けです。新しい Cisco AnyConnect アプリはこのペイロードを使わないため、ユーザーは接続を手動で設定する必要があります。com.cisco.anyconnect へ移行してください。',
      replace: 'Cisco AnyConnect へ移行 (レガシーペイロードを置き換え)',
      alongside: 'レガシーの隣に Cisco AnyConnect ペイロードを追加',
    },
  },
  check(ctx) {
    const all = ctx.model.vpnPayloads;
    for (const v of all) {
      if (v.app !== 'legacy' || ctx.model.equivalentNew(v)) continue;
      const node = v.subtypeNode!;
      const key = usesCertificate(v) ? 'legacy' : 'legacyPassword';
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t(key, v.userDefinedName?.value || v.payloadIdentifier?.value || node.value) });
    }
  },
  fixes(ctx, problem) {
    const v = ctx.model.vpnAt(problem.offset);
    if (!v || v.app !== 'legacy' || isBrokenPayload(v, ctx.model.parse)) return [];
    const fixes: Fix[] = [];
    if (canReplace(v, ctx.model)) {
      fixes.push({ id: 'replace', title: ctx.t('replace'), isPreferred: true, edits: [replaceEdit(v, ctx.text, ctx.settings)] });
    }
    // A copy of a payload with errors would repeat them: then only the in-place replacement is offered.
    const errors = ctx.errorsWithin?.(v.payload.dict.offset, v.payload.dict.length) ?? [];
    if (errorsACopyWouldRepeat(v, errors).length === 0) {
      fixes.push({ id: 'alongside', title: ctx.t('alongside'), edits: [alongsideEdit(v, ctx.text, ctx.settings, takenNames(ctx.model))] });
    }
    return fixes;
  },
};
