// Services layer: a workbook file written from, and read into, a running engine. Writing embeds every imported
// table (tables.ts) beside the canonical manifest (lib/workbook) in the zip container (lib/io/workbook-zip.ts);
// reading checks the container, then the manifest whole, then that every table the manifest names is there and
// nothing else is — all before the app changes anything, so a bad file is refused with nothing lost.
import type { ImportRecord } from '../import/record.ts';
import type { Engine } from '../../engine/types.ts';
import { readWorkbookZip, writeWorkbookZip } from '../../io/workbook-zip.ts';
import { readWorkbookManifest } from '../../workbook/migrate.ts';
import { serializeWorkbook } from '../../workbook/parse.ts';
import { tableEntry, WorkbookFormatError, WORKBOOK_FORMAT, WORKBOOK_VERSION, type BuiltinRef, type EmbeddedTable, type Workbook } from '../../workbook/spec.ts';
import { sha256OfBlob } from '../../io/import/digest.ts';
import { EmbeddedTableError, embedTable, loadEmbeddedTable } from './tables.ts';

/** Everything of a workbook but its embedded tables' bytes (the engine has those). */
export type WorkbookContents = Omit<Workbook, 'format' | 'version' | 'datasets' | 'savedAt' | 'appVersion'> & {
  builtin: BuiltinRef[];
  /** The imported tables to embed, as imported (their tables are in the engine). */
  imported: ImportRecord[];
};

export interface WrittenWorkbook {
  bytes: Uint8Array;
  workbook: Workbook;
  /** The manifest as written (canonical JSON). */
  manifestText: string;
}

/** The import record as a workbook keeps it: how the working copy stores the table is not part of the analysis. */
export function recordForWorkbook(record: ImportRecord): ImportRecord {
  const { stored: _stored, ...rest } = record;
  return rest;
}

/** The workbook file of these contents: each imported table is read out of the engine and embedded. */
export async function writeWorkbookFile(engine: Engine, contents: WorkbookContents, meta: { savedAt: string; appVersion: string }, progress: (table: string) => void = () => undefined): Promise<WrittenWorkbook> {
  const imported: EmbeddedTable[] = [];
  const tables: { entry: string; bytes: Uint8Array }[] = [];
  for (const [i, record] of contents.imported.entries()) {
    progress(record.title || record.table);
    const embedded = await embedTable(engine, record.table);
    const entry = tableEntry(record.table, i);
    imported.push({ table: record.table, entry, sha256: embedded.sha256, rows: embedded.rows, columns: embedded.columns, record: recordForWorkbook(record) });
    tables.push({ entry, bytes: embedded.bytes });
  }
  const { builtin, imported: _records, ...rest } = contents;
  const workbook: Workbook = { format: WORKBOOK_FORMAT, version: WORKBOOK_VERSION, ...rest, savedAt: meta.savedAt, appVersion: meta.appVersion, datasets: { builtin, imported } };
  const manifestText = serializeWorkbook(workbook);
  return { bytes: writeWorkbookZip(manifestText, tables), workbook: readWorkbookManifest(manifestText), manifestText };
}

export interface OpenedWorkbook {
  workbook: Workbook;
  /** Each embedded table's bytes by table name. */
  tables: Map<string, Uint8Array>;
}

/**
 * A workbook file checked whole: the container (WorkbookFileError), the manifest (WorkbookFormatError), that its
 * tables are exactly the ones the manifest lists, and each table's SHA-256 (EmbeddedTableError). Nothing is loaded.
 */
export async function readWorkbookFile(bytes: Uint8Array): Promise<OpenedWorkbook> {
  const { manifestText, entries } = readWorkbookZip(bytes);
  const workbook = readWorkbookManifest(manifestText);
  const tables = new Map<string, Uint8Array>();
  for (const t of workbook.datasets.imported) {
    const data = entries.get(t.entry);
    if (!data) throw new WorkbookFormatError('missing', `table ${t.table}`, `The workbook lists the table "${t.table}" but the file does not hold its data, so it cannot be opened. Ask for a complete copy of the workbook.`);
    const actual = await sha256OfBlob(new Blob([data as Uint8Array<ArrayBuffer>]));
    if (actual !== t.sha256) throw new EmbeddedTableError('table-hash-mismatch', t.table, `SHA-256 ${actual}, recorded ${t.sha256}`);
    tables.set(t.table, data);
  }
  const listed = new Set(workbook.datasets.imported.map((t) => t.entry));
  const extra = [...entries.keys()].filter((name) => !listed.has(name));
  if (extra.length) throw new WorkbookFormatError('not-allowed', 'tables', `The workbook holds data no table of it names (${extra.join(', ')}), so it was not opened: it may have been changed by hand.`);
  return { workbook, tables };
}

/** Loads one embedded table into the engine (checked against its recorded SHA-256, rows and columns). */
export async function loadWorkbookTable(engine: Engine, table: EmbeddedTable, bytes: Uint8Array): Promise<void> {
  await loadEmbeddedTable(engine, table.table, bytes, { sha256: table.sha256, rows: table.rows, columns: table.columns });
}
