/**
 * The pure language service façade: text in, plain LSP data out. No transport, no fs, no timers
 * (STYLE.md section 2). The server caches one `ParsedDocument` (parse and model) per (uri, version, settings)
 * and passes it back in.
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
import { buildModel, ProfileModel } from './model';
import { defaultSettings, ParseResult, ServiceSettings } from './types';

export * from './types';
export { rules, getRule } from './rules';
export { parsePlist } from './parser/plistParser';
export { decodeBytes, detectEncoding } from './decode';
export type { MigrationMode } from './migrate';
export type { FormatOptions } from './features/formatting';
export { buildModel, ProfileModel } from './model';

/** A parsed document: the text document, its parse and its model, as the server caches per (uri, version, settings). */
export interface ParsedDocument {
  document: TextDocument;
  parse: ParseResult;
  /** The profile model of the parse, for the settings it was parsed with. */
  model: ProfileModel;
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
  /** The model for these settings: the cached one when they are the ones it was built with. */
  const modelFor = (parsed: ParsedDocument, settings?: Partial<ServiceSettings>): ProfileModel => {
    if (!settings) return parsed.model;
    const s = resolveSettings(settings);
    if (s === parsed.model.settings || JSON.stringify(s) === JSON.stringify(parsed.model.settings)) return parsed.model;
    return buildModel(parsed.parse, parsed.model.text, s);
  };
  return {
    parseDocument(document, settings) {
      const s = resolveSettings(settings);
      const text = document.getText();
      const parse = parsePlist(text, { maxNestingDepth: s.maxNestingDepth });
      return { document, parse, model: buildModel(parse, text, s) };
    },
    validate: (parsed, settings) => runRules(parsed.document, modelFor(parsed, settings)),
    getDocumentSymbols: (parsed) => getDocumentSymbols(parsed.document, parsed.model),
    getFoldingRanges: (parsed) => getFoldingRanges(parsed.document, parsed.parse),
    getCodeActions: (parsed, range, diagnostics, settings, only) => getCodeActions(parsed.document, modelFor(parsed, settings), range, diagnostics, only),
    getHover(parsed, position, settings) {
      const model = modelFor(parsed, settings);
      const { document } = parsed;
      const offset = document.offsetAt(position);
      // The secret hover wins: it is the one that must never show the value.
      const secret = getSecretHover(model, offset);
      if (secret) {
        return {
          contents: { kind: 'markdown', value: secret.contents },
          range: { start: document.positionAt(secret.offset), end: document.positionAt(secret.offset + secret.length) },
        };
      }
      return getSchemaHover(document, model, offset);
    },
    getCompletions: (parsed, position, settings) => getCompletions(parsed.document, modelFor(parsed, settings), parsed.document.offsetAt(position)),
    format: (parsed, options, range) => formatDocument(parsed.document, parsed.parse, options, range),
    getDocumentLinks: (parsed) => getDocumentLinks(parsed.document, parsed.model),
    getCodeLenses: (parsed, settings) => getCodeLenses(parsed.document, modelFor(parsed, settings)),
    getDefinition: (parsed, position) => getDefinition(parsed.document, parsed.model, parsed.document.offsetAt(position)),
    migrateAnyConnect: (parsed, mode, settings) => {
      const { edits, changes } = getMigration(parsed.document, modelFor(parsed, settings), mode);
      return { edits, changes: changes.map(({ payload, action, reason, line }) => ({ payload, action, reason, line })) };
    },
  };
}

/** Validates a text in one call: the entry point for the CLI, benchmarks and other tools. */
export function validate(text: string, settings?: Partial<ServiceSettings>, uri = 'untitled:profile.mobileconfig'): Diagnostic[] {
  const s = resolveSettings(settings);
  const document = TextDocument.create(uri, 'mobileconfig', 0, text);
  return runRules(document, buildModel(parsePlist(text, { maxNestingDepth: s.maxNestingDepth }), text, s));
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
