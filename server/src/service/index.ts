/**
 * The pure language service façade: text in, plain LSP data out. No transport, no fs, no timers.
 * (Contract stub: bodies are being filled in; signatures are stable.)
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { defaultSettings, ParseResult, ServiceSettings } from './types';

export * from './types';

/** A parsed document: the text document plus its parse, as the server caches per (uri, version). */
export interface ParsedDocument {
  document: TextDocument;
  parse: ParseResult;
}

export interface LanguageService {
  /** Parses a document; never throws. */
  parseDocument(document: TextDocument): ParsedDocument;
  /** Full diagnostics (parser problems and every enabled rule), as LSP diagnostics with `source` `mobileconfig`. */
  validate(parsed: ParsedDocument, settings?: Partial<ServiceSettings>): Diagnostic[];
  /** The profile, then each payload named by PayloadDisplayName (or PayloadType). */
  getDocumentSymbols(parsed: ParsedDocument): DocumentSymbol[];
  /** A range for every multi-line dict and array, and for comments. */
  getFoldingRanges(parsed: ParsedDocument): FoldingRange[];
}

export function createLanguageService(): LanguageService {
  return {
    parseDocument: (document) => ({ document, parse: { root: undefined, problems: [], container: 'empty' } }),
    validate: () => [],
    getDocumentSymbols: () => [],
    getFoldingRanges: () => [],
  };
}

/** Validates a text in one call: the entry point for the CLI, benchmarks and other tools. */
export function validate(text: string, settings?: Partial<ServiceSettings>, uri = 'untitled:profile.mobileconfig'): Diagnostic[] {
  const service = createLanguageService();
  return service.validate(service.parseDocument(TextDocument.create(uri, 'mobileconfig', 0, text)), settings);
}

/** Fills in defaults for any missing setting. */
export function resolveSettings(settings?: Partial<ServiceSettings>): ServiceSettings {
  return { ...defaultSettings, ...settings };
}
