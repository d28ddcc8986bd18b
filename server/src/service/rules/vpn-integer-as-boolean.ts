/**
 * Flags the VPN payload's 0/1 integer keys (OnDemandEnabled, HTTPEnable, ProxyAutoConfigEnable, OverridePrimary, …)
 * written as <true/> or <false/>. Why: Apple types them as integers, not booleans (rules-reference.md section 1.3, MC014),
 * and a value of the wrong type may be ignored by the device. Fix: the same value as <integer>1</integer> or <integer>0</integer>.
 */
import { getEntry, nodeAtOffset } from '../model/tree';
import type { Rule } from './rule';
import { INTEGER_FLAGS, vpnDicts } from './vpnSettings';

export const vpnIntegerAsBoolean: Rule = {
  id: 'vpn-integer-as-boolean',
  defaultSeverity: 'error',
  description: 'A 0/1 integer key of a VPN payload (OnDemandEnabled, HTTPEnable, ProxyAutoConfigEnable, OverridePrimary, …) written as a boolean true/false.',
  messages: {
    en: {
      bool: '{0} is an integer (0 or 1), not a boolean: write <integer>{1}</integer> instead of <{2}/>, or the device may ignore it.',
      fix: 'Change to <integer>{0}</integer>',
    },
    ja: {
      bool: '{0} はブール値ではなく整数 (0 または 1) です。<{2}/> ではなく <integer>{1}</integer> と書いてください。そうしないとデバイスに無視されることがあります。',
      fix: '<integer>{0}</integer> に変更',
    },
  },
  check(ctx) {
    for (const { name, dict } of vpnDicts(ctx.model)) {
      for (const key of INTEGER_FLAGS[name]) {
        const v = getEntry(dict, key)?.value;
        if (v?.kind !== 'bool') continue;
        ctx.report({ offset: v.offset, length: v.length, message: ctx.t('bool', key, v.value ? 1 : 0, v.value ? 'true' : 'false') });
      }
    }
  },
  fixes(ctx, problem) {
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (node?.kind !== 'bool' || node.offset !== problem.offset) return [];
    const n = node.value ? 1 : 0;
    return [{ id: 'fix', title: ctx.t('fix', n), isPreferred: true, edits: [{ offset: node.offset, length: node.length, newText: `<integer>${n}</integer>` }] }];
  },
};
