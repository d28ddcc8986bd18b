/**
 * Hover over a clear-text secret (the keys of the secret-in-clear-text rule): names the key and shows the value
 * masked, so a screen share or screenshot of the hover never shows the password itself.
 */
import type { ProfileModel } from '../model';
import { nodeAtOffset } from '../model/tree';
import { escapeMarkdown } from './markdown';

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

/** The hover for the secret value element at `offset` (the model's secrets), or undefined anywhere else. */
export function getSecretHover(model: ProfileModel, offset: number): SecretHover | undefined {
  const { parse, text } = model;
  if (!parse.root || offset < 0 || offset > text.length) return undefined;
  const node = nodeAtOffset(parse.root, offset);
  if (node?.kind !== 'string' || !model.isSecret(node)) return undefined;
  const secret = model.secrets.find((s) => s.node === node)!;
  if (!secret) return undefined;
  // Characters as the user sees them: an emoji or a surrogate pair counts once.
  const count = [...node.value].length;
  const lang = model.settings.locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  return { contents: TEXTS[lang](escapeMarkdown(secret.key), count), offset: node.offset, length: node.length };
}
