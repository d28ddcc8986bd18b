/**
 * Document symbols for the outline and breadcrumbs: the profile, then one child per payload,
 * named by PayloadDisplayName (else PayloadType) with the PayloadType as detail.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { getStringNode } from '../model/tree';
import type { DictNode } from '../types';

export function getDocumentSymbols(document: TextDocument, profile: ProfileModel): DocumentSymbol[] {
  if (!profile.top) return [];
  const symbol = (dict: DictNode, fallback: string, kind: SymbolKind): DocumentSymbol => {
    const nameNode = getStringNode(dict, 'PayloadDisplayName');
    const type = getStringNode(dict, 'PayloadType')?.value;
    const name = nameNode?.value.trim() || type || fallback;
    const range = { start: document.positionAt(dict.offset), end: document.positionAt(dict.offset + dict.length) };
    const selectionRange = nameNode
      ? { start: document.positionAt(nameNode.offset), end: document.positionAt(nameNode.offset + nameNode.length) }
      : { start: range.start, end: document.positionAt(dict.offset + Math.min(dict.length, 6)) };
    return { name, detail: type ?? '', kind, range, selectionRange };
  };
  const root = symbol(profile.top, 'Property list', SymbolKind.Module);
  root.children = profile.payloads.map((p) => symbol(p.dict, `Payload ${p.index + 1}`, SymbolKind.Object));
  return [root];
}
