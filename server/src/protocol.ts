/**
 * The one file the client and the server share: command ids, custom request names and the settings shape.
 * It must stay free of imports from either side's runtime so both bundles can include it.
 */

/** The `mobileconfig.*` settings as VS Code stores them (all optional: the server fills defaults). */
export interface MobileconfigSettings {
  mode?: 'standalone' | 'portal';
  rules?: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  anyconnect?: { newSubtypes?: string[]; legacySubtypes?: string[] };
  limits?: { maxDocumentSize?: number; maxDiagnostics?: number; maxNestingDepth?: number };
  minimumIOS?: string;
}

export const LANGUAGE_ID = 'mobileconfig';
export const SETTINGS_SECTION = 'mobileconfig';

/** Custom request: migrate every legacy AnyConnect payload of a document; the client applies the edit. */
export const MigrateAnyConnectRequest = 'mobileconfig/migrateAnyConnect';
export interface MigrateAnyConnectParams {
  uri: string;
  mode: 'alongside' | 'replace';
}
export interface MigrateAnyConnectResult {
  /** LSP TextEdits for the document (empty when nothing is left to migrate). */
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  changes: { payload: string; action: 'replaced' | 'added-alongside' | 'skipped'; reason?: string; line: number }[];
}

/** Command ids contributed by the client. */
export const Commands = {
  migrateAnyConnect: 'mobileconfig.migrateAnyConnect',
} as const;
