/**
 * Flags a VPN payload's Proxies with both a manual proxy (HTTPEnable or HTTPSEnable = 1) and automatic
 * configuration (ProxyAutoConfigEnable = 1). Why: the portal offers none / manual / automatic as one choice
 * (shared/domain/README.md, "The portal"), so both on is a contradiction to resolve, not a setting (rules-reference.md PX004).
 */
import { getEntry } from '../model/tree';
import type { Rule } from './rule';
import { isFlagOn, vpnDicts } from './vpnSettings';
import { valueSpan } from './helpers';

const MANUAL_FLAGS = ['HTTPEnable', 'HTTPSEnable'];

export const vpnProxyConflict: Rule = {
  id: 'vpn-proxy-conflict',
  defaultSeverity: 'warning',
  description: 'A VPN payload enables both a manual proxy (HTTPEnable/HTTPSEnable) and automatic proxy configuration (ProxyAutoConfigEnable).',
  messages: {
    en: {
      both: 'Both automatic (ProxyAutoConfigEnable) and manual ({0}) proxy settings are on: choose one, as the portal does.',
      manual: 'Manual proxy enabled here.',
    },
    ja: {
      both: '自動 (ProxyAutoConfigEnable) と手動 ({0}) のプロキシ設定が両方とも有効です。ポータルと同じく、どちらか一方を選んでください。',
      manual: 'ここで手動プロキシが有効になっています。',
    },
  },
  check(ctx) {
    for (const { name, dict } of vpnDicts(ctx.model)) {
      if (name !== 'Proxies' || !isFlagOn(dict, 'ProxyAutoConfigEnable')) continue;
      const manual = MANUAL_FLAGS.filter((k) => isFlagOn(dict, k));
      if (manual.length === 0) continue;
      const related = manual.map((k) => ({ ...valueSpan(getEntry(dict, k)!.value!), message: ctx.t('manual') }));
      ctx.report({ ...valueSpan(getEntry(dict, 'ProxyAutoConfigEnable')!.value!), message: ctx.t('both', manual.join(', ')), related });
    }
  },
};
