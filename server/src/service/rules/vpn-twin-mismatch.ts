/**
 * Compares a legacy AnyConnect payload with its new-app twin: gateway, group, authentication method and
 * certificate reference should match, or users see different behaviour depending on the app they open.
 */
import type { ScalarNode } from '../types';
import type { VpnPayload } from '../model/vpn';
import type { Rule } from './rule';

const FIELDS: { name: string; get: (v: VpnPayload) => ScalarNode | undefined; fold: boolean }[] = [
  { name: 'VPN.RemoteAddress', get: (v) => v.remoteAddress, fold: true },
  { name: 'VendorConfig.Group', get: (v) => v.group, fold: false },
  { name: 'VPN.AuthenticationMethod', get: (v) => v.authMethod, fold: false },
  { name: 'VPN.PayloadCertificateUUID', get: (v) => v.certificateUuid, fold: true },
];

export const vpnTwinMismatch: Rule = {
  id: 'vpn-twin-mismatch',
  defaultSeverity: 'warning',
  description: 'A legacy AnyConnect payload and its new-app twin differ in gateway, group, authentication or certificate.',
  messages: {
    en: { diff: '{0} differs from the legacy twin "{1}" ("{2}" here, "{3}" there): both apps should reach the same gateway the same way.', there: 'The legacy payload\'s {0}.', none: '(none)' },
    ja: { diff: '{0} がレガシー側 "{1}" と異なります (こちら "{2}"、あちら "{3}")。両アプリで同じ接続先・同じ方法にしてください。', there: 'レガシーペイロードの {0}。', none: '(なし)' },
  },
  check(ctx) {
    const all = ctx.model.vpnPayloads;
    for (const legacy of all) {
      if (legacy.app !== 'legacy') continue;
      const twin = ctx.model.twinOf(legacy);
      if (!twin) continue;
      for (const f of FIELDS) {
        const a = f.get(legacy);
        const b = f.get(twin);
        const norm = (n: ScalarNode | undefined) => (f.fold ? n?.value.trim().toLowerCase() : n?.value.trim()) ?? '';
        if (norm(a) === norm(b)) continue;
        const at = b ?? twin.subtypeNode!;
        ctx.report({
          offset: at.valueOffset, length: at.valueLength,
          message: ctx.t('diff', f.name, legacy.userDefinedName?.value ?? legacy.subtype ?? '', b?.value ?? ctx.t('none'), a?.value ?? ctx.t('none')),
          related: a ? [{ offset: a.valueOffset, length: a.valueLength, message: ctx.t('there', f.name) }] : undefined,
        });
      }
    }
  },
};
