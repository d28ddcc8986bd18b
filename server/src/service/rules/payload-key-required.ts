/**
 * Flags a payload or nested dict that lacks a key Apple's schema requires there, including keys our overlay
 * requires only under a condition (e.g. IPSec when VPNType is IPSec). Keys other rules already require are
 * left to them, so one omission gives one diagnostic.
 */
import type { Condition, KeyContainer, KeySchema } from '../catalog';
import { getEntry } from '../model/tree';
import { coveredElsewhere, scalarOf, SchemaDict, TOP_LEVEL_TYPE, valueAtPath } from '../model/schema';
import type { DictNode } from '../types';

import type { Rule, RuleContext } from './rule';

/**
 * Requirements Apple's schema states that real, working profiles do not meet. By payload type, the required key
 * and what stands in for it (null: nothing, the key is simply optional in practice).
 */
const SATISFIED_BY: Record<string, Record<string, string | null>> = {
  // Since macOS 11 a TCC entry gives Authorization instead of the boolean Allowed (kandji PPPC profiles).
  'com.apple.TCC.configuration-profile-policy': { Allowed: 'Authorization' },
  // A managed-preferences payload: setting idleTime alone is common and works; moduleName keeps its default.
  'com.apple.screensaver': { moduleName: null },
};

/** Every dict's Payload* keys are payload-key-missing's. */
const COMMON_REQUIRED: readonly string[] = ['PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'];

export const payloadKeyRequired: Rule = {
  id: 'payload-key-required',
  defaultSeverity: 'error',
  description: 'A payload or nested dictionary lacks a key the schema requires there (conditions such as VPNType included).',
  messages: {
    en: {
      missing: '{0} is missing the required key {1}.',
      missingMany: '{0} is missing the required keys {1}.',
      when: '{0} is missing {1}, required when {2}.',
      item: 'an item of {0}',
      condIs: '{0} is {1}',
      condSet: '{0} is set',
      or: ' or ',
    },
    ja: {
      missing: '{0} に必須キー {1} がありません。',
      missingMany: '{0} に必須キー {1} がありません。',
      when: '{0} に {1} がありません ({2} の場合は必須です)。',
      item: '{0} の要素',
      condIs: '{0} が {1}',
      condSet: '{0} が設定されている',
      or: ' または ',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      for (const d of part.dicts) {
        const keys = requiredKeys(d.container);
        if (keys.length === 0) continue;
        const plain: string[] = [];
        const conditional: { key: KeySchema; cond: Condition }[] = [];
        for (const key of keys) {
          if (getEntry(d.dict, key.name)) continue;
          const cond = key.presence === 'required' ? undefined : key.requiredWhen!.find((c) => holds(d.at.payload.dict, c));
          if ((key.presence !== 'required' && !cond) || skip(ctx, d, key.name)) continue;
          if (cond) conditional.push({ key, cond });
          else plain.push(key.name);
        }
        if (plain.length === 0 && conditional.length === 0) continue;
        const span = spanOf(d);
        const label = labelOf(ctx, d);
        if (plain.length === 1) ctx.report({ ...span, message: ctx.t('missing', label, plain[0]) });
        else if (plain.length > 1) ctx.report({ ...span, message: ctx.t('missingMany', label, plain.join(', ')) });
        for (const { key, cond } of conditional) ctx.report({ ...span, message: ctx.t('when', label, key.name, describe(ctx, cond)) });
      }
    });
  },
};

/** The keys of a container that are required, always or under a condition. */
function requiredKeys(container: KeyContainer): readonly KeySchema[] {
  return (container.keys ?? []).filter((k) => k.presence === 'required' || k.requiredWhen);
}

/** Where to point: the key naming a nested dict, the PayloadType of a payload, else the dict's start tag. */
function spanOf(d: SchemaDict): { offset: number; length: number } {
  if (d.keyNode) return { offset: d.keyNode.offset, length: d.keyNode.length };
  if (d.at.path.length === 0) {
    const type = getEntry(d.dict, 'PayloadType')?.value;
    if (type?.kind === 'string' && type.valueLength > 0) return { offset: type.valueOffset, length: type.valueLength };
  }
  return { offset: d.dict.offset, length: d.dict.selfClosing ? d.dict.length : 6 };
}

function labelOf(ctx: RuleContext, d: SchemaDict): string {
  if (d.at.path.length === 0) return d.at.payloadType === TOP_LEVEL_TYPE ? 'The profile' : d.at.payloadType;
  const path = d.at.path.join('.');
  return d.keyNode ? path : ctx.t('item', path);
}

function holds(payloadDict: DictNode, cond: Condition): boolean {
  const node = valueAtPath(payloadDict, cond.path);
  if (!node) return false;
  if (cond.present) return true;
  const value = scalarOf(node);
  return value !== undefined && (cond.in ?? []).some((v) => v === value);
}

function describe(ctx: RuleContext, cond: Condition): string {
  const path = cond.path.join('.');
  if (cond.present) return ctx.t('condSet', path);
  return ctx.t('condIs', path, (cond.in ?? []).map((v) => JSON.stringify(v)).join(ctx.t('or')));
}

/** Requirements another rule reports with a message made for the case. */
function skip(ctx: RuleContext, d: SchemaDict, name: string): boolean {
  if (d.at.path.length === 0 && COMMON_REQUIRED.includes(name)) return true;
  const instead = SATISFIED_BY[d.at.payloadType]?.[name];
  if (instead === null || (instead !== undefined && getEntry(d.dict, instead))) return true;
  if (d.at.payloadType === TOP_LEVEL_TYPE && d.at.path.length === 0) {
    // An encrypted profile carries EncryptedPayloadContent instead of PayloadContent.
    return name === 'PayloadContent' && getEntry(d.dict, 'EncryptedPayloadContent') !== undefined;
  }
  if (coveredElsewhere({ payloadType: d.at.payloadType, path: [...d.at.path, name] }, 'required')) return true;
  if (d.at.payloadType !== 'com.apple.vpn.managed') return false;
  if (d.at.path.length === 0) {
    // vpn-subtype-missing reports a missing VPNSubType for VPNType VPN.
    const vpnType = valueAtPath(d.dict, ['VPNType']);
    if (name === 'VPNSubType' && vpnType?.kind === 'string' && vpnType.value === 'VPN') return true;
    // vpn-remote-address-missing reports an AnyConnect payload without its VPN dictionary.
    if (name === 'VPN') return ctx.model.vpnPayloads.some((v) => v.payload.dict === d.dict && (v.app !== undefined || v.looksCisco));
    return false;
  }
  // VPN.RemoteAddress: vpn-remote-address-missing (AnyConnect); other apps may keep the server in VendorConfig.
  return d.at.path.length === 1 && d.at.path[0] === 'VPN' && name === 'RemoteAddress';
}
