/**
 * Replaces a file's content the way `--fix` and the editor's export need: through a temp file beside the real
 * target, created exclusively (a planted link or file under the temp name makes the write fail, never redirects it),
 * renamed over the target, removed on every error path. It keeps the mode and, where allowed, the owner;
 * writes a symbolic link's target, not the link; and refuses a read-only or hard-linked file instead of working around it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a file was left alone: each needs the user's decision, so none is worked around. */
export type WriteRefusal = 'read-only' | 'hard-linked' | 'not-a-file';

/** A deliberate refusal (the file is unchanged); other errors are the file system's own, with their `code`. */
export class WriteRefused extends Error {
  constructor(readonly reason: WriteRefusal, readonly file: string, readonly links = 1) {
    super(reason === 'read-only' ? 'it is read-only'
      : reason === 'hard-linked' ? `it has ${links} hard links, and replacing it would split them; change a copy, or remove the other links`
        : 'it is not a regular file');
  }
}

export interface WriteOutcome {
  /** The file whose content was replaced: the target of the path given when that path is a symbolic link. */
  written: string;
  /** The path given is a symbolic link: the link is kept and now points at the new content. */
  throughLink: boolean;
}

/**
 * True when `file` must not be rewritten: no write bit is set at all, or this process may not write it.
 * The mode bits are checked first because root passes every access check: a 0444 file is read-only even for root,
 * as editors treat it.
 */
export function isReadOnly(file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** True when both paths name one file, through links or not (same device and inode); false when either is missing. */
export function isSameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** A temp file name that fits in any name limit, whatever the target's name: the target is named only by the rename. */
function tempName(): string {
  return `.mobileconfig-${randomBytes(8).toString('hex')}.tmp`;
}

/**
 * Opens a new temp file in `dir` with O_CREAT|O_EXCL (`wx`): it fails on an existing name, a link included,
 * so nothing planted there is followed or overwritten. A clash with a random name is retried a few times.
 */
function createTemp(dir: string, mode: number): { fd: number; temp: string } {
  for (let attempt = 0; ; attempt++) {
    const temp = path.join(dir, tempName());
    try {
      return { fd: fs.openSync(temp, 'wx', mode), temp };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
}

function lstatIfExists(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Replaces the content of `file` with `data` atomically (a reader sees the old or the new file, never half of one).
 * With `mayCreate`, a missing file is created with the usual mode (umask applies). Throws `WriteRefused` when the
 * file is read-only, hard-linked or not a regular file, and the file system's error otherwise; the temp file is gone either way.
 */
export function replaceFileSafely(file: string, data: Uint8Array, options: { mayCreate?: boolean } = {}): WriteOutcome {
  const entry = lstatIfExists(file);
  const throughLink = !!entry?.isSymbolicLink();
  // realpath resolves a chain of links; a dangling link throws ENOENT, since creating its target is not asked for.
  const target = throughLink ? fs.realpathSync(file) : file;
  const stat = throughLink ? fs.statSync(target) : entry;
  // Not asked to create it: let stat throw the usual ENOENT for the missing file.
  if (!stat && !options.mayCreate) fs.statSync(file);
  if (stat) {
    if (!stat.isFile()) throw new WriteRefused('not-a-file', file);
    if (isReadOnly(target, stat)) throw new WriteRefused('read-only', file);
    // A rename gives the path a new inode, so the other names would keep the old content without a word.
    if (stat.nlink > 1) throw new WriteRefused('hard-linked', file, stat.nlink);
  }
  // A replaced file's copy stays private (0o600) until its content is complete, then gets the file's mode;
  // a new file gets the usual 0o666 less the umask, which open applies.
  const { fd, temp } = createTemp(path.dirname(target), stat ? 0o600 : 0o666);
  let open = true;
  try {
    fs.writeFileSync(fd, data);
    if (stat) {
      fs.fchmodSync(fd, stat.mode & 0o777);
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Only root may give a file away; a user's own file keeps its owner anyway.
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    fs.renameSync(temp, target);
  } catch (error) {
    if (open) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { written: target, throughLink };
}
