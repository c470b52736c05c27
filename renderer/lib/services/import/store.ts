// Services layer: where imported files and their records are kept between sessions. The page keeps them in the
// browser's origin-private file system (state/opfs-import-store.ts), tests in memory; either way a record that
// cannot be read is kept aside under its own name and reported, never overwritten or dropped.
import type { ImportRecord } from './record.ts';

/** A stored record, or what was found where a record should be and could not be read. */
export type StoredEntry = { kind: 'record'; record: ImportRecord } | { kind: 'unreadable'; id: string; reason: string };

export interface ImportStore {
  list(): Promise<StoredEntry[]>;
  /** The original file's bytes as stored. */
  file(id: string): Promise<Blob | null>;
  save(record: ImportRecord, file: Blob): Promise<void>;
  /** Replaces a record (a rename, a new description); the stored file stays. */
  update(record: ImportRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Bytes used by the store and the most the browser will give it, when known. */
  usage(): Promise<{ used: number; quota: number } | null>;
}

/** Parses a stored record; null when it is not one (the caller keeps it aside). */
export function parseRecord(text: string): ImportRecord | null {
  try {
    const r = JSON.parse(text) as Partial<ImportRecord>;
    const ok =
      r && r.version === 1 && typeof r.id === 'string' && typeof r.table === 'string' && typeof r.title === 'string' &&
      typeof r.file?.name === 'string' && typeof r.file.sha256 === 'string' && Array.isArray(r.columns) && typeof r.rows === 'number';
    return ok ? (r as ImportRecord) : null;
  } catch {
    return null;
  }
}

/** An in-memory store: for tests, and the page's fallback when the browser gives it no file system. */
export class MemoryImportStore implements ImportStore {
  private readonly entries = new Map<string, { record: string; file: Blob }>();

  async list(): Promise<StoredEntry[]> {
    return [...this.entries.entries()].map(([id, e]) => {
      const record = parseRecord(e.record);
      return record ? { kind: 'record', record } : { kind: 'unreadable', id, reason: 'not a record' };
    });
  }

  async file(id: string): Promise<Blob | null> {
    return this.entries.get(id)?.file ?? null;
  }

  async save(record: ImportRecord, file: Blob): Promise<void> {
    this.entries.set(record.id, { record: JSON.stringify(record), file });
  }

  async update(record: ImportRecord): Promise<void> {
    const e = this.entries.get(record.id);
    if (e) e.record = JSON.stringify(record);
  }

  async remove(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async usage(): Promise<{ used: number; quota: number } | null> {
    return null;
  }
}
