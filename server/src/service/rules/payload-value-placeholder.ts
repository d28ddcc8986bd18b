/**
 * Flags a value holding an MDM or template placeholder (`$EMAIL`, `{{name}}`, `%SerialNumber%`, `${uuid_1}`).
 * Why: a device installs the text as it is; only an MDM or a template tool fills placeholders in. Installed
 * unfilled, the setting is wrong; a carrier portal fills in none, so in portal mode it is an error. One problem
 * names the placeholder; the format, type and UUID rules leave such a value alone (model/placeholders.ts).
 */
import type { Rule } from './rule';

export const payloadValuePlaceholder: Rule = {
  id: 'payload-value-placeholder',
  defaultSeverity: 'warning',
  portalSeverity: 'error',
  description: 'A value holding an MDM or template placeholder ($EMAIL, {{name}}, %SerialNumber%, ${uuid_1}); an error in portal mode, where nothing fills it in.',
  messages: {
    en: {
      placeholder: '"{0}" is a placeholder: an MDM or template tool must fill it in, or the device gets this text as it is.',
      portal: '"{0}" is a placeholder, and the portal fills in none: put the real value here before upload.',
    },
    ja: {
      placeholder: '"{0}" はプレースホルダーです。MDM やテンプレートツールが値を埋めない限り、デバイスにはこの文字列のまま届きます。',
      portal: '"{0}" はプレースホルダーですが、ポータルは値を埋めません。アップロード前に実際の値に置き換えてください。',
    },
  },
  check(ctx) {
    for (const { node, text } of ctx.model.placeholders) {
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t(ctx.settings.mode === 'portal' ? 'portal' : 'placeholder', text), data: { placeholder: text } });
    }
  },
};
