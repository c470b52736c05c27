// Main-process layer, pure (Node, no Electron): the files the analyst chose in the native open dialog, each behind an
// unguessable token. The page reads a chosen file only by its token, a piece at a time and within its size; it never
// learns the path, and can read nothing it was not given. Only the latest few choices stay readable.
import { randomUUID } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMPORT_READ_MAX, type PickedFile } from '../contract.ts';

/** How many chosen files stay readable (an import reads its file straight after it is chosen; the recent list grants ten). */
const KEPT = 16;

export class FileGrants {
  private readonly grants = new Map<string, { path: string; size: number }>();

  /** Grants the page reading of `path` (just chosen by the analyst); returns what the page is told. */
  async grant(path: string): Promise<PickedFile> {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('The chosen item is not a file.');
    const token = randomUUID();
    this.grants.set(token, { path, size: info.size });
    for (const old of [...this.grants.keys()].slice(0, Math.max(0, this.grants.size - KEPT))) this.grants.delete(old);
    return { token, name: basename(path), size: info.size, lastModified: info.mtimeMs };
  }

  /** Bytes [offset, offset + length) of a granted file, cut at its end. */
  async read(token: string, offset: number, length: number): Promise<Uint8Array> {
    const grant = this.grants.get(token);
    if (!grant) throw new Error('That file is no longer available: choose it again.');
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > grant.size) throw new Error('The piece asked for lies outside the file.');
    if (!Number.isSafeInteger(length) || length < 1 || length > IMPORT_READ_MAX) throw new Error('The piece asked for is too large.');
    const handle = await open(grant.path, 'r');
    try {
      const buffer = new Uint8Array(Math.min(length, grant.size - offset));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
