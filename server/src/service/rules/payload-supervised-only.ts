/**
 * Notes keys and payloads iOS applies only on supervised devices (e.g. PayloadRemovalDisallowed, the
 * removal-password payload). Information: on an unsupervised iPhone they silently do nothing.
 * A key set to its default is not noted, since leaving it out changes nothing either.
 */
import { getEntry } from '../model/tree';
import { onIOS, scalarOf, targetsMac, TOP_LEVEL_TYPE } from '../model/schema';
import { keyNameSpan } from './helpers';
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
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      // Supervision notes are for iOS profiles; a Mac profile's PayloadRemovalDisallowed is not about it.
      if (!ctx.settings.minimumIOS && ctx.model.targetsMac) return;
      // A payload that is supervised-only as a whole is reported once, by its type, rather than key by key.
      const supervised = !!onIOS(p.schema.os ?? {})?.supervised && p.payloadType !== TOP_LEVEL_TYPE;
      if (supervised) {
        const node = p.typeNode ?? getEntry(p.payload.dict, 'PayloadType')?.value;
        if (node?.kind === 'string' && node.valueLength > 0) ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('payload', p.payloadType) });
      }
      for (const v of part.values) {
        if (!v.keyNode || !v.key.os?.iOS?.supervised || supervised) continue;
        const parent = onIOS(v.parentOs);
        if (!parent || parent.supervised || !onIOS(v.os)) continue;
        if (v.key.default !== undefined && scalarOf(v.node) === v.key.default) continue;
        ctx.report({ ...keyNameSpan(v.keyNode), message: ctx.t('key', v.path.join('.')) });
      }
    });
  },
};
