/**
 * Renders a parse result as indented text (one node per line with its offset and length, then problems),
 * so parser fixtures can be compared with reviewed `*.tree.txt` dumps.
 */
import { elementName } from '../../../server/src/service/parser/plistParser';
import type { ParseResult, PlistNode } from '../../../server/src/service/types';

export function dumpTree(result: ParseResult, text: string): string {
  const lines: string[] = [`container ${result.container}`];
  if (result.embedded) lines.push(`embedded @${result.embedded.offset}+${result.embedded.length}`);
  const visit = (node: PlistNode, indent: string, label: string) => {
    const span = `@${node.offset}+${node.length}`;
    switch (node.kind) {
      case 'dict':
        lines.push(`${indent}${label}dict ${span}${node.selfClosing ? ' (empty tag)' : ''}`);
        for (const e of node.entries) {
          const key = e.key ? `${JSON.stringify(e.key.name)}@${e.key.offset}+${e.key.length} = ` : '(no key) = ';
          if (e.value) visit(e.value, indent + '  ', key);
          else lines.push(`${indent}  ${key}(no value)`);
        }
        break;
      case 'array':
        lines.push(`${indent}${label}array ${span}${node.selfClosing ? ' (empty tag)' : ''}`);
        node.items.forEach((item, i) => visit(item, indent + '  ', `[${i}] `));
        break;
      case 'bool':
        lines.push(`${indent}${label}${node.value} ${span}`);
        break;
      default:
        lines.push(`${indent}${label}${node.kind === 'unknown' ? `unknown<${elementName(text, node)}>` : node.kind} ${JSON.stringify(node.value)} ${span} text@${node.valueOffset}+${node.valueLength}`);
    }
  };
  if (result.root) visit(result.root, '', 'root ');
  else lines.push('(no root)');
  for (const p of result.problems) lines.push(`problem ${p.code}${p.severity ? ` (${p.severity})` : ''} @${p.offset}+${p.length}: ${p.message}`);
  return lines.join('\n') + '\n';
}
