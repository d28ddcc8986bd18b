/**
 * Flags a value outside the key's allowed values (Apple's `rangelist`). A case-only mismatch such as
 * `password` for `Password` is a warning with a fix to the exact value: Apple's own examples contain some.
 */
import { nodeAtOffset } from '../model/tree';
import { coveredElsewhere, scalarOf, SchemaValue, TOP_LEVEL_TYPE } from '../model/schema';
import type { ScalarValue } from '../catalog';
import type { Rule } from './rule';

export const payloadValueAllowed: Rule = {
  id: 'payload-value-allowed',
  defaultSeverity: 'error',
  description: 'A value outside the key\'s allowed values; a case-only mismatch is a warning with a fix to the exact value.',
  messages: {
    en: {
      notAllowed: '{0} is not an allowed value of {1}: use one of {2}.',
      caseOnly: '{0} must be written exactly "{1}": the device compares values case-sensitively.',
      fix: 'Change to "{0}"',
    },
    ja: {
      notAllowed: '{0} は {1} に指定できる値ではありません。{2} のいずれかを使ってください。',
      caseOnly: '{0} は正確に "{1}" と記述してください (デバイスは大文字と小文字を区別します)。',
      fix: '"{0}" に変更',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      for (const v of part.values) {
        const allowed = v.key.values;
        if (!allowed || allowed.length === 0) continue;
        const { node } = v;
        const value = scalarOf(node);
        // Only a value of the key's own type is compared; another type is payload-value-type's.
        if (value === undefined || !sameKind(value, allowed[0]) || allowed.includes(value)) continue;
        if (ctx.model.isPlaceholder(v.node) || skip(v)) continue;
        const span = node.kind === 'string' || node.kind === 'integer' || node.kind === 'real'
          ? (node.valueLength > 0 ? { offset: node.valueOffset, length: node.valueLength } : { offset: node.offset, length: node.length })
          : { offset: node.offset, length: node.length };
        const name = v.path.join('.');
        const exact = typeof value === 'string' ? allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.trim().toLowerCase()) : undefined;
        if (exact !== undefined && node.kind === 'string' && node.valueLength > 0) {
          ctx.report({ ...span, severity: 'warning', message: ctx.t('caseOnly', name, String(exact)), data: { exact } });
        } else {
          ctx.report({ ...span, message: ctx.t('notAllowed', show(value), name, allowed.map(show).join(', ')) });
        }
      }
    });
  },
  fixes(ctx, problem) {
    const exact = (problem.data as { exact?: string } | undefined)?.exact;
    const node = nodeAtOffset(ctx.model.parse.root, problem.offset);
    if (exact === undefined || node?.kind !== 'string' || node.valueOffset !== problem.offset || node.valueLength !== problem.length) return [];
    return [{ id: 'fix', title: ctx.t('fix', exact), isPreferred: true, edits: [{ offset: node.valueOffset, length: node.valueLength, newText: exact }] }];
  },
};

function sameKind(value: ScalarValue, allowed: ScalarValue): boolean {
  return typeof value === typeof allowed;
}

function show(value: ScalarValue): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** Values other rules judge: PayloadVersion (payload-version), the profile's PayloadType, and the VPN rules' keys. */
function skip(v: SchemaValue): boolean {
  if (coveredElsewhere(v, 'allowed')) return true;
  if (!v.atPayloadLevel) return false;
  return v.name === 'PayloadVersion' || (v.payloadType === TOP_LEVEL_TYPE && v.name === 'PayloadType');
}
