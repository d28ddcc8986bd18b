/**
 * Folding ranges for every dict and array spanning several lines, and for multi-line comments.
 * The closing tag's line stays visible, as in VS Code's JSON folding.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { walkContainers } from '../model/tree';
import type { ParseResult } from '../types';

export function getFoldingRanges(document: TextDocument, parse: ParseResult): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const node of walkContainers(parse.root)) {
    const startLine = document.positionAt(node.offset).line;
    const endLine = document.positionAt(node.offset + node.length).line - 1;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  for (const c of parse.comments) {
    const startLine = document.positionAt(c.offset).line;
    const endLine = document.positionAt(c.offset + c.length).line;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
