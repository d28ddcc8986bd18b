/**
 * Document links for http(s) URLs in string values (PAC files, SCEP and ACME servers, on-demand probes, web
 * clips, …), so a reviewer can open the URL a profile points devices at. Only a value that is exactly one URL
 * is linked: a URL inside prose could be cut at the wrong character.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { walkNodes } from '../model/tree';

const URL_VALUE = /^https?:\/\/\S+$/i;

/** A link over the text of every `<string>` whose (trimmed) value is an http or https URL. */
export function getDocumentLinks(document: TextDocument, model: ProfileModel): DocumentLink[] {
  const text = document.getText();
  const links: DocumentLink[] = [];
  for (const node of walkNodes(model.parse.root)) {
    if (node.kind !== 'string') continue;
    const value = node.value.trim();
    if (!URL_VALUE.test(value) || !isValidUrl(value)) continue;
    // The link covers the raw text between the tags, less surrounding white space; the target is the decoded
    // value, since `&amp;` in the text is `&` in the URL.
    let start = node.valueOffset;
    let end = node.valueOffset + node.valueLength;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    links.push({ range: { start: document.positionAt(start), end: document.positionAt(end) }, target: value });
  }
  return links;
}

function isValidUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
