/**
 * Flags a VPN payload whose VPNType is missing or not one of Apple's values. Other VPN rules stay quiet
 * for such a payload, so one mistake gives one diagnostic. Fix: the value with the right case, or `VPN`
 * when the subtype names Cisco AnyConnect.
 */
import { getEntry } from '../model/tree';
import { VPN_TYPES } from '../model/vpn';
import { replaceValueText } from '../edits';
import { startTagSpan } from './helpers';
import type { Fix, Rule } from './rule';

export const vpnTypeInvalid: Rule = {
  id: 'vpn-type-invalid',
  defaultSeverity: 'error',
  description: 'A VPN payload whose VPNType is missing or not one of VPN, L2TP, PPTP, IPSec, IKEv2, AlwaysOn, TransparentProxy.',
  messages: {
    en: { missing: 'This VPN payload has no VPNType (for Cisco AnyConnect: VPN).', invalid: '"{0}" is not a VPNType: use one of {1}.', use: 'Change VPNType to {0}' },
    ja: { missing: 'この VPN ペイロードには VPNType がありません (Cisco AnyConnect では VPN)。', invalid: '"{0}" は VPNType ではありません。{1} のいずれかを使ってください。', use: 'VPNType を {0} に変更' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      const entry = getEntry(v.payload.dict, 'VPNType');
      if (!entry) {
        ctx.report({ ...startTagSpan(ctx.text, v.payload.dict), message: ctx.t('missing') });
        continue;
      }
      const value = entry.value;
      if (value?.kind === 'string' && VPN_TYPES.includes(value.value)) continue;
      if (!value) continue;
      const shown = value.kind === 'string' ? value.value : `<${value.kind}>`;
      const span = value.kind === 'string' ? { offset: value.valueOffset, length: value.valueLength } : { offset: value.offset, length: value.length };
      ctx.report({ ...span, message: ctx.t('invalid', shown, VPN_TYPES.join(', ')) });
    }
  },
  fixes(ctx, problem) {
    const v = ctx.model.vpnAt(problem.offset);
    const node = v?.vpnTypeNode;
    if (!v || !node || node.valueOffset !== problem.offset) return [];
    const caseMatch = VPN_TYPES.find((t) => t.toLowerCase() === node.value.trim().toLowerCase());
    const target = caseMatch ?? (v.looksCisco ? 'VPN' : undefined);
    const fixes: Fix[] = [];
    if (target) fixes.push({ id: 'use', title: ctx.t('use', target), isPreferred: true, edits: [replaceValueText(node, ctx.text, target)] });
    return fixes;
  },
};
