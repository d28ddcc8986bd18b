/**
 * Flags a number outside its key's range and a string that does not match its key's pattern (Apple's `range`
 * and `format`). Range is an error; a pattern mismatch is a warning, since a few of Apple's patterns are
 * looser or stricter than what devices accept. A pattern that does not compile as JavaScript is skipped.
 */
import { coveredElsewhere, scalarOf } from '../model/schema';
import type { Rule } from './rule';

/** A `format` pattern compiled; null when JavaScript cannot compile Apple's pattern. */
function compile(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

export const payloadValueRange: Rule = {
  id: 'payload-value-range',
  defaultSeverity: 'error',
  description: 'A number outside its key\'s range (error), or a string that does not match its key\'s pattern (warning).',
  messages: {
    en: {
      min: '{0} must be at least {1}, not {2}.',
      max: '{0} must be at most {1}, not {2}.',
      format: '"{0}" does not have the form {1} expects ({2}).',
    },
    ja: {
      min: '{0} は {2} ではなく {1} 以上でなければなりません。',
      max: '{0} は {2} ではなく {1} 以下でなければなりません。',
      format: '"{0}" は {1} の形式 ({2}) に一致しません。',
    },
  },
  check(ctx) {
    ctx.model.schema.forEach(({ walk: part, payload: p }) => {
      for (const v of part.values) {
        const { node, key } = v;
        if (!key.range && !key.format) continue;
        const name = v.path.join('.');
        if (key.range && (node.kind === 'integer' || node.kind === 'real')) {
          if (coveredElsewhere(v, 'range')) continue;
          const n = scalarOf(node);
          if (typeof n !== 'number') continue;
          const span = { offset: node.valueOffset, length: node.valueLength };
          if (key.range.min !== undefined && n < key.range.min) ctx.report({ ...span, message: ctx.t('min', name, key.range.min, node.value.trim()) });
          else if (key.range.max !== undefined && n > key.range.max) ctx.report({ ...span, message: ctx.t('max', name, key.range.max, node.value.trim()) });
        } else if (key.format && node.kind === 'string' && node.value !== '') {
          // A certificate reference is checked against the profile's payloads by the certificate rules.
          if (key.name === 'PayloadCertificateUUID' || ctx.model.isPlaceholder(node)) continue;
          const re = compile(key.format);
          if (re && !re.test(node.value)) {
            const shown = node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value;
            ctx.report({ offset: node.valueOffset, length: node.valueLength, severity: 'warning', message: ctx.t('format', shown, name, key.format) });
          }
        }
      }
    });
  },
};
