/**
 * Flags ProxyAutoConfigEnable = 1 in a VPN payload's Proxies without a ProxyAutoConfigURLString starting with
 * http:// or https://. Why: the device fetches the PAC file from that URL, and only over http(s)
 * (rules-reference.md PX003, Apple's VPN and global HTTP proxy references).
 */
import { getEntry } from '../model/tree';
import type { Rule } from './rule';
import { isFlagOn, vpnDicts } from './vpnSettings';
import { valueSpan } from './helpers';

/** http(s), a host, and no leading space: iOS does not trim the URL. */
const PAC_URL = /^https?:\/\/[^\s/?#]+/i;

export const vpnProxyPac: Rule = {
  id: 'vpn-proxy-pac',
  defaultSeverity: 'warning',
  description: 'ProxyAutoConfigEnable is 1 in a VPN payload but ProxyAutoConfigURLString is missing or not an http(s) URL.',
  messages: {
    en: {
      missing: 'ProxyAutoConfigEnable is 1 but ProxyAutoConfigURLString is missing: the device has no PAC file to load.',
      url: 'ProxyAutoConfigURLString must be an http:// or https:// URL of the PAC file.',
    },
    ja: {
      missing: 'ProxyAutoConfigEnable が 1 ですが ProxyAutoConfigURLString がありません。デバイスが読み込む PAC ファイルがありません。',
      url: 'ProxyAutoConfigURLString は PAC ファイルの http:// または https:// の URL でなければなりません。',
    },
  },
  check(ctx) {
    for (const { name, dict } of vpnDicts(ctx.model)) {
      if (name !== 'Proxies' || !isFlagOn(dict, 'ProxyAutoConfigEnable')) continue;
      const url = getEntry(dict, 'ProxyAutoConfigURLString')?.value;
      if (!url) {
        ctx.report({ ...valueSpan(getEntry(dict, 'ProxyAutoConfigEnable')!.value!), message: ctx.t('missing') });
      } else if (url.kind !== 'string' || !PAC_URL.test(url.value)) {
        ctx.report({ ...valueSpan(url), message: ctx.t('url') });
      }
    }
  },
};
