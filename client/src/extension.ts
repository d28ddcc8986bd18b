/**
 * The VS Code extension entry point: starts the mobileconfig language server (dist/server.js over IPC),
 * registers the client's commands (preview, export, wizard, signed profiles, certificate report, migration)
 * and stops the server on deactivate. It never parses plist; everything about a profile comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { Commands, FeatureCommands, LANGUAGE_ID, SETTINGS_SECTION, SIGNED_SCHEME } from '../../server/src/protocol';
import { exportProfiles, ExportResult } from './exportCommand';
import { migrateAnyConnect } from './migrate';
import { PreviewManager, PreviewState } from './preview/previewPanel';
import { ReportState, ReportView } from './report/reportCommand';
import { registerSignedProfiles } from './signed';
import { registerStatusBar } from './statusBar';
import { newAnyConnectProfile } from './wizard';

/** What activate() returns: integration tests use it to wait until the server is running. */
export interface MobileconfigApi {
  client: LanguageClient;
  /** Settles once the client has started (rejects if the server could not start). */
  ready: Promise<void>;
  /** The preview's last rendered HTML and what its webview reported back (tests read it). */
  previewState(): PreviewState;
  /** What the certificate report view showed last (tests read it). */
  reportState(): ReportState | undefined;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MobileconfigApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // --inspect lets a developer attach a debugger to the server when running from the debug launch.
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // A log channel: languageclient 11 writes leveled messages and, per `mobileconfig.trace.server`, the trace.
  const outputChannel = vscode.window.createOutputChannel('Mobileconfig', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
      // The read-only embedded plist of a signed profile is validated like any profile.
      { language: LANGUAGE_ID, scheme: SIGNED_SCHEME },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // The server's index of portal profile names follows the disk: every profile created, changed or
      // deleted, and folders created or deleted (a moved folder arrives as one event for the folder).
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.mobileconfig'),
        vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
      ],
    },
    // The server answers pull diagnostics when the client supports them, and languageclient 11 pulls only
    // on open unless told otherwise: without onChange an edited profile would keep its stale problems.
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel,
  };
  // The id `mobileconfig` makes the client read its trace level from `mobileconfig.trace.server`.
  client = new LanguageClient('mobileconfig', 'Mobileconfig', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  const ready = client.start();
  ready.catch((error: unknown) => {
    outputChannel.error(`Mobileconfig language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  });
  const { preview, report } = registerCommands(context, client, outputChannel);
  return { client, ready, previewState: () => preview.getState(), reportState: () => report.getState() };
}

/** The profile files a command acts on: the explorer selection, else the clicked file, else the active editor. */
function targets(uri: unknown, uris: unknown): vscode.Uri[] {
  if (Array.isArray(uris) && uris.length > 0 && uris.every((u) => u instanceof vscode.Uri)) return uris as vscode.Uri[];
  if (uri instanceof vscode.Uri) return [uri];
  const active = vscode.window.activeTextEditor?.document;
  return active && active.languageId === LANGUAGE_ID ? [active.uri] : [];
}

function isScript(value: unknown): value is { answers: (string | null)[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { answers?: unknown }).answers);
}

function registerCommands(context: vscode.ExtensionContext, lc: LanguageClient, output: vscode.LogOutputChannel): { preview: PreviewManager; report: ReportView } {
  const preview = new PreviewManager(context, lc);
  const report = new ReportView(context, lc);
  const exportCommand = async (uri?: unknown, uris?: unknown): Promise<ExportResult[]> => {
    const list = targets(uri, uris).filter((u) => u.path.toLowerCase().endsWith('.mobileconfig'));
    if (list.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open or select a .mobileconfig file to export.'));
      return [];
    }
    return exportProfiles(lc, list);
  };
  context.subscriptions.push(
    preview,
    report,
    vscode.commands.registerCommand(FeatureCommands.showPreview, async (uri?: unknown) => {
      const [target] = targets(uri, undefined);
      if (!target) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a .mobileconfig file to preview it.'));
        return;
      }
      preview.show(await vscode.workspace.openTextDocument(target));
    }),
    vscode.commands.registerCommand(FeatureCommands.exportForPortal, exportCommand),
    // A signed file exports unsigned through the same path: the server gets its embedded plist.
    vscode.commands.registerCommand(FeatureCommands.exportUnsigned, exportCommand),
    vscode.commands.registerCommand(FeatureCommands.newAnyConnectProfile, (script?: unknown) =>
      // Only a test passes a script; a menu may pass a Uri, which must not be mistaken for one.
      newAnyConnectProfile(lc, isScript(script) ? script : undefined)),
    vscode.commands.registerCommand(FeatureCommands.analyzeCertificateReport, (uri?: unknown) => report.analyze(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(Commands.showReferences, (uri: string, position: JsonPosition, locations: JsonLocation[]) => {
      const toPosition = (p: JsonPosition) => new vscode.Position(p.line, p.character);
      return vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position),
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)))));
    }),
    vscode.commands.registerCommand(Commands.migrateAnyConnect, (uri?: unknown, mode?: 'alongside' | 'replace') =>
      migrateAnyConnect(lc, output, uri instanceof vscode.Uri ? uri : undefined, mode === 'alongside' || mode === 'replace' ? mode : undefined)),
  );
  registerSignedProfiles(context, lc);
  registerStatusBar(context, lc);
  return { preview, report };
}

interface JsonPosition { line: number; character: number }
interface JsonLocation { uri: string; range: { start: JsonPosition; end: JsonPosition } }

export function deactivate(): Thenable<void> | undefined {
  const running = client;
  client = undefined;
  return running?.stop();
}
