/**
 * Flags a VPN payload with VPNType `VPN` but no (or an empty) VPNSubType. Why: the subtype picks the app
 * that runs the connection; without it no app claims the payload (shared/domain/README.md, "The two iOS apps").
 */
import { getEntry } from '../model/tree';

import type { Rule } from './rule';

export const vpnSubtypeMissing: Rule = {
  id: 'vpn-subtype-missing',
  defaultSeverity: 'error',
  description: 'VPNType "VPN" without a VPNSubType naming the app (com.cisco.anyconnect for Cisco AnyConnect).',
  messages: {
    en: { missing: 'VPNType "VPN" needs a VPNSubType naming the VPN app, e.g. com.cisco.anyconnect for Cisco AnyConnect.', empty: 'VPNSubType is empty: name the VPN app, e.g. com.cisco.anyconnect.' },
    ja: { missing: 'VPNType "VPN" には VPN アプリを示す VPNSubType が必要です (例: Cisco AnyConnect は com.cisco.anyconnect)。', empty: 'VPNSubType が空です。VPN アプリを指定してください (例: com.cisco.anyconnect)。' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      if (v.vpnType !== 'VPN') continue;
      const entry = getEntry(v.payload.dict, 'VPNSubType');
      if (!entry) {
        ctx.report({ offset: v.vpnTypeNode!.valueOffset, length: v.vpnTypeNode!.valueLength, message: ctx.t('missing') });
      } else if (entry.value?.kind === 'string' && entry.value.value.trim() === '') {
        ctx.report({ offset: entry.value.offset, length: entry.value.length, message: ctx.t('empty') });
      }
    }
  },
};
