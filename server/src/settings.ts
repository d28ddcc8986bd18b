/**
 * Pulls the `mobileconfig` settings for a document (workspace/configuration), caches them per URI,
 * and maps them onto the service's settings with defaults filled in (STYLE.md section 5).
 */
import type { Connection } from 'vscode-languageserver';
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

  constructor(private readonly connection: Connection, private readonly canPull: () => boolean, private readonly locale: string) {}

  get(uri: string): Promise<ServiceSettings> {
    if (!this.canPull()) return Promise.resolve(toServiceSettings(undefined, this.locale));
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw: MobileconfigSettings) => toServiceSettings(raw, this.locale), () => toServiceSettings(undefined, this.locale));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  clear(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
