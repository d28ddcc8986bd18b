/**
 * Pulls the `mobileconfig` settings for a document (workspace/configuration), lays the nearest
 * `.mobileconfig-lint.json` over them (the file wins: CI reads the same file), caches them per URI,
 * and maps them onto the service's settings with defaults filled in (STYLE.md section 5).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, findConfigFile, formatConfigProblem, isIgnored, mergeSettings, readConfigFile } from './configFile';
import type { LintConfig } from './configFile';
import type { MobileconfigSettings } from './protocol';
import { SETTINGS_SECTION } from './protocol';
import { resolveSettings, ServiceSettings } from './service';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Maps raw user settings onto service settings, ignoring values of the wrong type instead of failing. */
export function toServiceSettings(raw: MobileconfigSettings | undefined, locale: string): ServiceSettings {
  const s: Partial<ServiceSettings> = { locale };
  if (raw?.mode === 'portal' || raw?.mode === 'standalone') s.mode = raw.mode;
  if (raw?.rules && typeof raw.rules === 'object') {
    s.rules = Object.fromEntries(Object.entries(raw.rules).filter(([, v]) => SEVERITIES.has(v as string))) as ServiceSettings['rules'];
  }
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  s.anyconnectNewSubtypes = strings(raw?.anyconnect?.newSubtypes);
  s.anyconnectLegacySubtypes = strings(raw?.anyconnect?.legacySubtypes);
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  s.maxDocumentSize = positive(raw?.limits?.maxDocumentSize);
  s.maxDiagnostics = positive(raw?.limits?.maxDiagnostics);
  s.maxNestingDepth = positive(raw?.limits?.maxNestingDepth);
  if (typeof raw?.minimumIOS === 'string' && /^(\d+(\.\d+){0,2})?$/.test(raw.minimumIOS.trim())) s.minimumIOS = raw.minimumIOS.trim();
  return resolveSettings(s);
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServiceSettings>>();
  private readonly configs: ConfigFiles;

  constructor(private readonly connection: Connection, private readonly canPull: () => boolean, private readonly locale: string) {
    this.configs = new ConfigFiles(locale, (message) => {
      connection.console.warn(message);
      void connection.window.showWarningMessage(message);
    });
  }

  get(uri: string): Promise<ServiceSettings> {
    const withFile = (raw: MobileconfigSettings | undefined) => {
      const file = this.configs.forUri(uri);
      return toServiceSettings(file ? mergeSettings(raw, file.settings) : raw, this.locale);
    };
    if (!this.canPull()) return Promise.resolve(withFile(undefined));
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw: MobileconfigSettings) => withFile(raw), () => withFile(undefined));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** True when the configuration file's `ignore` globs cover the document: it gets no diagnostics, as in CI. */
  isIgnored(uri: string): boolean {
    const file = this.configs.forUri(uri);
    return !!file && uri.startsWith('file:') && isIgnored(file, fileURLToPath(uri));
  }

  clear(uri?: string): void {
    if (uri) {
      this.cache.delete(uri);
    } else {
      this.cache.clear();
      this.configs.clear();
    }
  }
}

/** The glob a client watches for the server (`workspace/didChangeWatchedFiles`): any configuration file. */
export const CONFIG_FILE_GLOB = `**/${CONFIG_FILE_NAME}`;

/** True when a changed file is a configuration file, so every setting must be read again. */
export function isConfigFileUri(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

/**
 * The configuration file of each document, read once until `clear()` (a watched change); what is wrong with a
 * file is told once per read, never thrown.
 */
class ConfigFiles {
  private readonly found = new Map<string, string | undefined>();
  private readonly read = new Map<string, LintConfig>();

  constructor(private readonly locale: string, private readonly warn: (message: string) => void) {}

  forUri(uri: string): LintConfig | undefined {
    // Untitled and virtual documents have no folder to look in.
    if (!uri.startsWith('file:')) return undefined;
    let dir: string;
    try {
      dir = path.dirname(fileURLToPath(uri));
    } catch {
      return undefined;
    }
    if (!this.found.has(dir)) this.found.set(dir, findConfigFile(dir));
    const file = this.found.get(dir);
    if (file === undefined) return undefined;
    let config = this.read.get(file);
    if (!config) {
      const result = readConfigFile(file, this.locale);
      if (result.problems.length > 0) {
        const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
        this.warn(`Mobileconfig: ${formatConfigProblem(result.problems[0])}${more}`);
      }
      config = result.config;
      this.read.set(file, config);
    }
    return config;
  }

  clear(): void {
    this.found.clear();
    this.read.clear();
  }
}
