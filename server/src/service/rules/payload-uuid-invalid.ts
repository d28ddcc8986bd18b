/**
 * Flags a PayloadUUID that is not a UUID (32 hex digits grouped 8-4-4-4-12). A warning, not an error:
 * Apple only demands uniqueness, but MDMs and portals often key payloads by UUID. A fresh UUID is a safe fix.
 */
import { getEntry } from '../model/tree';
import { newUuid, UUID_PATTERN } from '../edits';
import { payloadValueAt } from './helpers';
import type { Rule } from './rule';

export const payloadUuidInvalid: Rule = {
  id: 'payload-uuid-invalid',
  defaultSeverity: 'warning',
  description: 'A PayloadUUID that is not a UUID (8-4-4-4-12 hex digits).',
  messages: {
    en: { bad: '"{0}" is not a UUID: PayloadUUID should be 32 hex digits grouped 8-4-4-4-12.', fix: 'Replace with a new UUID' },
    ja: { bad: '"{0}" は UUID ではありません。PayloadUUID は 8-4-4-4-12 に区切った 16 進 32 桁にしてください。', fix: '新しい UUID に置き換える' },
  },
  check(ctx) {
    for (const { dict } of ctx.model.allPayloads) {
      const v = getEntry(dict, 'PayloadUUID')?.value;
      if (v?.kind !== 'string' || v.value.trim() === '' || ctx.model.isPlaceholder(v)) continue;
      if (!UUID_PATTERN.test(v.value.trim())) {
        ctx.report({ offset: v.valueOffset, length: v.valueLength, message: ctx.t('bad', v.value) });
      }
    }
  },
  fixes(ctx, problem) {
    // References to the old value (PayloadCertificateUUID and the like) follow the rename, or they would dangle.
    const node = payloadValueAt(ctx.model, 'PayloadUUID', problem);
    if (node?.kind !== 'string' || UUID_PATTERN.test(node.value.trim())) return [];
    const old = node.value;
    const fresh = newUuid();
    const edits = [{ offset: problem.offset, length: problem.length, newText: fresh }];
    for (const ref of ctx.model.certificateReferences) {
      if (ref.node.value.trim() === old.trim() && ref.node.valueOffset !== problem.offset) edits.push({ offset: ref.node.valueOffset, length: ref.node.valueLength, newText: fresh });
    }
    return [{ id: 'fix', title: ctx.t('fix'), isPreferred: true, edits }];
  },
};
