/**
 * Flags an OnDemandRules element without Action, or whose Action is not Allow, Connect, Disconnect,
 * EvaluateConnection or Ignore. Why: iOS compares the action exactly, so such a rule does nothing
 * (rules-reference.md OD002, Apple's VPN payload reference). Fix: the exact spelling of a case-only mismatch.
 */
import { getEntry } from '../model/tree';
import type { Rule } from './rule';
import { ON_DEMAND_ACTIONS, onDemandRuleArrays, ruleDicts, spellingFixes } from './vpnSettings';
import { startTagSpan, valueSpan } from './helpers';

export const vpnOnDemandAction: Rule = {
  id: 'vpn-on-demand-action',
  defaultSeverity: 'error',
  description: 'An on-demand rule without Action, or with an Action other than Allow, Connect, Disconnect, EvaluateConnection or Ignore.',
  messages: {
    en: {
      missing: 'This on-demand rule has no Action: add one of {0}.',
      invalid: 'Action "{0}" is not an on-demand action: iOS compares it exactly. Use one of {1}.',
      fix: 'Change {0} to {1}',
    },
    ja: {
      missing: 'このオンデマンドルールには Action がありません。{0} のいずれかを追加してください。',
      invalid: 'Action "{0}" はオンデマンドのアクションではありません (iOS は完全一致で比較します)。{1} のいずれかを使ってください。',
      fix: '{0} を {1} に変更',
    },
  },
  check(ctx) {
    const names = ON_DEMAND_ACTIONS.join(', ');
    for (const rules of onDemandRuleArrays(ctx.model)) {
      for (const rule of ruleDicts(rules)) {
        const action = getEntry(rule, 'Action')?.value;
        if (!action) {
          ctx.report({ ...startTagSpan(ctx.text, rule), message: ctx.t('missing', names) });
        } else if (action.kind === 'string' && !ON_DEMAND_ACTIONS.includes(action.value)) {
          // An Action of another element type is left to payload-value-type.
          ctx.report({ ...valueSpan(action), message: ctx.t('invalid', action.value, names) });
        }
      }
    }
  },
  fixes(ctx, problem) {
    return spellingFixes(ctx, problem, 'Action', ON_DEMAND_ACTIONS);
  },
};
