/**
 * The VS Code extension entry point: starts the mobileconfig language server (dist/server.js over IPC)
 * and stops it on deactivate. It never parses plist; everything about a profile comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { LANGUAGE_ID, SETTINGS_SECTION } from '../../server/src/protocol';

/** What activate() returns: integration tests use it to wait until the server is running. */
export interface MobileconfigApi {
  client: LanguageClient;
  /** Settles once the client has started (rejects if the server could not start). */
  ready: Promise<void>;
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
    ],
    synchronize: { configurationSection: SETTINGS_SECTION },
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
  return { client, ready };
}

export function deactivate(): Thenable<void> | undefined {
  const running = client;
  client = undefined;
  return running?.stop();
}
