/**
 * Hover over a clear-text secret (the keys of the secret-in-clear-text rule): names the key and shows the value
 * masked, so a screen share or screenshot of the hover never shows the password itself.
 */
import { buildProfile, nodeAtOffset } from '../profile';
import { secretNodes } from '../rules/secret-in-clear-text';
import type { ParseResult } from '../types';

/** Markdown for a hover, with the span (offsets into the text) it applies to. */
export interface SecretHover {
  contents: string;
  offset: number;
  length: number;
}

const TEXTS = {
  en: (key: string, n: number) => `**${key}** is stored in clear text: anyone with this file can read it.\n\nValue: \`••••••••\` (${n} characters, hidden)`,
  ja: (key: string, n: number) => `**${key}** は平文で保存されています。このファイルを入手した人は誰でも読み取れます。\n\n値: \`••••••••\` (${n} 文字、非表示)`,
};

/**
 * The hover for the secret value element at `offset`, or undefined anywhere else. `text` is the document
 * the parse was made from; `locale` picks English or Japanese as the rules' messages do.
 */
export function getSecretHover(text: string, parse: ParseResult, offset: number, locale = 'en'): SecretHover | undefined {
  if (!parse.root || offset < 0 || offset > text.length) return undefined;
  const node = nodeAtOffset(parse.root, offset);
  if (node?.kind !== 'string') return undefined;
  const secret = secretNodes(buildProfile(parse)).find((s) => s.node === node);
  if (!secret) return undefined;
  // Characters as the user sees them: an emoji or a surrogate pair counts once.
  const count = [...node.value].length;
  const lang = locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  return { contents: TEXTS[lang](secret.key, count), offset: node.offset, length: node.length };
}
