/**
 * Checks that the profile and each payload carry the keys every payload needs: PayloadType,
 * PayloadIdentifier, PayloadUUID and PayloadVersion, present and (for strings) not empty.
 * Why: iOS refuses a profile when any payload lacks one of them.
 */
import { getEntry } from '../model/tree';
import { startTagSpan } from './helpers';
import type { Rule } from './rule';

const REQUIRED = ['PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion'];

export const payloadKeyMissing: Rule = {
  id: 'payload-key-missing',
  defaultSeverity: 'error',
  description: 'The profile or a payload lacks PayloadType, PayloadIdentifier, PayloadUUID or PayloadVersion, or has it empty.',
  messages: {
    en: {
      missing: '"{0}" is missing {1}.',
      empty: '{0} is empty.',
      type: '{0} must be a <{1}>, not <{2}>.',
    },
    ja: {
      missing: '"{0}" に {1} がありません。',
      empty: '{0} が空です。',
      type: '{0} は <{2}> ではなく <{1}> でなければなりません。',
    },
  },
  check(ctx) {
    const payloads = ctx.model.allPayloads;
    // A dict without any Payload key is a preference plist, not a profile: nothing to require.
    if (payloads.length === 0 || !payloads[0].dict.entries.some((e) => e.key?.name.startsWith('Payload'))) return;
    for (const payload of payloads) {
      const { dict } = payload;
      const missing = REQUIRED.filter((k) => !getEntry(dict, k));
      if (missing.length > 0) {
        // Point at the dict's start tag only: the whole dict would underline the entire profile.
        ctx.report({ ...startTagSpan(ctx.text, dict), message: ctx.t('missing', ctx.model.label(payload), missing.join(', ')) });
      }
      for (const key of REQUIRED) {
        const entry = getEntry(dict, key);
        const v = entry?.value;
        if (!entry || !v) continue;
        const want = key === 'PayloadVersion' ? 'integer' : 'string';
        if (v.kind !== want) {
          // PayloadVersion type errors belong to payload-version; report the others here.
          if (key !== 'PayloadVersion') ctx.report({ offset: v.offset, length: v.length, message: ctx.t('type', key, want, v.kind) });
        } else if (want === 'string' && v.value.trim() === '') {
          ctx.report({ offset: v.offset, length: v.length, message: ctx.t('empty', key) });
        }
      }
    }
  },
};
