/**
 * Flags an AnyConnect payload without a gateway: no `VPN` dict, no `VPN.RemoteAddress`, or an empty one.
 * Apple's schema omits RemoteAddress, but every AnyConnect connection needs it (rules-reference VPN006).
 */
import { getEntry } from '../model/tree';

import type { Rule } from './rule';

export const vpnRemoteAddressMissing: Rule = {
  id: 'vpn-remote-address-missing',
  defaultSeverity: 'error',
  description: 'An AnyConnect payload without VPN.RemoteAddress (the gateway), or with an empty one.',
  messages: {
    en: { noVpn: 'This AnyConnect payload has no VPN dictionary with a RemoteAddress (the gateway).', missing: 'The VPN dictionary has no RemoteAddress (the gateway host name or address).', empty: 'RemoteAddress is empty: give the gateway host name or address.' },
    ja: { noVpn: 'この AnyConnect ペイロードには RemoteAddress (接続先ゲートウェイ) を含む VPN 辞書がありません。', missing: 'VPN 辞書に RemoteAddress (ゲートウェイのホスト名またはアドレス) がありません。', empty: 'RemoteAddress が空です。ゲートウェイのホスト名またはアドレスを指定してください。' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      if (!v.app && !v.looksCisco) continue;
      const vpnEntry = getEntry(v.payload.dict, 'VPN');
      if (!v.vpn) {
        const at = vpnEntry?.key ?? v.subtypeNode!;
        ctx.report({ offset: at.offset, length: at.length, message: ctx.t('noVpn') });
      } else if (!getEntry(v.vpn, 'RemoteAddress')) {
        ctx.report({ offset: vpnEntry!.key!.offset, length: vpnEntry!.key!.length, message: ctx.t('missing') });
      } else if (v.remoteAddress && v.remoteAddress.value.trim() === '') {
        ctx.report({ offset: v.remoteAddress.offset, length: v.remoteAddress.length, message: ctx.t('empty') });
      }
    }
  },
};
