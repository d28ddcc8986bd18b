/**
 * Flags a payload whose PayloadType is not in Apple's schema. Close to a known type: a likely typo (warning, with
 * the nearest types as fixes). Otherwise a preference domain or an unpublished type (information). A type a recent
 * release of Apple's schema removed (com.apple.SoftwareUpdate) is information that says so.
 */
import { getKnownPayloadTypes, getRemovedPayloadRelease, isKnownPayloadType } from '../catalog';
import { nodeAtOffset } from '../model/tree';
import { nearestNames } from '../model/schema';
import type { Fix, Rule } from './rule';

export const payloadTypeUnknown: Rule = {
  id: 'payload-type-unknown',
  defaultSeverity: 'warning',
  description: 'A PayloadType not in Apple\'s schema: a likely typo of a known type, else (information) a preference domain or unpublished type.',
  messages: {
    en: {
      typo: '"{0}" is not a payload type in Apple\'s schema: did you mean {1}?',
      domain: '"{0}" is not in Apple\'s published schema: a preference domain (macOS applies it as managed preferences) or an undocumented payload.',
      fix: 'Change PayloadType to {0}',
      or: ' or ',
      removed: '"{0}" was removed from Apple\'s schema in release {1}: current systems may ignore the payload.',
    },
    ja: {
      typo: '"{0}" は Apple のスキーマにないペイロードタイプです。{1} の誤りではありませんか?',
      domain: '"{0}" は Apple の公開スキーマにありません。環境設定ドメイン (macOS は管理対象設定として適用) か、非公開のペイロードです。',
      fix: 'PayloadType を {0} に変更',
      or: ' または ',
      removed: '"{0}" は Apple のスキーマのリリース {1} で削除されました。現行のシステムではこのペイロードが無視される可能性があります。',
    },
  },
  check(ctx) {
    for (const payload of ctx.model.payloads) {
      const type = payload.type;
      if (type === undefined || type.trim() === '' || isKnownPayloadType(type)) continue;
      const node = payload.dict.entries.find((e) => e.key?.name === 'PayloadType')!.value!;
      if (node.kind !== 'string') continue;
      const span = node.valueLength > 0 ? { offset: node.valueOffset, length: node.valueLength } : { offset: node.offset, length: node.length };
      const removedIn = getRemovedPayloadRelease(type);
      if (removedIn) {
        ctx.report({ ...span, message: ctx.t('removed', type, removedIn), severity: 'info' });
        continue;
      }
      const candidates = nearestNames(type, getKnownPayloadTypes());
      if (candidates.length > 0) {
        ctx.report({ ...span, message: ctx.t('typo', type, candidates.join(ctx.t('or'))), data: { candidates } });
      } else {
        // Without a near known type it is most likely a preference domain (com.apple.finder, com.google.Chrome),
        // which macOS applies as managed preferences, or one Apple uses unpublished (com.apple.defaults.managed).
        ctx.report({ ...span, message: ctx.t('domain', type), severity: 'info' });
      }
    }
  },
  fixes(ctx, problem) {
    const candidates = (problem.data as { candidates?: string[] } | undefined)?.candidates ?? [];
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (node?.kind !== 'string' || node.valueOffset !== problem.offset || node.valueLength !== problem.length) return [];
    return candidates.map((c, i): Fix => ({ id: 'fix', title: ctx.t('fix', c), isPreferred: i === 0 && candidates.length === 1, edits: [{ offset: problem.offset, length: problem.length, newText: c }] }));
  },
};


