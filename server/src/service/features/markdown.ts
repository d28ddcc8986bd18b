/**
 * The one way hover and completion put document text into Markdown: a value from the profile must read as
 * text, never as markup, links or HTML, whatever characters it holds.
 */

/** A code span that shows `value` exactly: the fence is longer than any run of backticks inside it. */
export function codeSpan(value: string | number | boolean): string {
  const text = String(value).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside the fence (CommonMark strips one).
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Plain text with the characters escaped that could start markup inside a line (emphasis, code, links, images,
 * HTML, entities), for names shown in bold or in prose.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]()<>&!|~]/g, (c) => `\\${c}`);
}
