/**
 * The pure language service façade: text in, plain LSP data out. No transport, no fs, no timers
 * (STYLE.md section 2). The server caches one `ParsedDocument` per (uri, version) and passes it back in.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, TextEdit,
} from 'vscode-languageserver-types';
import { getCodeActions, getMigration } from './features/codeActions';
import { getDefinition } from './features/definition';
import { getSecretHover } from './features/hover';
import { getCodeLenses } from './features/codeLens';
import { getCompletions } from './features/completion';
import { formatDocument, FormatOptions } from './features/formatting';
import { getDocumentLinks } from './features/links';
import { getSchemaHover } from './features/schemaHover';
import type { MigrationMode } from './migrate';
import { getDocumentSymbols } from './features/symbols';
import { getFoldingRanges } from './features/folding';
import { runRules } from './features/diagnostics';
import { parsePlist } from './parser/plistParser';
import { defaultSettings, ParseResult, ServiceSettings } from './types';

export * from './types';
export { rules, getRule } from './rules';
export { parsePlist } from './parser/plistParser';
export { decodeBytes, detectEncoding } from './decode';
export type { MigrationMode } from './migrate';
export type { FormatOptions } from './features/formatting';

/** A parsed document: the text document plus its parse, as the server caches per (uri, version). */
export interface ParsedDocument {
  document: TextDocument;
  parse: ParseResult;
  /** The text that was parsed (an editor's document object changes in place; this does not). Set by parseDocument. */
  text?: string;
  /** The nesting limit the parse used. Set by parseDocument. */
  maxNestingDepth?: number;
}

export interface LanguageService {
  /** Parses a document in full; never throws. */
  parseDocument(document: TextDocument, settings?: Partial<ServiceSettings>): ParsedDocument;
  /** Full diagnostics (parser problems and every enabled rule), as LSP diagnostics with `source` `mobileconfig`. */
  validate(parsed: ParsedDocument, settings?: Partial<ServiceSettings>): Diagnostic[];
  /** The profile, then each payload named by PayloadDisplayName (or PayloadType). */
  getDocumentSymbols(parsed: ParsedDocument): DocumentSymbol[];
  /** A range for every multi-line dict and array, and for multi-line comments. */
  getFoldingRanges(parsed: ParsedDocument): FoldingRange[];
  /**
   * Quick fixes for the given diagnostics (recomputed from the document and each diagnostic's code), plus the
   * whole-file AnyConnect migration source actions when `only` asks for source actions or is absent.
   */
  getCodeActions(parsed: ParsedDocument, range: Range, diagnostics: Diagnostic[], settings?: Partial<ServiceSettings>, only?: string[]): CodeAction[];
  /** Hover: a clear-text secret shows masked; otherwise the schema facts of the key or value under the cursor. */
  getHover(parsed: ParsedDocument, position: Position, settings?: Partial<ServiceSettings>): Hover | undefined;
  /** Keys valid at the cursor, allowed values, payload skeletons, fresh UUIDs. */
  getCompletions(parsed: ParsedDocument, position: Position, settings?: Partial<ServiceSettings>): CompletionList;
  /** Apple's layout (one element per line, tabs unless told otherwise); never changes a value; [] for broken XML. */
  format(parsed: ParsedDocument, options: FormatOptions, range?: Range): TextEdit[];
  /** http(s) URLs in string values (PAC, SCEP, probes, web clips). */
  getDocumentLinks(parsed: ParsedDocument): DocumentLink[];
  /** Over each certificate payload: the payloads that use it. */
  getCodeLenses(parsed: ParsedDocument, settings?: Partial<ServiceSettings>): CodeLens[];
  /** From a PayloadCertificateUUID (or VPNUUID) value to the payload it names. */
  getDefinition(parsed: ParsedDocument, position: Position): Location[];
  /** Migrates every legacy AnyConnect payload of the file, alongside or in place; lists every change. */
  migrateAnyConnect(parsed: ParsedDocument, mode: MigrationMode, settings?: Partial<ServiceSettings>): { edits: TextEdit[]; changes: MigrationReport[] };
}

/** One change of a whole-file migration, with the 1-based line of the legacy payload. */
export interface MigrationReport {
  payload: string;
  action: 'replaced' | 'added-alongside' | 'skipped';
  reason?: string;
  line: number;
}

export function createLanguageService(): LanguageService {
  return {
    parseDocument(document, settings) {
      const { maxNestingDepth } = resolveSettings(settings);
      const text = document.getText();
      return { document, parse: parsePlist(text, { maxNestingDepth, locale: settings?.locale }), text, maxNestingDepth };
    },
    validate: (parsed, settings) => runRules(parsed.document, parsed.parse, resolveSettings(settings)),
    getDocumentSymbols: (parsed) => getDocumentSymbols(parsed.document, parsed.parse),
    getFoldingRanges: (parsed) => getFoldingRanges(parsed.document, parsed.parse),
    getCodeActions: (parsed, range, diagnostics, settings, only) =>
      getCodeActions(parsed.document, parsed.parse, range, diagnostics, resolveSettings(settings), only),
    getHover(parsed, position, settings) {
      const s = resolveSettings(settings);
      const { document, parse } = parsed;
      const offset = document.offsetAt(position);
      // The secret hover wins: it is the one that must never show the value.
      const secret = getSecretHover(document.getText(), parse, offset, s.locale);
      if (secret) {
        return {
          contents: { kind: 'markdown', value: secret.contents },
          range: { start: document.positionAt(secret.offset), end: document.positionAt(secret.offset + secret.length) },
        };
      }
      return getSchemaHover(document, parse, offset, s);
    },
    getCompletions: (parsed, position, settings) =>
      getCompletions(parsed.document, parsed.parse, parsed.document.offsetAt(position), resolveSettings(settings)),
    format: (parsed, options, range) => formatDocument(parsed.document, parsed.parse, options, range),
    getDocumentLinks: (parsed) => getDocumentLinks(parsed.document, parsed.parse),
    getCodeLenses: (parsed, settings) => getCodeLenses(parsed.document, parsed.parse, resolveSettings(settings)),
    getDefinition: (parsed, position) => getDefinition(parsed.document, parsed.parse, parsed.document.offsetAt(position)),
    migrateAnyConnect: (parsed, mode, settings) => {
      const { edits, changes } = getMigration(parsed.document, parsed.parse, resolveSettings(settings), mode);
      return { edits, changes: changes.map(({ payload, action, reason, line }) => ({ payload, action, reason, line })) };
    },
  };
}

/** Validates a text in one call: the entry point for the CLI, benchmarks and other tools. */
export function validate(text: string, settings?: Partial<ServiceSettings>, uri = 'untitled:profile.mobileconfig'): Diagnostic[] {
  const s = resolveSettings(settings);
  const document = TextDocument.create(uri, 'mobileconfig', 0, text);
  return runRules(document, parsePlist(text, { maxNestingDepth: s.maxNestingDepth, locale: s.locale }), s, undefined, true);
}

/** Fills in defaults for any missing setting. */
export function resolveSettings(settings?: Partial<ServiceSettings>): ServiceSettings {
  if (!settings) return defaultSettings;
  const out = { ...defaultSettings };
  for (const [k, v] of Object.entries(settings)) {
    if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
