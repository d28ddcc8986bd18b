/**
 * Flags a key Apple's schema does not define where it stands (profile, payload, nested dict or array element),
 * such as `RemoteAdress`. Why: iOS ignores it silently, so the setting never applies. Fix: the nearest valid key.
 * A key a recent release of the schema removed is information that says so instead.
 */
import { catalogRelease, getPayloadSchema, getRemovedKeyRelease, KeyContainer } from '../catalog';
import { getEntry, nodeAtOffset } from '../model/tree';
import { isClosed, nearestNames, onIOS, TOP_LEVEL_TYPE } from '../model/schema';
import { keyNameSpan } from './helpers';
import type { Fix, Rule } from './rule';

export const payloadKeyUnknown: Rule = {
  id: 'payload-key-unknown',
  defaultSeverity: 'warning',
  description: 'A key that Apple\'s schema does not define at that place (a typo such as RemoteAdress); the fix offers the nearest valid key.',
  messages: {
    en: {
      unknown: '"{0}" is not a key of {1} in Apple\'s schema, release {2}: the device ignores it.',
      unknownMac: '"{0}" is not a key of {1} in Apple\'s schema, release {2}; macOS may still store it as a managed preference.',
      removed: '"{0}" was a key of {1} until Apple\'s schema removed it in release {2}: current systems may ignore it.',
      typo: '"{0}" is not a key of {1}: did you mean {2}?',
      fix: 'Change to {0}',
      or: ' or ',
      profile: 'the profile',
    },
    ja: {
      unknown: '"{0}" は Apple のスキーマ (リリース {2}) で {1} のキーではありません (デバイスは無視します)。',
      unknownMac: '"{0}" は Apple のスキーマ (リリース {2}) で {1} のキーではありません。macOS は管理対象設定として保存する場合があります。',
      removed: '"{0}" は Apple のスキーマのリリース {2} で {1} から削除されたキーです。現行のシステムでは無視される可能性があります。',
      typo: '"{0}" は {1} のキーではありません。{2} の誤りではありませんか?',
      fix: '{0} に変更',
      or: ' または ',
      profile: 'プロファイル',
    },
  },
  check(ctx) {
    // The same unknown name in the same place is looked up once per validation (a generated profile may repeat
    // it thousands of times).
    const memo = new Map<KeyContainer, Map<string, string[]>>();
    ctx.model.schema.forEach(({ walk: part }) => {
      for (const u of part.unknownKeys) {
        // A dictionary Apple leaves open (no members listed) accepts anything; so does one with a wildcard.
        if (!isClosed(u.container)) continue;
        const name = u.keyNode.name;
        let byName = memo.get(u.container);
        if (!byName) memo.set(u.container, (byName = new Map()));
        let candidates = byName.get(name);
        if (!candidates) byName.set(name, (candidates = nearestNames(name, (u.container.keys ?? []).map((k) => k.name))));
        // A name the dict already has is no fix: renaming to it would duplicate that key.
        const fixable = candidates.filter((c) => !getEntry(u.dict, c));
        const where = u.path.length > 1 ? u.path.slice(0, -1).join('.') : u.payloadType === TOP_LEVEL_TYPE ? ctx.t('profile') : u.payloadType;
        const span = keyNameSpan(u.keyNode);
        const removedIn = getRemovedKeyRelease(u.payloadType, u.path);
        if (removedIn) {
          ctx.report({ ...span, severity: 'info', message: ctx.t('removed', name, where, removedIn) });
        } else if (candidates.length > 0) {
          ctx.report({ ...span, message: ctx.t('typo', name, where, candidates.join(ctx.t('or'))), data: { candidates: fixable } });
        } else if (!onIOS(u.payload.index < 0 ? {} : getPayloadSchema(u.payloadType)?.os ?? {}) && u.payload.index >= 0) {
          // A macOS-only payload is mostly a preference domain: macOS stores keys Apple does not document too.
          ctx.report({ ...span, severity: 'info', message: ctx.t('unknownMac', name, where, release) });
        } else {
          ctx.report({ ...span, message: ctx.t('unknown', name, where, release) });
        }
      }
    });
  },
  fixes(ctx, problem) {
    const candidates = (problem.data as { candidates?: string[] } | undefined)?.candidates ?? [];
    // The problem spans the key's name; make sure it still does before rewriting it.
    const at = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (at?.kind !== 'dict') return [];
    const key = at.entries.find((e) => e.key && e.key.valueOffset === problem.offset && e.key.valueLength === problem.length)?.key;
    if (!key) return [];
    return candidates.map((c, i): Fix => ({ id: 'fix', title: ctx.t('fix', c), isPreferred: i === 0 && candidates.length === 1, edits: [{ offset: key.valueOffset, length: key.valueLength, newText: c }] }));
  },
};

/** The schema release in messages (`27`): a key newer than that is not an error of the profile. */
const release = catalogRelease;
