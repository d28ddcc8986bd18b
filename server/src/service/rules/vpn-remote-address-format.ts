/**
 * Flags a RemoteAddress with a URL scheme or white space. Cisco expects a host name or IP address,
 * optionally followed by a tunnel-group path (rules-reference VPN007). Fix: drop the scheme and spaces.
 */

import type { Rule } from './rule';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function cleanAddress(value: string): string {
  return value.trim().replace(SCHEME, '').replace(/\s+/g, '');
}

export const vpnRemoteAddressFormat: Rule = {
  id: 'vpn-remote-address-format',
  defaultSeverity: 'warning',
  description: 'A RemoteAddress with a URL scheme (https://) or spaces; AnyConnect expects a host name or IP, optionally with a group path.',
  messages: {
    en: { scheme: 'RemoteAddress "{0}" has a URL scheme: write the host name or IP only, e.g. {1}.', space: 'RemoteAddress "{0}" contains spaces.', fix: 'Change RemoteAddress to {0}' },
    ja: { scheme: 'RemoteAddress "{0}" に URL スキームが含まれています。ホスト名か IP アドレスのみを記述してください (例: {1})。', space: 'RemoteAddress "{0}" に空白が含まれています。', fix: 'RemoteAddress を {0} に変更' },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      const node = v.remoteAddress;
      if (!node || node.value.trim() === '' || ctx.model.isPlaceholder(node)) continue;
      if (SCHEME.test(node.value.trim())) {
        ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('scheme', node.value.trim(), cleanAddress(node.value)) });
      } else if (/\s/.test(node.value)) {
        ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('space', node.value) });
      }
    }
  },
  fixes(ctx, problem) {
    const node = ctx.model.vpnAt(problem.offset)?.remoteAddress;
    if (!node) return [];
    const clean = cleanAddress(node.value);
    if (!clean) return [];
    return [{ id: 'fix', title: ctx.t('fix', clean), isPreferred: true, edits: [{ offset: node.valueOffset, length: node.valueLength, newText: clean }] }];
  },
};
