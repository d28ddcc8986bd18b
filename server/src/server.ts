/**
 * The language server: LSP wiring only. Each handler maps a document to its cached parse and model
 * (uri, version, settings) and asks the pure service. Diagnostics are pushed to clients without pull support and pulled otherwise.
 */
import {
  createConnection, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, createLanguageService, ParsedDocument, ServiceSettings } from './service';
import { MIGRATE_KINDS } from './service/features/codeActions';
import { runRules } from './service/features/diagnostics';
import { MigrateAnyConnectParams, MigrateAnyConnectRequest, MigrateAnyConnectResult } from './protocol';
import { registerCustomRequests } from './customRequests';
import { CONFIG_FILE_GLOB, isConfigFileUri, SettingsCache } from './settings';
import { WorkspaceProfiles } from './workspaceProfiles';
import { PublishQueue } from './publishQueue';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createLanguageService();

let hasConfiguration = false;
let hasPullDiagnostics = false;
let canWatchFiles = false;
let settings: SettingsCache;
let workspaceProfiles: WorkspaceProfiles;

// One parse and model per (uri, version, settings): every request for the same version and settings reuses
// them. TextDocuments updates a document object in place, so the version is recorded at parse time, not read
// back from it. A request with other settings (hover does not need the workspace's profile names) keeps the
// parse and gets a model of its own; a configuration change drops everything.
const parses = new Map<string, { version: number; settingsKey: string; parsed: ParsedDocument }>();

function parsed(document: TextDocument, s: ServiceSettings): ParsedDocument {
  const cached = parses.get(document.uri);
  const settingsKey = JSON.stringify(s);
  if (cached && cached.version === document.version) {
    if (cached.settingsKey === settingsKey) return cached.parsed;
    if (cached.parsed.model.settings.maxNestingDepth === s.maxNestingDepth) {
      const { parse, model } = cached.parsed;
      const p: ParsedDocument = { document, parse, model: buildModel(parse, model.text, s) };
      parses.set(document.uri, { version: document.version, settingsKey, parsed: p });
      return p;
    }
  }
  const p = service.parseDocument(document, s);
  parses.set(document.uri, { version: document.version, settingsKey, parsed: p });
  return p;
}

/** An open document's profile name from the cached model of its current version, if there is one. */
function cachedProfileName(document: TextDocument): { name: string | undefined } | undefined {
  const cached = parses.get(document.uri);
  if (!cached || cached.version !== document.version) return undefined;
  return { name: cached.parsed.model.profileName };
}

async function settingsFor(document: TextDocument): Promise<ServiceSettings> {
  const s = await settings.get(document.uri);
  // Only portal mode compares profile names across the workspace; skip the scan otherwise.
  if (s.mode !== 'portal') return s;
  return { ...s, ...(await workspaceProfiles.forDocument(document.uri, documents.all(), cachedProfileName)) };
}

function diagnose(document: TextDocument, s: ServiceSettings) {
  if (settings.isIgnored(document.uri)) return [];
  return runRules(document, parsed(document, s).model, (ruleId: string, error: unknown) => {
    connection.console.error(`Rule ${ruleId} failed on ${document.uri}: ${error instanceof Error ? error.message : String(error)}`);
  });
}

connection.onInitialize((params) => {
  const caps = params.capabilities;
  hasConfiguration = !!caps.workspace?.configuration;
  hasPullDiagnostics = !!caps.textDocument?.diagnostic;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  settings = new SettingsCache(connection, () => hasConfiguration, params.locale ?? 'en');
  workspaceProfiles = new WorkspaceProfiles(
    (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []),
    (message) => connection.console.warn(message),
  );
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', MIGRATE_KINDS.alongside, MIGRATE_KINDS.replace] },
      definitionProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['<'] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
    },
    serverInfo: { name: 'mobileconfig-language-server' },
  };
});

// Push mode: edits are coalesced per document and only its latest version is validated and sent (publishQueue.ts).
const pushes = new PublishQueue(async (uri) => {
  const document = documents.get(uri);
  if (!document) return;
  const s = await settingsFor(document);
  // Read again after the await: the document may have changed or closed meanwhile; its latest text is what counts.
  const current = documents.get(uri);
  if (!current) return;
  const version = current.version;
  await connection.sendDiagnostics({ uri, version, diagnostics: diagnose(current, s) });
}, (uri, error) => connection.console.error(`Diagnostics for ${uri} failed: ${error instanceof Error ? error.message : String(error)}`));
function schedulePush(document: TextDocument): void {
  if (!hasPullDiagnostics) pushes.request(document.uri);
}

documents.onDidOpen((e) => schedulePush(e.document));
documents.onDidChangeContent((e) => schedulePush(e.document));
documents.onDidClose((e) => {
  pushes.cancel(e.document.uri);
  parses.delete(e.document.uri);
  workspaceProfiles.closed(e.document.uri);
  settings.clear(e.document.uri);
  if (!hasPullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const version = document.version;
  const s = await settingsFor(document);
  // A newer version arrived (or the client gave up) while settings were fetched: the client will pull again,
  // so do not spend a full validation on text that is already stale.
  if (token.isCancellationRequested || document.version !== version) {
    // ServerCancelled with retrigger asks the client to pull again instead of showing an empty list.
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; pull again.', { retriggerRequest: true });
  }
  return { kind: DocumentDiagnosticReportKind.Full, items: diagnose(document, s) };
});

// Configuration files are watched for every client that can watch, not only VS Code.
connection.onInitialized(() => {
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILE_GLOB }] });
});

connection.onDidChangeWatchedFiles(async (params) => {
  if (params.changes.some((c) => isConfigFileUri(c.uri))) settings.clear();
  await workspaceProfiles.update(params.changes.filter((c) => !isConfigFileUri(c.uri)));
  if (hasPullDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach(schedulePush);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  // Parses depend on settings (nesting limit, and the models on all of them): none survives a change.
  parses.clear();
  if (hasPullDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach(schedulePush);
});

connection.onDocumentSymbol(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getDocumentSymbols(parsed(document, await settings.get(document.uri))) : [];
});

connection.onFoldingRanges(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getFoldingRanges(parsed(document, await settings.get(document.uri))) : [];
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settingsFor(document);
  return service.getCodeActions(parsed(document, s), params.range, params.context.diagnostics, s, params.context.only);
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const s = await settings.get(document.uri);
  return service.getHover(parsed(document, s), params.position, s) ?? null;
});

connection.onCompletion(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const s = await settings.get(document.uri);
  return service.getCompletions(parsed(document, s), params.position, s);
});

connection.onDocumentFormatting(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.format(parsed(document, await settings.get(document.uri)), params.options) : [];
});

connection.onDocumentRangeFormatting(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.format(parsed(document, await settings.get(document.uri)), params.options, params.range) : [];
});

connection.onDocumentLinks(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getDocumentLinks(parsed(document, await settings.get(document.uri))) : [];
});

connection.onCodeLens(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settings.get(document.uri);
  return service.getCodeLenses(parsed(document, s), s);
});

connection.onDefinition(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getDefinition(parsed(document, await settings.get(document.uri)), params.position) : [];
});

connection.onRequest(MigrateAnyConnectRequest, async (params: MigrateAnyConnectParams): Promise<MigrateAnyConnectResult> => {
  const document = documents.get(params.uri);
  if (!document || (params.mode !== 'alongside' && params.mode !== 'replace')) return { edits: [], changes: [] };
  const s = await settingsFor(document);
  return service.migrateAnyConnect(parsed(document, s), params.mode, s);
});

registerCustomRequests({ connection, documents, service, parsed, settingsFor, workspaceProfiles: () => workspaceProfiles });

documents.listen(connection);
connection.listen();
