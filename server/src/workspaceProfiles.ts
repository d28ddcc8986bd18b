/**
 * Portal mode needs every profile name in the workspace: a live index of the top-level PayloadDisplayName of
 * each `.mobileconfig` file, built by one scan and then kept current from the client's file events (created,
 * changed, deleted; a rename is a delete plus a create). Open documents win over what is on disk, so unsaved
 * renames count at once. What the scan could not read is reported with the names, never dropped silently.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SIGNED_SCHEME } from './protocol';
import { buildModel, decodeBytes, parsePlist, resolveSettings, ServiceSettings, WorkspaceScanGaps } from './service';

const MAX_FILES = 5000;
const MAX_FILE_SIZE = 5 * 1024 * 1024;
// export/ holds the portal copies of the workspace's profiles: counting them would make every name clash with itself.
const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out', 'export']);

/** LSP's FileChangeType: 1 created, 2 changed, 3 deleted. */
export interface FileChange { uri: string; type: number }

type Skipped = WorkspaceScanGaps['skipped'][number];

interface Index {
  /** By file system path: the profile name and the path messages show. */
  names: Map<string, { name: string; label: string }>;
  skipped: Map<string, Skipped>;
  /** The first scan stopped at the file limit. */
  stopped: boolean;
}

/** A profile file's name, as the model of its text says (the same fact the portal-name rule checks). */
export function profileName(text: string): string | undefined {
  return buildModel(parsePlist(text), text, resolveSettings()).profileName;
}

/**
 * The file system path a document or file event is about: the embedded view of a signed profile is the signed
 * file itself (so it never clashes with it), and a `file:` uri is decoded, so keys do not depend on how a
 * client percent-encodes. Other schemes (untitled) keep their uri.
 */
function keyOf(uri: string): string {
  if (uri.startsWith(`${SIGNED_SCHEME}:`)) {
    // The view's query holds the signed file's path (client/src/signed.ts `signedViewUri`).
    const query = uri.indexOf('?');
    if (query >= 0) {
      try {
        return path.resolve(decodeURIComponent(uri.slice(query + 1)));
      } catch {
        return uri;
      }
    }
  }
  const file = uri.startsWith(`${SIGNED_SCHEME}:`) ? `file:${uri.slice(SIGNED_SCHEME.length + 1)}` : uri;
  if (!file.startsWith('file:')) return uri;
  try {
    return fileURLToPath(file);
  } catch {
    return uri;
  }
}

export class WorkspaceProfiles {
  private index: Promise<Index> | undefined;
  /**
   * The name of each open document by version: in portal mode every validation asks for every open document's
   * name, and a document is parsed again for that only when it has changed (or the caller has its model).
   */
  private readonly openNames = new Map<string, { version: number; name: string | undefined }>();
  private readonly roots: string[];

  constructor(
    folders: string[],
    private readonly warn: (message: string) => void,
    private readonly limits = { maxFiles: MAX_FILES, maxFileSize: MAX_FILE_SIZE },
  ) {
    this.roots = folders.filter((f) => f.startsWith('file:')).map(keyOf);
  }

  /**
   * The portal-mode settings for the document `uri`: every other profile's name with its display path, and
   * what the scan left out. An export copy (`<dir>/export/…`) is not compared with the profiles of `<dir>`,
   * where its source is.
   */
  async forDocument(uri: string, open: TextDocument[], cachedName?: (doc: TextDocument) => { name: string | undefined } | undefined): Promise<Pick<ServiceSettings, 'workspaceProfileNames' | 'workspaceScanGaps'>> {
    const index = await (this.index ??= this.scan());
    const names = new Map(index.names);
    for (const doc of open) {
      if (doc.languageId !== 'mobileconfig' && !doc.uri.endsWith('.mobileconfig')) continue;
      const key = keyOf(doc.uri);
      if (this.isSkippedPath(key)) continue;
      const name = this.openName(doc, cachedName);
      if (name) names.set(key, { name, label: this.label(key, doc.uri) });
      else names.delete(key);
    }
    const self = keyOf(uri);
    names.delete(self);
    const exportSource = path.basename(path.dirname(self)) === 'export' ? path.dirname(path.dirname(self)) : undefined;
    const workspaceProfileNames = [...names]
      .filter(([key]) => exportSource === undefined || path.dirname(key) !== exportSource)
      .map(([key, e]) => ({ name: e.name, uri: key, path: e.label }));
    const workspaceScanGaps: WorkspaceScanGaps = {
      skipped: [...index.skipped].filter(([key]) => key !== self).map(([, s]) => s),
      ...(index.stopped ? { limit: this.limits.maxFiles } : {}),
    };
    return { workspaceProfileNames, workspaceScanGaps };
  }

  private openName(doc: TextDocument, cachedName?: (doc: TextDocument) => { name: string | undefined } | undefined): string | undefined {
    const known = this.openNames.get(doc.uri);
    if (known && known.version === doc.version) return known.name;
    const name = cachedName?.(doc)?.name ?? profileName(doc.getText());
    this.openNames.set(doc.uri, { version: doc.version, name });
    return name;
  }

  /** Forgets what was kept about an open document once it is closed. */
  closed(uri: string): void {
    this.openNames.delete(uri);
  }

  /** Applies the client's file events to the index (before its first scan there is nothing to update). */
  update(changes: FileChange[]): Promise<void> {
    if (!this.index) return Promise.resolve();
    // Chained on the index, so events apply in order and after the scan that built it.
    this.index = this.index.then(async (index) => {
      for (const change of changes) await this.apply(index, change).catch((error: unknown) => this.warn(`Workspace profile index: ${String(error)}`));
      return index;
    });
    return this.index.then(() => undefined);
  }

  private async apply(index: Index, change: FileChange): Promise<void> {
    if (!change.uri.startsWith('file:')) return;
    const key = keyOf(change.uri);
    if (this.isSkippedPath(key)) return;
    if (change.type === 3) {
      // A deleted folder takes every profile under it along.
      for (const map of [index.names, index.skipped]) {
        for (const k of [...map.keys()]) if (k === key || k.startsWith(key + path.sep)) map.delete(k);
      }
      return;
    }
    const stat = await fs.promises.lstat(key).catch(() => undefined);
    if (!stat) return;
    if (stat.isDirectory()) {
      // A folder moved or copied in arrives as one event for the folder.
      if (change.type === 1) {
        const counter = { count: index.names.size + index.skipped.size, stopped: false };
        await this.walk(key, index, counter);
        index.stopped ||= counter.stopped;
      }
      return;
    }
    if (key.toLowerCase().endsWith('.mobileconfig')) await this.read(key, stat, index);
  }

  private async scan(): Promise<Index> {
    const index: Index = { names: new Map(), skipped: new Map(), stopped: false };
    const counter = { count: 0, stopped: false };
    for (const root of this.roots) if (!counter.stopped) await this.walk(root, index, counter);
    index.stopped = counter.stopped;
    if (index.stopped) this.warn(`The workspace has more than ${this.limits.maxFiles} profiles; only the first ${this.limits.maxFiles} are compared for portal profile names.`);
    return index;
  }

  private async walk(dir: string, index: Index, counter: { count: number; stopped: boolean }): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await this.walk(full, index, counter);
      } else if ((e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.mobileconfig')) {
        if (counter.count >= this.limits.maxFiles) {
          counter.stopped = true;
          return;
        }
        counter.count++;
        await this.read(full, undefined, index);
      }
      if (counter.stopped) return;
    }
  }

  /** Reads one profile into the index, or records why it was not read. */
  private async read(file: string, known: fs.Stats | undefined, index: Index): Promise<void> {
    index.names.delete(file);
    index.skipped.delete(file);
    const skip = (reason: Skipped['reason']): void => { index.skipped.set(file, { path: this.label(file), reason }); };
    try {
      const stat = known ?? await fs.promises.lstat(file);
      // A link may point outside the workspace (or at a profile already counted): it is not followed.
      if (stat.isSymbolicLink()) return skip('symlink');
      if (stat.size > this.limits.maxFileSize) return skip('too-large');
      const name = profileName(decodeBytes(await fs.promises.readFile(file)));
      if (name) index.names.set(file, { name, label: this.label(file) });
    } catch (error) {
      this.warn(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      skip('unreadable');
    }
  }

  /** Inside a folder the scan does not enter (export/, node_modules/, …), relative to a workspace folder. */
  private isSkippedPath(file: string): boolean {
    const rel = this.relative(file);
    return rel !== undefined && rel.split('/').slice(0, -1).some((segment) => SKIP_DIRS.has(segment));
  }

  private relative(file: string): string | undefined {
    for (const root of this.roots) {
      const rel = path.relative(root, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
        return (this.roots.length > 1 ? `${path.basename(root)}/` : '') + rel.split(path.sep).join('/');
      }
    }
    return undefined;
  }

  /** What messages show for a profile: its workspace-relative path, decoded. */
  private label(key: string, uri?: string): string {
    const rel = this.relative(key);
    if (rel !== undefined) return rel;
    if (path.isAbsolute(key)) return key;
    // An untitled document: its name without the scheme.
    const name = (uri ?? key).replace(/^[a-z][a-z0-9+.-]*:/i, '');
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
}
