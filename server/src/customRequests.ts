/**
 * Custom LSP requests the client uses for its own features (preview, export, new-profile wizard, signed
 * profiles). Kept apart from server.ts so the LSP wiring stays short; each handler asks the pure service.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, ParsedDocument, ServiceSettings } from './service';

export interface RequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  /** The cached parse of a document at its current version. */
  parsed(document: TextDocument, settings?: ServiceSettings): ParsedDocument;
  settingsFor(document: TextDocument): Promise<ServiceSettings>;
}

export function registerCustomRequests(ctx: RequestContext): void {
  void ctx;
}
