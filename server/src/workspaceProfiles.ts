/**
 * Portal mode needs every profile name in the workspace: this scans the workspace folders for
 * `.mobileconfig` files once, caches their top-level PayloadDisplayName, and refreshes on file changes.
 * Open documents win over what is on disk, so unsaved renames count at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeBytes, parsePlist } from './service';
import { getString } from './service/model/tree';

const MAX_FILES = 5000;
const MAX_FILE_SIZE = 5 * 1024 * 1024;
// export/ holds the portal copies of the workspace's profiles: counting them would make every name clash with itself.
const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out', 'export']);

export function profileName(text: string): string | undefined {
  const root = parsePlist(text).root;
  return root?.kind === 'dict' ? getString(root, 'PayloadDisplayName')?.trim() || undefined : undefined;
}

export class WorkspaceProfiles {
  private cache: Promise<Map<string, string>> | undefined;

  constructor(private readonly folders: string[], private readonly warn: (message: string) => void) {}

  invalidate(): void {
    this.cache = undefined;
  }

  async namesExcept(uri: string, open: TextDocument[]): Promise<{ name: string; uri: string }[]> {
    const onDisk = await (this.cache ??= this.scan());
    const names = new Map(onDisk);
    for (const doc of open) {
      if (doc.languageId !== 'mobileconfig' && !doc.uri.endsWith('.mobileconfig')) continue;
      const name = profileName(doc.getText());
      if (name) names.set(doc.uri, name);
      else names.delete(doc.uri);
    }
    names.delete(uri);
    return [...names].map(([u, name]) => ({ uri: u, name }));
  }

  private async scan(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let count = 0;
    const walk = async (dir: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (count >= MAX_FILES) return;
        const full = path.join(dir, e.name);
        if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(full);
        else if (e.isFile() && e.name.endsWith('.mobileconfig')) {
          count++;
          try {
            const stat = await fs.promises.stat(full);
            if (stat.size > MAX_FILE_SIZE) continue;
            const name = profileName(decodeBytes(await fs.promises.readFile(full)));
            if (name) found.set(pathToFileURL(full).toString(), name);
          } catch (error) {
            this.warn(`Could not read ${full}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    };
    for (const folder of this.folders) {
      if (folder.startsWith('file:')) await walk(fileURLToPath(folder));
    }
    return found;
  }
}
