/**
 * Flags a Cisco AnyConnect subtype under a VPNType other than `VPN` (e.g. IKEv2). Why: AnyConnect is a
 * third-party VPN; iOS only hands the payload to the app when VPNType is `VPN`. Fix: set VPNType to `VPN`.
 */
import { VPN_TYPES } from '../model/vpn';
import type { Rule } from './rule';

export const vpnTypeMismatch: Rule = {
  id: 'vpn-type-mismatch',
  defaultSeverity: 'error',
  description: 'A Cisco AnyConnect VPNSubType under a VPNType other than "VPN".',
  messages: {
    en: { mismatch: 'VPNSubType names Cisco AnyConnect, which needs VPNType "VPN", not "{0}".', fix: 'Change VPNType to VPN' },
    ja: { mismatch: 'VPNSubType は Cisco AnyConnect を示しています。VPNType は "{0}" ではなく "VPN" にしてください。', fix: 'VPNType を VPN に変更' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      // An invalid VPNType is vpn-type-invalid's to report; stay quiet to avoid a cascade.
      if (!v.looksCisco || !v.vpnType || v.vpnType === 'VPN' || !VPN_TYPES.includes(v.vpnType)) continue;
      const node = v.vpnTypeNode!;
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('mismatch', v.vpnType) });
    }
  },
  fixes(ctx, problem) {
    const node = ctx.model.vpnAt(problem.offset)?.vpnTypeNode;
    if (!node) return [];
    return [{ id: 'fix', title: ctx.t('fix'), isPreferred: true, edits: [{ offset: node.valueOffset, length: node.valueLength, newText: 'VPN' }] }];
  },
};
