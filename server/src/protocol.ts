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
  /** Code lens target: shows the payloads that use a certificate (arguments are plain JSON: uri, position, locations). */
  showReferences: 'mobileconfig.showReferences',
} as const;

// ---- Client features of issue 5: preview, export, new-profile wizard, signed profiles, certificate report.
// The result shapes are the pure service's own types, imported as types only (erased from both bundles).
export type { ProfileSummary, SummaryPayload, SummaryProblem, SummaryVpn, SummaryField } from './service/features/summary';
export type { ExportReport, ExportOutcome } from './service/features/exportProfile';
export type { NewProfileOptions, NewProfileProxy, NewProfileTarget, NewProfileAuth } from './service/features/newProfile';

/**
 * Custom request: what a profile does (preview, status bar, certificate report). With `text`, that text is
 * summarised instead of the open document (files the editor has not opened).
 */
export const ProfileSummaryRequest = 'mobileconfig/profileSummary';
export interface ProfileSummaryParams {
  uri: string;
  text?: string;
}

/**
 * Custom request: validate in portal mode and return the canonical unsigned text to write, or the errors that
 * block the export. `text` replaces the open document (a signed file's embedded plist, or an unopened file).
 */
export const ExportProfileRequest = 'mobileconfig/exportProfile';
export interface ExportProfileParams {
  uri: string;
  text?: string;
  /** `text` is the embedded plist the client extracted from a signed file (reported as such). */
  wasSigned?: boolean;
}

/** Custom request: the text of a new AnyConnect profile built from the wizard's answers. */
export const NewProfileRequest = 'mobileconfig/newProfile';
export interface NewProfileResult {
  text: string;
  /** A file name for the profile (`<profile name>.mobileconfig`, made safe for every file system). */
  fileName: string;
}

/** Custom request: the embedded plist of a CMS-signed profile (file bytes in base64). Signatures are not verified. */
export const SignedContentRequest = 'mobileconfig/signedContent';
export interface SignedContentParams {
  base64: string;
}
export type SignedContentResult =
  | { ok: true; text: string; signerCount: number; certificateCount: number }
  | { ok: false; error: string };

/** Command ids of the client features above. */
export const FeatureCommands = {
  showPreview: 'mobileconfig.showPreview',
  exportForPortal: 'mobileconfig.exportForPortal',
  newAnyConnectProfile: 'mobileconfig.newAnyConnectProfile',
  showSignedContent: 'mobileconfig.showSignedContent',
  exportUnsigned: 'mobileconfig.exportUnsigned',
  analyzeCertificateReport: 'mobileconfig.analyzeCertificateReport',
} as const;

/** URI scheme of the read-only view of a signed profile's embedded plist. */
export const SIGNED_SCHEME = 'mobileconfig-signed';
