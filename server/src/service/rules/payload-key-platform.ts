/**
 * Flags what iOS does not have: a key of an iOS payload that is macOS-only (or other OS only), a key or
 * payload newer than `mobileconfig.minimumIOS`, or one iOS has removed. A payload type iOS lacks altogether
 * gets one information at its PayloadType, not one warning per key: macOS-only profiles are legitimate.
 */
import { getEntry } from '../model/tree';
import { compareVersions, KnownPayload, onIOS, targetsMac, TOP_LEVEL_TYPE } from '../model/schema';
import type { OsName, SupportedOS } from '../catalog';
import { keyNameSpan } from './helpers';
import type { Rule } from './rule';

export const payloadKeyPlatform: Rule = {
  id: 'payload-key-platform',
  defaultSeverity: 'warning',
  description: 'A key not available on iOS, newer than mobileconfig.minimumIOS, or removed from iOS (information for a payload type iOS lacks).',
  messages: {
    en: {
      keyNotIOS: '{0} is not available on iOS ({1} only): iOS ignores it.',
      typeNotIOS: '{0} is not available on iOS ({1} only).',
      newer: '{0} needs iOS {1}; mobileconfig.minimumIOS is {2}.',
      removed: '{0} was removed in iOS {1}.',
      none: 'no OS',
    },
    ja: {
      keyNotIOS: '{0} は iOS では使えません ({1} のみ)。iOS は無視します。',
      typeNotIOS: '{0} は iOS では使えません ({1} のみ)。',
      newer: '{0} には iOS {1} 以降が必要です (mobileconfig.minimumIOS は {2})。',
      removed: '{0} は iOS {1} で廃止されました。',
      none: '対応 OS なし',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      const min = ctx.settings.minimumIOS.trim();
      const ios = onIOS(p.schema.os ?? {});
      const at = typeSpan(p);
      if (!ios) {
        // A payload iOS does not have is reported once, by its type; its keys are not looked at.
        if (p.payloadType !== TOP_LEVEL_TYPE && at) ctx.report({ ...at, severity: 'info', message: ctx.t('typeNotIOS', p.payloadType, platforms(ctx, p.schema.os ?? {})) });
        return;
      }
      if (at && p.payloadType !== TOP_LEVEL_TYPE) {
        if (ios.removed) ctx.report({ ...at, message: ctx.t('removed', p.payloadType, ios.removed) });
        else if (min && ios.introduced && compareVersions(ios.introduced, min) > 0) ctx.report({ ...at, message: ctx.t('newer', p.payloadType, ios.introduced, min) });
      }
      // A profile with a macOS-only payload (or PayloadScope) is for Macs: its keys' iOS availability is beside
      // the point, unless the user set a minimum iOS version and so says the profile is for iOS.
      if (!min && ctx.model.targetsMac) return;
      for (const v of part.values) {
        // Only what this key changes: an enclosing key or the payload reports its own availability.
        if (!v.keyNode || !v.key.os?.iOS) continue;
        const parent = onIOS(v.parentOs);
        if (!parent) continue;
        const own = onIOS(v.os);
        const name = v.path.join('.');
        const span = keyNameSpan(v.keyNode);
        if (!own) ctx.report({ ...span, message: ctx.t('keyNotIOS', name, platforms(ctx, v.os)) });
        else if (own.removed && own.removed !== parent.removed) ctx.report({ ...span, message: ctx.t('removed', name, own.removed) });
        else if (min && own.introduced && own.introduced !== parent.introduced && compareVersions(own.introduced, min) > 0) {
          ctx.report({ ...span, message: ctx.t('newer', name, own.introduced, min) });
        }
      }
    });
  },
};

/** The PayloadType value of a payload, to report once per payload. */
function typeSpan(p: KnownPayload): { offset: number; length: number } | undefined {
  const node = p.typeNode ?? getEntry(p.payload.dict, 'PayloadType')?.value;
  if (node?.kind !== 'string') return undefined;
  return node.valueLength > 0 ? { offset: node.valueOffset, length: node.valueLength } : { offset: node.offset, length: node.length };
}

function platforms(ctx: { t(key: string): string }, os: SupportedOS): string {
  const names = (Object.keys(os) as OsName[]).filter((n) => n !== 'iOS' && os[n]?.introduced && os[n]!.introduced !== 'n/a');
  return names.length > 0 ? names.join(', ') : ctx.t('none');
}
