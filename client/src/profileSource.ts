/**
 * Gets a profile's text for a server request without parsing it: the open editor's text (unsaved edits count),
 * else the file's bytes decoded as the editor would, and for a CMS-signed file its embedded plist (asked of the server).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SIGNED_SCHEME, SignedContentParams, SignedContentRequest, SignedContentResult } from '../../server/src/protocol';

/** A DER SEQUENCE with a long-form or indefinite length: how a CMS-signed profile starts. */
export function looksSigned(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x30 && bytes[1] >= 0x80;
}

/**
 * The file a `mobileconfig-signed:` view shows: its query holds the file's path (the view's own name differs,
 * so the two tabs never look alike); a view uri without one has the file's path itself.
 */
export function sourceUri(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== SIGNED_SCHEME) return uri;
  return uri.query ? vscode.Uri.file(uri.query) : uri.with({ scheme: 'file' });
}

/** Decodes text bytes like the editor: UTF-16 by BOM, else UTF-8 without its BOM. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export async function signedContent(client: LanguageClient, bytes: Uint8Array): Promise<SignedContentResult> {
  return client.sendRequest<SignedContentResult>(SignedContentRequest, { base64: Buffer.from(bytes).toString('base64') } satisfies SignedContentParams);
}

export type ProfileSource = { ok: true; uri: vscode.Uri; text: string; signed: boolean } | { ok: false; uri: vscode.Uri; error: string };

export async function readProfileSource(client: LanguageClient, uri: vscode.Uri): Promise<ProfileSource> {
  const file = sourceUri(uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (file.scheme === 'untitled') return open ? { ok: true, uri: file, text: open.getText(), signed: false } : { ok: false, uri: file, error: vscode.l10n.t('The document is not open.') };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(file);
  } catch (error) {
    return { ok: false, uri: file, error: error instanceof Error ? error.message : String(error) };
  }
  if (looksSigned(bytes)) {
    const result = await signedContent(client, bytes);
    return result.ok ? { ok: true, uri: file, text: result.text, signed: true } : { ok: false, uri: file, error: result.error };
  }
  return { ok: true, uri: file, text: open ? open.getText() : decodeText(bytes), signed: false };
}
