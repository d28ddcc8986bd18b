/**
 * Notes keys and payloads iOS applies only on supervised devices (e.g. PayloadRemovalDisallowed, the
 * removal-password payload). Information: on an unsupervised iPhone they silently do nothing.
 * A key set to its default is not noted, since leaving it out changes nothing either.
 */
import { getEntry } from '../profile';
import { onIOS, scalarOf, schemaWalk, targetsMac, TOP_LEVEL_TYPE } from '../schemaWalk';
import { keySpan } from './payload-key-unknown';
import type { Rule } from './rule';

export const payloadSupervisedOnly: Rule = {
  id: 'payload-supervised-only',
  defaultSeverity: 'info',
  description: 'A key or payload that iOS applies only on supervised devices.',
  messages: {
    en: {
      payload: '{0} works only on supervised iOS devices.',
      key: '{0} works only on supervised iOS devices; unsupervised devices ignore it.',
    },
    ja: {
      payload: '{0} は監視対象 (supervised) の iOS デバイスでのみ有効です。',
      key: '{0} は監視対象 (supervised) の iOS デバイスでのみ有効です。監視対象でないデバイスでは無視されます。',
    },
  },
  check(ctx) {
    const walk = schemaWalk(ctx.profile);
    // Supervision notes are for iOS profiles; a Mac profile's PayloadRemovalDisallowed is not about it.
    if (!ctx.settings.minimumIOS && targetsMac(walk, ctx.profile)) return;
    const supervisedPayloads = new Set<unknown>();
    for (const p of walk.payloads) {
      const ios = onIOS(p.schema.os ?? {});
      if (!ios?.supervised || p.payloadType === TOP_LEVEL_TYPE) continue;
      supervisedPayloads.add(p.payload);
      const node = p.typeNode ?? getEntry(p.payload.dict, 'PayloadType')?.value;
      if (node?.kind === 'string' && node.valueLength > 0) ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('payload', p.payloadType) });
    }
    for (const v of walk.values) {
      if (!v.keyNode || !v.key.os?.iOS?.supervised || supervisedPayloads.has(v.payload)) continue;
      const parent = onIOS(v.parentOs);
      if (!parent || parent.supervised || !onIOS(v.os)) continue;
      if (v.key.default !== undefined && scalarOf(v.node) === v.key.default) continue;
      ctx.report({ ...keySpan(v.keyNode), message: ctx.t('key', v.path.join('.')) });
    }
  },
};
