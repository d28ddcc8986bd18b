/**
 * Flags OnDemandEnabled = 1 in a VPN payload with no OnDemandRules (nor the deprecated OnDemandMatchDomains* arrays).
 * Why: on-demand connects only when a rule matches, so the switch does nothing (rules-reference.md OD001, Apple's VPN payload reference).
 */
import { getArray, getEntry } from '../model/tree';

import type { Rule } from './rule';
import { isFlagOn } from './vpnSettings';
import { valueSpan } from './helpers';

/** The pre-iOS 7 match lists, still honoured, which also give on-demand something to act on. */
const LEGACY_LISTS = ['OnDemandMatchDomainsAlways', 'OnDemandMatchDomainsNever', 'OnDemandMatchDomainsOnRetry'];

export const vpnOnDemandNoRules: Rule = {
  id: 'vpn-on-demand-no-rules',
  defaultSeverity: 'warning',
  description: 'OnDemandEnabled is 1 but the VPN dictionary has no OnDemandRules, so on-demand never connects.',
  messages: {
    en: {
      missing: 'OnDemandEnabled is 1 but there are no OnDemandRules: on-demand connects only when a rule matches, so it never starts the VPN. Add OnDemandRules (e.g. a final rule with only Action Connect).',
      empty: 'OnDemandEnabled is 1 but OnDemandRules is empty: on-demand connects only when a rule matches, so it never starts the VPN.',
    },
    ja: {
      missing: 'OnDemandEnabled が 1 ですが OnDemandRules がありません。オンデマンドはルールに一致したときだけ接続するため、VPN は自動接続されません。OnDemandRules を追加してください (例: Action Connect だけの最後のルール)。',
      empty: 'OnDemandEnabled が 1 ですが OnDemandRules が空です。オンデマンドはルールに一致したときだけ接続するため、VPN は自動接続されません。',
    },
  },
  check(ctx) {
    for (const v of ctx.model.vpnPayloads) {
      const vpn = v.vpn;
      if (!vpn || !isFlagOn(vpn, 'OnDemandEnabled')) continue;
      if (LEGACY_LISTS.some((k) => (getArray(vpn, k)?.items.length ?? 0) > 0)) continue;
      const rules = getEntry(vpn, 'OnDemandRules')?.value;
      // A value of another type is a type problem for the schema rules, not a missing list.
      if (rules && (rules.kind !== 'array' || rules.items.length > 0)) continue;
      const flag = getEntry(vpn, 'OnDemandEnabled')!.value!;
      ctx.report({ ...valueSpan(flag), message: ctx.t(rules ? 'empty' : 'missing') });
    }
  },
};
