/**
 * Flags keys Apple marks deprecated (e.g. VPN OnDemandMatchDomainsAlways/Never/OnRetry, deprecated in iOS 7)
 * and the few deprecated values Apple states only in prose (on-demand Action `Allow`). They still work for
 * now, but newer OS versions may drop them. Only the platforms the payload is for are considered.
 */
import { onIOS, scalarOf, SchemaValue } from '../model/schema';
import { keyNameSpan } from './helpers';
import type { Rule } from './rule';

/**
 * Deprecated values, by payload type and key path: the catalog keeps allowed values without their status,
 * so these come from Apple's descriptions (ADM-VPN: "'Allow': Deprecated").
 */
const DEPRECATED_VALUES: { payloadType: string; path: string; value: string; os: string; instead: string }[] = [
  { payloadType: 'com.apple.vpn.managed', path: 'VPN.OnDemandRules.Action', value: 'Allow', os: 'iOS', instead: 'EvaluateConnection or Connect' },
  { payloadType: 'com.apple.vpn.managed', path: 'IPSec.OnDemandRules.Action', value: 'Allow', os: 'iOS', instead: 'EvaluateConnection or Connect' },
  { payloadType: 'com.apple.vpn.managed', path: 'IKEv2.OnDemandRules.Action', value: 'Allow', os: 'iOS', instead: 'EvaluateConnection or Connect' },
];

/** The values alone, to skip every other string at the cost of one set lookup. */
const DEPRECATED_VALUE_SET: readonly string[] = DEPRECATED_VALUES.map((d) => d.value);

export const payloadKeyDeprecated: Rule = {
  id: 'payload-key-deprecated',
  defaultSeverity: 'warning',
  description: 'A key or value Apple marks deprecated, such as OnDemandMatchDomainsAlways or on-demand Action "Allow".',
  messages: {
    en: {
      key: '{0} is deprecated since {1} {2}.',
      value: '"{0}" is deprecated for {1}: use {2}.',
    },
    ja: {
      key: '{0} は {1} {2} から非推奨です。',
      value: '{1} の "{0}" は非推奨です。{2} を使ってください。',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      for (const v of part.values) {
        const deprecated = v.keyNode && v.key.os ? deprecation(v) : undefined;
        if (deprecated) ctx.report({ ...keyNameSpan(v.keyNode!), message: ctx.t('key', v.path.join('.'), deprecated.os, deprecated.version) });
        if (v.node.kind !== 'string' || !DEPRECATED_VALUE_SET.includes(v.node.value)) continue;
        const value = scalarOf(v.node);
        const name = v.path.join('.');
        const hit = DEPRECATED_VALUES.find((d) => d.value === value && d.payloadType === v.payloadType && d.path === name);
        if (hit && v.node.valueLength > 0) ctx.report({ offset: v.node.valueOffset, length: v.node.valueLength, message: ctx.t('value', hit.value, name, hit.instead) });
      }
    });
  },
};

/**
 * The key's own deprecation (not one inherited from its payload or parent) on iOS when the payload is for iOS,
 * else on macOS: so a macOS-only profile still learns about macOS deprecations.
 */
function deprecation(v: SchemaValue): { os: string; version: string } | undefined {
  const own = v.key.os!;
  const os = onIOS(v.parentOs) ? 'iOS' : 'macOS';
  const version = own[os]?.deprecated;
  if (!version || v.parentOs[os]?.deprecated === version) return undefined;
  return { os, version };
}
