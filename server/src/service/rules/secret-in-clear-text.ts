/**
 * Notes secrets stored in clear text: VPN AuthPassword/Password, proxy passwords, RemovalPassword, SCEP Challenge
 * and PKCS#12 Password (rules-reference.md MC021). Why: anyone who gets the file can read them. The message never
 * repeats the value; `secretNodes` is shared with the hover, which shows it masked.
 */
import { getDict, getEntry, Profile } from '../profile';
import { VPN_PAYLOAD_TYPE } from '../vpn';
import type { DictNode, ScalarNode } from '../types';
import type { Rule } from './rule';

/** Where secrets live: payload type → path of dicts inside the payload → secret keys of that dict. */
const SECRET_KEYS: { payloadType: string; path: string[]; keys: string[] }[] = [
  { payloadType: VPN_PAYLOAD_TYPE, path: ['VPN'], keys: ['AuthPassword', 'Password'] },
  { payloadType: VPN_PAYLOAD_TYPE, path: ['Proxies'], keys: ['HTTPProxyPassword', 'HTTPSProxyPassword'] },
  { payloadType: 'com.apple.profileRemovalPassword', path: [], keys: ['RemovalPassword'] },
  { payloadType: 'com.apple.security.scep', path: ['PayloadContent'], keys: ['Challenge'] },
  { payloadType: 'com.apple.security.pkcs12', path: [], keys: ['Password'] },
  // The same kind of secret in other payloads the preview already lists (Wi-Fi and IPSec keys).
  { payloadType: 'com.apple.wifi.managed', path: [], keys: ['Password'] },
  { payloadType: 'com.apple.wifi.managed', path: ['EAPClientConfiguration'], keys: ['UserPassword'] },
  { payloadType: VPN_PAYLOAD_TYPE, path: ['IPSec'], keys: ['SharedSecret', 'XAuthPassword'] },
  { payloadType: VPN_PAYLOAD_TYPE, path: ['IKEv2'], keys: ['SharedSecret'] },
];

export interface SecretNode {
  /** The key naming the secret, e.g. `AuthPassword`. */
  key: string;
  /** The `<string>` holding it; its `value` is never put into a message. */
  node: ScalarNode;
}

/** Every non-empty secret `<string>` of the profile, in payload order. */
export function secretNodes(profile: Profile): SecretNode[] {
  const out: SecretNode[] = [];
  for (const payload of profile.payloads) {
    for (const place of SECRET_KEYS) {
      if (payload.type !== place.payloadType) continue;
      let dict: DictNode | undefined = payload.dict;
      for (const step of place.path) dict = dict && getDict(dict, step);
      if (!dict) continue;
      for (const key of place.keys) {
        const v = getEntry(dict, key)?.value;
        if (v?.kind === 'string' && v.value !== '') out.push({ key, node: v });
      }
    }
  }
  return out;
}

export const secretInClearText: Rule = {
  id: 'secret-in-clear-text',
  defaultSeverity: 'info',
  description: 'A password, shared secret or challenge (VPN AuthPassword/Password/SharedSecret, proxy passwords, RemovalPassword, SCEP Challenge, PKCS#12 and Wi-Fi passwords) stored in clear text.',
  messages: {
    en: { clear: '{0} is stored in clear text in the profile; anyone with the file can read it.' },
    ja: { clear: '{0} はプロファイル内に平文で保存されています。ファイルを入手した人は誰でも読み取れます。' },
  },
  check(ctx) {
    for (const { key, node } of secretNodes(ctx.profile)) {
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('clear', key) });
    }
  },
};
