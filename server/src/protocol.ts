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
}

export const LANGUAGE_ID = 'mobileconfig';
export const SETTINGS_SECTION = 'mobileconfig';
