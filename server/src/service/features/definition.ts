/**
 * Go to definition from a certificate reference (`PayloadCertificateUUID` and the like, model/references.ts) to
 * the payload whose PayloadUUID it names, so a reviewer can jump from the VPN payload to its certificate.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import type { ProfileModel } from '../model';
import { nodeAtOffset } from '../model/tree';

export function getDefinition(document: TextDocument, model: ProfileModel, offset: number): Location[] {
  const node = nodeAtOffset(model.parse.root, offset);
  const ref = node && model.referenceAt(node);
  if (!ref) return [];
  return model.payloadsWithUuid(ref.node.value).map((p) => ({
    uri: document.uri, range: { start: document.positionAt(p.dict.offset), end: document.positionAt(p.dict.offset + p.dict.length) },
  }));
}
