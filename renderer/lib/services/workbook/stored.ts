// Services layer: an imported table that came with an opened workbook, kept in the working copy as the workbook
// embedded it (the record's `stored` facts) rather than as an original file, and loaded from that at each start —
// checked against its SHA-256, rows and columns like the workbook itself (tables.ts).
import { tableFingerprint } from '../../engine/fingerprint.ts';
import type { Engine } from '../../engine/types.ts';
import type { ImportRecord } from '../import/record.ts';
import type { ImportStore } from '../import/store.ts';
import type { Restored } from '../import/importer.ts';
import { EmbeddedTableError, loadEmbeddedTable } from './tables.ts';

/** The status columns of a stored table: the columns it has beyond those the import record made. */
export function storedStatus(record: ImportRecord): { column: string; statusColumn: string; markers: number; failed: number; examples: [] }[] {
  const made = new Set(record.columns.map((c) => c.name));
  return (record.stored?.columns ?? []).filter((c) => !made.has(c.name)).map((c) => ({ column: '', statusColumn: c.name, markers: 0, failed: 0, examples: [] }));
}

/** Loads a stored table as saved; a problem leaves the stored file and record as they are. */
export async function restoreStoredTable(engine: Engine, store: ImportStore, record: ImportRecord & { stored: NonNullable<ImportRecord['stored']> }): Promise<Restored> {
  const file = await store.file(record.id);
  if (!file) return { kind: 'problem', problem: 'file-missing', detail: '' };
  try {
    await loadEmbeddedTable(engine, record.table, new Uint8Array(await file.arrayBuffer()), record.stored);
  } catch (err) {
    if (err instanceof EmbeddedTableError && err.kind === 'table-hash-mismatch') return { kind: 'problem', problem: 'file-changed', detail: '' };
    if (err instanceof EmbeddedTableError && err.kind === 'table-rows-mismatch') return { kind: 'problem', problem: 'rows-differ', detail: err.detail };
    return { kind: 'problem', problem: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
  const columns = record.stored.columns.length;
  return { kind: 'restored', outcome: { table: record.table, rows: record.stored.rows, columns, status: storedStatus(record) }, fingerprint: await tableFingerprint(engine, record.table) };
}
