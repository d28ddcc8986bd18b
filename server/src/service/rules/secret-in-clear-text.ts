/**
 * Notes secrets stored in clear text: passwords, shared secrets, passphrases, PINs and SCEP's Challenge
 * (rules-reference.md MC021; what counts is defined once, in model/secrets.ts). Why: anyone who gets the file
 * can read them. The message never repeats the value; hover and the preview mask the same values.
 */
import type { Rule } from './rule';

export const secretInClearText: Rule = {
  id: 'secret-in-clear-text',
  defaultSeverity: 'info',
  description: 'A password, shared secret, passphrase, PIN or SCEP challenge stored in clear text.',
  messages: {
    en: { clear: '{0} is stored in clear text in the profile; anyone with the file can read it.' },
    ja: { clear: '{0} はプロファイル内に平文で保存されています。ファイルを入手した人は誰でも読み取れます。' },
  },
  check(ctx) {
    for (const { key, node } of ctx.model.secrets) {
      ctx.report({ offset: node.valueOffset, length: node.valueLength, message: ctx.t('clear', key) });
    }
  },
};
