/**
 * Flags on-demand rules placed after a catch-all rule (a dict whose only key is Action). Why: iOS evaluates
 * OnDemandRules in order and stops at the first match, and a catch-all matches every network, so later rules
 * never run (rules-reference.md OD006, Apple's VPN payload reference).
 */
import { getString } from '../model/tree';
import type { DictNode } from '../types';
import type { Rule } from './rule';
import { onDemandRuleArrays, ruleDicts } from './vpnSettings';
import { startTagSpan } from './helpers';

/** A rule with no matching key at all: only Action. */
function isCatchAll(rule: DictNode): boolean {
  const keys = rule.entries.filter((e) => e.key);
  return keys.length === 1 && keys[0].key!.name === 'Action';
}

export const vpnOnDemandUnreachable: Rule = {
  id: 'vpn-on-demand-unreachable',
  defaultSeverity: 'warning',
  description: 'An on-demand rule after a catch-all rule (one with only Action): iOS stops at the first match, so it is never evaluated.',
  messages: {
    en: {
      unreachable: 'This on-demand rule is never evaluated: the catch-all rule before it (only Action {0}) matches every network, and iOS stops at the first match.',
      catchAll: 'The catch-all rule.',
    },
    ja: {
      unreachable: 'このオンデマンドルールは評価されません。前にある全一致ルール (Action {0} のみ) がすべてのネットワークに一致し、iOS は最初に一致したルールで評価をやめます。',
      catchAll: '全一致ルール。',
    },
  },
  check(ctx) {
    for (const rules of onDemandRuleArrays(ctx.model)) {
      const dicts = ruleDicts(rules);
      const first = dicts.findIndex(isCatchAll);
      if (first < 0) continue;
      const catchAll = dicts[first];
      const related = [{ ...startTagSpan(ctx.text, catchAll), message: ctx.t('catchAll') }];
      for (const rule of dicts.slice(first + 1)) {
        ctx.report({ ...startTagSpan(ctx.text, rule), message: ctx.t('unreachable', getString(catchAll, 'Action') ?? '?'), related });
      }
    }
  },
};
