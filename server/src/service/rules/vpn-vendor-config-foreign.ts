/**
 * Flags VendorConfig keys of other VPN vendors (Juniper/Pulse `Realm`, `Role`; SonicWall `LoginGroupOrDomain`)
 * in a Cisco AnyConnect payload. Only `Group` means something to AnyConnect (rules-reference AC-04).
 */

import type { Rule } from './rule';

const FOREIGN: Record<string, string> = { Realm: 'Juniper/Pulse Secure', Role: 'Juniper/Pulse Secure', LoginGroupOrDomain: 'SonicWall' };

export const vpnVendorConfigForeign: Rule = {
  id: 'vpn-vendor-config-foreign',
  defaultSeverity: 'warning',
  description: 'VendorConfig keys of another vendor (Realm, Role, LoginGroupOrDomain) in a Cisco AnyConnect payload.',
  messages: {
    en: { foreign: 'VendorConfig.{0} belongs to {1}; Cisco AnyConnect ignores it (it reads Group only).' },
    ja: { foreign: 'VendorConfig.{0} は {1} 用のキーです。Cisco AnyConnect は無視します (読むのは Group のみ)。' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      if ((!v.app && !v.looksCisco) || !v.vendorConfig) continue;
      for (const { key } of v.vendorConfig.entries) {
        if (key && FOREIGN[key.name]) ctx.report({ offset: key.offset, length: key.length, message: ctx.t('foreign', key.name, FOREIGN[key.name]) });
      }
    }
  },
};
