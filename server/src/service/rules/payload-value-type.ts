/**
 * Flags a value element of the wrong plist type for its key, e.g. `<true/>` for an integer 0/1 key or
 * `<string>5</string>` for an integer. Why: the device reads the key by type, so the setting is ignored or
 * the profile refused. Fix where nothing is lost: the same value as the right element.
 */
import type { ValueType } from '../catalog';
import { nodeAtOffset } from '../model/tree';
import { acceptsElement, coveredElsewhere, SchemaValue, TOP_LEVEL_TYPE } from '../model/schema';
import type { NodeKind, PlistNode } from '../types';
import { escapeXml } from '../edits';
import type { Rule } from './rule';

/** How a type is named in messages: the element as written. */
const SHOWN: Record<string, string> = { bool: 'true/> or <false/', dict: 'dict', boolean: 'true/> or <false/', dictionary: 'dict' };

/** The Payload* keys whose type other rules check: payload-key-missing (strings) and payload-version. */
const COMMON_CHECKED: readonly string[] = ['PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'];

/**
 * VPN integer flags written as `<true/>`/`<false/>`: the rule vpn-integer-as-boolean reports these exact
 * keys (its explanation is specific to them), so this rule leaves them alone. Parent dict → keys.
 */
const VPN_FLAGS_ELSEWHERE: Record<string, ReadonlySet<string>> = {
  VPN: new Set(['OnDemandEnabled', 'OnDemandUserOverrideDisabled', 'DisconnectOnIdle', 'IncludeAllNetworks', 'EnforceRoutes',
    'ExcludeLocalNetworks', 'ExcludeCellularServices', 'ExcludeAPNs', 'ExcludeDeviceCommunication']),
  Proxies: new Set(['HTTPEnable', 'HTTPSEnable', 'ProxyAutoConfigEnable', 'ProxyAutoDiscoveryEnable']),
  IPv4: new Set(['OverridePrimary']),
};

/**
 * Keys Apple types as one thing but documents as two (its schema has no union types, docs/errata.md):
 * SCEP subject alternative names may be a string or an array of strings.
 */
const ALSO_ACCEPTS: Record<string, Record<string, NodeKind>> = {
  'com.apple.security.scep': {
    'PayloadContent.SubjectAltName.rfc822Name': 'array',
    'PayloadContent.SubjectAltName.dNSName': 'array',
    'PayloadContent.SubjectAltName.uniformResourceIdentifier': 'array',
  },
};

export const payloadValueType: Rule = {
  id: 'payload-value-type',
  defaultSeverity: 'error',
  description: 'A value of the wrong plist type for its key, e.g. <true/> for an integer 0/1 key or <string> for an integer.',
  messages: {
    en: {
      type: '{0} must be <{1}>, not <{2}>.',
      item: 'Items of {0} must be <{1}>, not <{2}>.',
      tolerated: ' Devices often accept it, but it is not the type Apple documents.',
      fix: 'Change to {0}',
    },
    ja: {
      type: '{0} は <{2}> ではなく <{1}> でなければなりません。',
      item: '{0} の要素は <{2}> ではなく <{1}> でなければなりません。',
      tolerated: ' デバイスが受け付けることも多いですが、Apple が文書化している型ではありません。',
      fix: '{0} に変更',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      for (const v of part.values) {
        const { node, key } = v;
        if (acceptsElement(key.type, node.kind) || skip(v) || ctx.model.isPlaceholder(node)) continue;
        const name = v.path.join('.');
        const shownNode = node.kind === 'bool' ? `${node.value}/` : node.kind;
        const want = SHOWN[key.type] ?? key.type;
        const replacement = withinRange(convert(node, key.type), key.range, key.values);
        ctx.report({
          offset: node.offset, length: node.length,
          message: ctx.t(v.keyNode ? 'type' : 'item', name, want, shownNode) + (tolerated(node, key.type) ? ctx.t('tolerated') : ''),
          data: replacement === undefined ? undefined : { replacement },
          ...(tolerated(node, key.type) ? { severity: 'warning' as const } : {}),
        });
      }
    });
  },
  fixes(ctx, problem) {
    const replacement = (problem.data as { replacement?: string } | undefined)?.replacement;
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (replacement === undefined || !node || node.offset !== problem.offset || node.length !== problem.length) return [];
    return [{ id: 'fix', title: ctx.t('fix', replacement), isPreferred: true, edits: [{ offset: node.offset, length: node.length, newText: replacement }] }];
  },
};

function skip(v: SchemaValue): boolean {
  const name = v.name;
  if (v.atPayloadLevel && COMMON_CHECKED.includes(name!)) return true;
  // The profile's PayloadContent shape is payload-content-shape's.
  if (v.payloadType === TOP_LEVEL_TYPE && v.atPayloadLevel && name === 'PayloadContent') return true;
  if (v.keyNode && coveredElsewhere(v, 'type')) return true;
  if (v.payloadType === 'com.apple.vpn.managed') {
    if (v.node.kind === 'bool' && v.key.type === 'integer' && v.path.length === 2 && v.keyNode && VPN_FLAGS_ELSEWHERE[v.path[0]]?.has(name!)) return true;
  }
  const also = ALSO_ACCEPTS[v.payloadType]?.[v.path.join('.')];
  return also !== undefined && also === v.node.kind;
}

/**
 * Mismatches real, working profiles contain: `<integer>0/1</integer>` for a boolean and `<true/>` for an
 * integer 0/1 flag (the device reads both as a number), and `<string>` for `<data>` (APN passwords,
 * IPSec shared secrets). A warning: the schema is clear, but no source shows the device refusing them.
 */
function tolerated(node: PlistNode, type: ValueType): boolean {
  if (type === 'boolean') return node.kind === 'integer' && /^\s*[01]\s*$/.test(node.value);
  if (type === 'integer') return node.kind === 'bool';
  return type === 'data' && node.kind === 'string';
}

/**
 * Drops a converted number the key would refuse at once (below `min`, above `max`, not in the allowed list):
 * a fix must not trade one error for another.
 */
function withinRange(replacement: string | undefined, range: { min?: number; max?: number } | undefined, values: readonly unknown[] | undefined): string | undefined {
  const m = replacement === undefined ? null : /^<(integer|real)>(.*)<\/\1>$/.exec(replacement);
  if (!m) return replacement;
  const n = Number(m[2]);
  if (range?.min !== undefined && n < range.min) return undefined;
  if (range?.max !== undefined && n > range.max) return undefined;
  if (values && values.length > 0 && !values.some((v) => Number(v) === n)) return undefined;
  return replacement;
}

/** The same value as the element `type` takes, when the conversion loses nothing; else undefined. */
function convert(node: PlistNode, type: ValueType): string | undefined {
  const text = node.kind === 'string' || node.kind === 'integer' || node.kind === 'real' ? node.value.trim() : undefined;
  switch (type) {
    case 'integer':
      if (node.kind === 'bool') return `<integer>${node.value ? 1 : 0}</integer>`;
      if (text !== undefined && /^[+-]?\d+$/.test(text)) return `<integer>${text.replace(/^\+/, '')}</integer>`;
      if (node.kind === 'real' && text !== undefined && /^[+-]?\d+\.0*$/.test(text)) return `<integer>${text.replace(/^\+/, '').replace(/\.0*$/, '')}</integer>`;
      return undefined;
    case 'real':
      if (node.kind === 'string' && text !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `<real>${text}</real>`;
      return undefined;
    case 'boolean':
      if (node.kind === 'integer' && (text === '0' || text === '1')) return text === '1' ? '<true/>' : '<false/>';
      if (node.kind === 'string' && text !== undefined && /^(true|false)$/i.test(text)) return `<${text.toLowerCase()}/>`;
      return undefined;
    case 'string':
      if (node.kind === 'integer' || node.kind === 'real') return `<string>${escapeXml(node.value)}</string>`;
      return undefined;
    case 'data':
      // The string's UTF-8 bytes, which is what a device reading the string would use.
      if (node.kind === 'string') return `<data>${btoa(String.fromCharCode(...new TextEncoder().encode(node.value)))}</data>`;
      return undefined;
    default:
      return undefined;
  }
}
