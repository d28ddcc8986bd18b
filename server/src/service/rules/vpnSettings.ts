/**
 * Shared reading of a VPN payload's on-demand and proxy settings for the vpn-on-demand-*, vpn-proxy-* and
 * vpn-integer-as-boolean rules: which keys are 0/1 integers, when a flag is on, and where to point a diagnostic
 * (shared/domain/rules-reference.md section 1.3, after Apple's VPN payload reference).
 */
import type { ProfileModel } from '../model';
import { getArray, getDict, getValue, keyOfValue, nodeAtOffset } from '../model/tree';
import type { ArrayNode, DictEntry, DictNode, PlistNode, Problem, ServiceSettings } from '../types';
import { replaceValueText } from '../edits';
import type { Fix, RuleContext } from './rule';

/** The 0/1 integer keys of the VPN payload that people write as booleans, by the dict that holds them. */
export const INTEGER_FLAGS: Readonly<Record<'VPN' | 'Proxies' | 'IPv4', readonly string[]>> = {
  VPN: ['OnDemandEnabled', 'OnDemandUserOverrideDisabled', 'DisconnectOnIdle', 'IncludeAllNetworks', 'EnforceRoutes',
    'ExcludeLocalNetworks', 'ExcludeCellularServices', 'ExcludeAPNs', 'ExcludeDeviceCommunication'],
  Proxies: ['HTTPEnable', 'HTTPSEnable', 'ProxyAutoConfigEnable', 'ProxyAutoDiscoveryEnable'],
  IPv4: ['OverridePrimary'],
};

/** The on-demand rule actions Apple defines (`Allow` is deprecated but still accepted). */
export const ON_DEMAND_ACTIONS = ['Allow', 'Connect', 'Disconnect', 'EvaluateConnection', 'Ignore'];
export const DOMAIN_ACTIONS = ['ConnectIfNeeded', 'NeverConnect'];

/**
 * A 0/1 flag is on when written `<integer>1</integer>`, or `<true/>`: the author meant "on", and
 * vpn-integer-as-boolean reports the wrong type, so the follow-on rules still judge the intent.
 */
export function isFlagOn(dict: DictNode | undefined, key: string): boolean {
  const v = dict && getValue(dict, key);
  if (v?.kind === 'bool') return v.value;
  return v?.kind === 'integer' && Number(v.value.trim()) === 1;
}

/** Every `VPN.OnDemandRules` array of the profile's VPN payloads. */
export function onDemandRuleArrays(model: ProfileModel): ArrayNode[] {
  const out: ArrayNode[] = [];
  for (const v of model.vpnPayloads) {
    const rules = v.vpn && getArray(v.vpn, 'OnDemandRules');
    if (rules) out.push(rules);
  }
  return out;
}

/** The rule dicts of an OnDemandRules array (other items are a type problem, not ours). */
export function ruleDicts(rules: ArrayNode): DictNode[] {
  return rules.items.filter((i): i is DictNode => i.kind === 'dict');
}

/** The Proxies and IPv4 dicts beside the VPN dict, by name. */
export function vpnDicts(model: ProfileModel): { name: keyof typeof INTEGER_FLAGS; dict: DictNode }[] {
  const out: { name: keyof typeof INTEGER_FLAGS; dict: DictNode }[] = [];
  for (const v of model.vpnPayloads) {
    if (v.vpn) out.push({ name: 'VPN', dict: v.vpn });
    if (v.proxies) out.push({ name: 'Proxies', dict: v.proxies });
    const ipv4 = getDict(v.payload.dict, 'IPv4');
    if (ipv4) out.push({ name: 'IPv4', dict: ipv4 });
  }
  return out;
}

/** The allowed value a string means, ignoring case and surrounding space. */
export function meantValue(value: string | undefined, allowed: readonly string[]): string | undefined {
  const wanted = value?.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === wanted);
}

/** The allowed value a string differs from only by case or surrounding space (iOS compares exactly). */
export function exactSpelling(value: string, allowed: readonly string[]): string | undefined {
  const meant = meantValue(value, allowed);
  return meant !== value ? meant : undefined;
}

/**
 * The fix for a mis-spelt enum value: recomputed from the string at the problem's offset, and offered only
 * when that string is the value of `key` (so a problem elsewhere in the same rule never gets it).
 */
export function spellingFixes(ctx: RuleContext, problem: Problem, key: string, allowed: readonly string[]): Fix[] {
  const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
  if (node?.kind !== 'string' || node.parent?.kind !== 'dict') return [];
  if (keyOfValue(node.parent, node)?.name !== key) return [];
  const exact = exactSpelling(node.value, allowed);
  if (!exact) return [];
  return [{ id: 'fix', title: ctx.t('fix', key, exact), isPreferred: true, edits: [replaceValueText(node, ctx.text, exact)] }];
}
