/**
 * Go to definition from a `PayloadCertificateUUID` (or any `…UUID` reference such as `VPNUUID`) to the payload
 * whose PayloadUUID it names, so a reviewer can jump from the VPN payload to its certificate.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { buildProfile, getStringNode, keyOfValue, nodeAtOffset } from '../profile';
import { allPayloads } from '../rules/helpers';
import type { ParseResult } from '../types';

const REFERENCE_KEYS = new Set(['PayloadCertificateUUID', 'VPNUUID', 'CertificateUUID', 'IdentityCertificateUUID']);

export function getDefinition(document: TextDocument, parse: ParseResult, offset: number): Location[] {
  const node = nodeAtOffset(parse.root, offset);
  if (node?.kind !== 'string' || node.parent?.kind !== 'dict') return [];
  const key = keyOfValue(node.parent, node);
  if (!key || !REFERENCE_KEYS.has(key.name)) return [];
  const wanted = node.value.trim().toUpperCase();
  const out: Location[] = [];
  for (const p of allPayloads(buildProfile(parse))) {
    const uuid = getStringNode(p.dict, 'PayloadUUID');
    if (uuid && uuid.value.trim().toUpperCase() === wanted && uuid !== node) {
      out.push({ uri: document.uri, range: { start: document.positionAt(p.dict.offset), end: document.positionAt(p.dict.offset + p.dict.length) } });
    }
  }
  return out;
}
