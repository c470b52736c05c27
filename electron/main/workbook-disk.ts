// Main-process layer, pure (Node, no Electron): writing a workbook to disk. A save goes to a temporary file in the
// same folder, is flushed to the disk, and only then renamed over the target, so a crash or a full disk mid-save
// leaves the old file whole (rename within one folder is atomic). SaveGrants keeps the paths the analyst chose to
// save to (or opened) behind tokens, as FileGrants does for reading: the page writes only where it was given.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { TOKEN_PATTERN, WORKBOOK_BYTES_MAX, type FileProblemKind } from '../contract.ts';

/** A write that did not happen, by kind (the page words it); `message` is the system's own words. */
export class DiskError extends Error {
  constructor(readonly kind: FileProblemKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DiskError';
  }
}

/** The kind of a Node file-system error (its `code`), for the page's wording. */
export function diskProblemKind(err: unknown): FileProblemKind {
  if (err instanceof DiskError) return err.kind;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EBUSY') return 'not-allowed';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'folder-gone';
  if (code === 'EFBIG') return 'too-large';
  return 'failed';
}

/** The permission bits to give the new file: the old file's where there is one (a save keeps them). */
async function modeFor(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return 0o666; // less the process's umask, as for any new file
  }
}

/** Writes `bytes` to `path` all or nothing: temp file beside it, fsync, rename over it; the temp file never stays. */
export async function writeFileAtomically(path: string, bytes: Uint8Array, hooks: { beforeRename?: (temp: string) => Promise<void> } = {}): Promise<void> {
  if (!isAbsolute(path)) throw new DiskError('failed', 'The path to write is not absolute.');
  if (bytes.length > WORKBOOK_BYTES_MAX) throw new DiskError('too-large', 'The file is larger than 2 GiB.');
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isFile()) throw new DiskError('not-allowed', 'The place to save is not a file.');
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  const mode = await modeFor(path);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp); // tests stop here, as a crash would
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable where the system allows a folder to be flushed (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the file itself is already on disk.
  } finally {
    await handle.close();
  }
}

/** How many save targets stay writable (each workbook opened or saved this session needs one). */
const KEPT = 64;

/** The paths the page may write to, each behind a token; the latest KEPT stay. */
export class SaveGrants {
  private readonly grants = new Map<string, string>();

  /** Lets the page write `path` by `token` (a fresh one unless given: an opened file reuses its read token). */
  allow(path: string, token: string = randomUUID()): string {
    if (!isAbsolute(path)) throw new DiskError('failed', 'The path to save to is not absolute.');
    if (!TOKEN_PATTERN.test(token)) throw new DiskError('failed', 'The token is not well formed.');
    this.grants.delete(token);
    this.grants.set(token, path);
    for (const old of [...this.grants.keys()].slice(0, Math.max(0, this.grants.size - KEPT))) this.grants.delete(old);
    return token;
  }

  /** The path behind `token`; 'grant-expired' when it is not (or no longer) kept. */
  path(token: string): string {
    const path = this.grants.get(token);
    if (path === undefined) throw new DiskError('grant-expired', 'That file is no longer known to the app: save with Save As….');
    return path;
  }
}

/** The name a chosen save path should have: the workbook extension added when the dialog left it off (Linux). */
export function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(`.${extension}`) ? path : `${path}.${extension}`;
}
