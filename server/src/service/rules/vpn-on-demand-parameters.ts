/**
 * Checks ActionParameters of on-demand rules: only EvaluateConnection reads them, each element needs non-empty
 * Domains and a DomainAction (ConnectIfNeeded | NeverConnect), and the probe keys only work with ConnectIfNeeded
 * (rules-reference.md OD003–OD005, Apple's VPN payload reference). Fix: the exact spelling of a DomainAction.
 */
import { getEntry } from '../model/tree';
import type { DictNode } from '../types';
import type { Rule, RuleContext } from './rule';
import { DOMAIN_ACTIONS, meantValue, ON_DEMAND_ACTIONS, onDemandRuleArrays, ruleDicts, spellingFixes } from './vpnSettings';
import { keyElementSpan, startTagSpan, valueSpan } from './helpers';

/** Keys Apple documents as valid only with DomainAction ConnectIfNeeded. */
const PROBE_KEYS = ['RequiredDNSServers', 'RequiredURLStringProbe'];

function checkParameter(ctx: RuleContext, param: DictNode): void {
  const domains = getEntry(param, 'Domains')?.value;
  const domainAction = getEntry(param, 'DomainAction')?.value;
  const missing = [domains ? '' : 'Domains', domainAction ? '' : 'DomainAction'].filter(Boolean);
  if (missing.length > 0) ctx.report({ ...startTagSpan(ctx.text, param), message: ctx.t('missing', missing.join(ctx.t('and'))) });
  if (domains?.kind === 'array' && domains.items.length === 0) ctx.report({ ...valueSpan(domains), message: ctx.t('emptyDomains') });
  if (domainAction?.kind !== 'string') return;
  if (!DOMAIN_ACTIONS.includes(domainAction.value)) {
    ctx.report({ ...valueSpan(domainAction), message: ctx.t('domainAction', domainAction.value) });
  }
  if (meantValue(domainAction.value, DOMAIN_ACTIONS) !== 'NeverConnect') return;
  for (const key of PROBE_KEYS) {
    const entry = getEntry(param, key);
    // A warning, not an error: Apple calls these keys valid only with ConnectIfNeeded, where a probe can decide
    // to connect; NeverConnect never connects, so they have nothing to decide.
    if (entry) ctx.report({ ...keyElementSpan(entry), severity: 'warning', message: ctx.t('probe', key) });
  }
}

export const vpnOnDemandParameters: Rule = {
  id: 'vpn-on-demand-parameters',
  defaultSeverity: 'error',
  description: 'On-demand ActionParameters used with an Action other than EvaluateConnection, or lacking Domains or DomainAction; probe keys with NeverConnect (warning).',
  messages: {
    en: {
      notEvaluate: 'ActionParameters is used only with Action EvaluateConnection; with Action {0} it is ignored.',
      noParameters: 'Action EvaluateConnection without ActionParameters has no domains to evaluate.',
      missing: 'This ActionParameters element has no {0}: each element needs a non-empty Domains array and a DomainAction.',
      emptyDomains: 'Domains is empty: this ActionParameters element matches no domain.',
      domainAction: 'DomainAction "{0}" is not ConnectIfNeeded or NeverConnect (iOS compares it exactly).',
      probe: '{0} is only used with DomainAction ConnectIfNeeded; with NeverConnect it is ignored.',
      fix: 'Change {0} to {1}',
      and: ' and ',
    },
    ja: {
      notEvaluate: 'ActionParameters は Action EvaluateConnection のときだけ使われます。Action {0} では無視されます。',
      noParameters: 'ActionParameters のない Action EvaluateConnection には評価するドメインがありません。',
      missing: 'この ActionParameters の要素には {0} がありません。各要素には空でない Domains 配列と DomainAction が必要です。',
      emptyDomains: 'Domains が空です。この ActionParameters の要素はどのドメインにも一致しません。',
      domainAction: 'DomainAction "{0}" は ConnectIfNeeded でも NeverConnect でもありません (iOS は完全一致で比較します)。',
      probe: '{0} は DomainAction ConnectIfNeeded のときだけ使われます。NeverConnect では無視されます。',
      fix: '{0} を {1} に変更',
      and: ' と ',
    },
  },
  check(ctx) {
    for (const rules of onDemandRuleArrays(ctx.model)) {
      for (const rule of ruleDicts(rules)) {
        const actionNode = getEntry(rule, 'Action')?.value;
        // A missing or unknown Action is vpn-on-demand-action's problem; a mis-cased one still says what was meant,
        // and so does a mis-cased DomainAction below (its spelling is reported on its own).
        const action = meantValue(actionNode?.kind === 'string' ? actionNode.value : undefined, ON_DEMAND_ACTIONS);
        const params = getEntry(rule, 'ActionParameters');
        if (params && action && action !== 'EvaluateConnection') {
          ctx.report({ ...keyElementSpan(params), message: ctx.t('notEvaluate', action) });
        }
        if (!params && action === 'EvaluateConnection') {
          ctx.report({ ...valueSpan(actionNode!), severity: 'warning', message: ctx.t('noParameters') });
        }
        if (params?.value?.kind !== 'array') continue;
        for (const param of params.value.items) if (param.kind === 'dict') checkParameter(ctx, param);
      }
    }
  },
  fixes(ctx, problem) {
    return spellingFixes(ctx, problem, 'DomainAction', DOMAIN_ACTIONS);
  },
};
