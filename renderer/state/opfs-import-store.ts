// State layer: imported files kept in the browser's origin-private file system (OPFS) — one folder per import with the
// original file, copied as a stream (a 1 GB file never passes through the page's memory), and its record. OPFS is
// the page's own disk space: it survives reloads and restarts, and is not the ~5 MB of local storage. A folder whose
// record cannot be read is reported and left where it is, never overwritten.
import { parseRecord, type ImportStore, type StoredEntry } from '../lib/services/import/store.ts';
import type { ImportRecord } from '../lib/services/import/record.ts';

const RECORD = 'record.json';
const FILE = 'file';

type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };

export class OpfsImportStore implements ImportStore {
  private root: Promise<Dir> | null = null;

  /** @param folders where this workbook's imports are kept: ['imports'] for the first workbook, as before workbooks. */
  constructor(private readonly folders: readonly string[] = ['imports']) {}

  /** The store, or null when this browser gives the page no file system of its own. */
  static available(folders?: readonly string[]): OpfsImportStore | null {
    return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function' ? new OpfsImportStore(folders) : null;
  }

  private imports(): Promise<Dir> {
    this.root ??= (async () => {
      // Ask that the browser keep this data under storage pressure (granted silently for installed apps).
      await navigator.storage.persist?.().catch(() => false);
      let dir: FileSystemDirectoryHandle = await navigator.storage.getDirectory();
      for (const name of this.folders) dir = await dir.getDirectoryHandle(name, { create: true });
      return dir as Dir;
    })();
    return this.root;
  }

  async list(): Promise<StoredEntry[]> {
    const entries: StoredEntry[] = [];
    for await (const [id, handle] of (await this.imports()).entries()) {
      if (handle.kind !== 'directory') continue;
      try {
        const dir = handle as FileSystemDirectoryHandle;
        const text = await (await (await dir.getFileHandle(RECORD)).getFile()).text();
        const record = parseRecord(text);
        entries.push(record && record.id === id ? { kind: 'record', record } : { kind: 'unreadable', id, reason: 'its record is not one this version can read' });
      } catch {
        entries.push({ kind: 'unreadable', id, reason: 'its record is missing' });
      }
    }
    return entries.sort((a, b) => (a.kind === 'record' && b.kind === 'record' ? a.record.importedAt.localeCompare(b.record.importedAt) : 0));
  }

  async file(id: string): Promise<Blob | null> {
    try {
      const dir = await (await this.imports()).getDirectoryHandle(id);
      return await (await dir.getFileHandle(FILE)).getFile();
    } catch {
      return null;
    }
  }

  async save(record: ImportRecord, file: Blob): Promise<void> {
    const dir = await (await this.imports()).getDirectoryHandle(record.id, { create: true });
    const writable = await (await dir.getFileHandle(FILE, { create: true })).createWritable();
    await file.stream().pipeTo(writable);
    await this.writeRecord(dir, record);
  }

  async update(record: ImportRecord): Promise<void> {
    await this.writeRecord(await (await this.imports()).getDirectoryHandle(record.id), record);
  }

  async remove(id: string): Promise<void> {
    await (await this.imports()).removeEntry(id, { recursive: true }).catch(() => undefined);
  }

  async usage(): Promise<{ used: number; quota: number } | null> {
    const estimate = await navigator.storage.estimate?.().catch(() => null);
    return estimate?.quota ? { used: estimate.usage ?? 0, quota: estimate.quota } : null;
  }

  private async writeRecord(dir: FileSystemDirectoryHandle, record: ImportRecord): Promise<void> {
    // Written to a new file and swapped in by createWritable's own commit on close, so a crash leaves the old record.
    const writable = await (await dir.getFileHandle(RECORD, { create: true })).createWritable();
    await writable.write(JSON.stringify(record));
    await writable.close();
  }
}
