// Services layer: an import from the analyst's file to a table that lasts — read by the format's reader, staged and
// previewed (TableImport), then created, recorded and stored with its original file; and, at every start, each stored
// import rebuilt from its file with the options once confirmed, its SHA-256 checked first and its row count after.
import { tableFingerprint } from '../../engine/fingerprint.ts';
import type { Engine } from '../../engine/types.ts';
import { sha256OfBlob } from '../../io/import/digest.ts';
import { ImportError, type CsvPlan, type Detected, type ImportFormat, type ImportWarning } from '../../io/import/types.ts';
import { quoteIdent } from '../../query/quote.ts';
import type { ImportRecord } from './record.ts';
import type { ImportStore } from './store.ts';
import { restoreStoredTable } from '../workbook/stored.ts';
import { TableImport, type ColumnDraft, type CommitOptions, type ImportedOutcome, type StagedSource } from './table-import.ts';

/** One table a file holds (a CSV, a sheet), as its reader found it. */
export interface ReadTable {
  sheet: string | null;
  source: StagedSource;
  /** The header's names, blank and duplicate names already made up. */
  names: string[];
  title: string | null;
  notes: string[];
  detected: Detected[];
  warnings: ImportWarning[];
}

export interface ReadOutcome {
  format: ImportFormat;
  tables: ReadTable[];
  /** Sheets recognised as cover, contents or notes, and sheets with no table. */
  skipped: { name: string; why: 'cover' | 'contents' | 'notes' | 'empty' }[];
  detected: Detected[];
  warnings: ImportWarning[];
}

/** The format readers, as the page (workers) or Node (tests) provides them. */
export interface ReadOptions {
  /** Delimited text: whether the first row holds the column names, over what was detected. */
  header?: boolean;
}

export interface FileReaders {
  read(file: Blob, name: string, options?: ReadOptions): Promise<ReadOutcome>;
  /** A delimited file as UTF-8 text DuckDB can read, decompressed and converted as its plan says. */
  utf8(file: Blob, plan: CsvPlan): Promise<Blob | Uint8Array>;
}

export interface FileFacts {
  name: string;
  size: number;
  modified: string | null;
  format: ImportFormat;
  sha256: string;
}

/** What the analyst confirmed for one table. */
export interface Confirmed {
  table: string;
  title: string;
  description: string;
  notes: string[];
  columns: ColumnDraft[];
}

export interface Imported {
  record: ImportRecord;
  outcome: ImportedOutcome;
  fingerprint: string;
}

export async function fileFacts(file: Blob, name: string, format: ImportFormat, progress?: (bytes: number) => void): Promise<FileFacts> {
  const modified = 'lastModified' in file && typeof file.lastModified === 'number' ? new Date(file.lastModified).toISOString() : null;
  return { name, size: file.size, modified, format, sha256: await sha256OfBlob(file, progress) };
}

/**
 * Creates the table and stores the file with its record; if storing fails, or the analyst cancels before it is
 * stored, the table is dropped again.
 */
export async function commitImport(engine: Engine, store: ImportStore, file: Blob, facts: FileFacts, read: ReadTable, draft: TableImport, confirmed: Confirmed, options: CommitOptions = {}, now = new Date()): Promise<Imported> {
  const columns = confirmed.columns.map(({ source, name, type, dates, original }) => ({ source, name, type, dates, original }));
  const outcome = await draft.commit(confirmed.table, columns, options);
  const record: ImportRecord = {
    version: 1,
    id: `${now.getTime().toString(36)}-${confirmed.table}`,
    table: confirmed.table,
    title: confirmed.title,
    description: confirmed.description,
    notes: confirmed.notes,
    file: { name: facts.name, size: facts.size, sha256: facts.sha256, modified: facts.modified, format: facts.format },
    sheet: read.sheet,
    plan: read.source.kind === 'csv' ? { ...read.source.plan, detected: [], warnings: [] } : null,
    columns,
    importedAt: now.toISOString(),
    rows: outcome.rows,
    detected: read.detected,
  };
  try {
    if (options.signal?.aborted) throw new ImportError('cancelled', facts.name);
    await store.save(record, file);
  } catch (err) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(confirmed.table)}`).catch(() => undefined);
    throw err;
  }
  return { record, outcome, fingerprint: await tableFingerprint(engine, confirmed.table) };
}

/**
 * Replaces an imported table by a new version of its file. The new table is made and stored beside the old one
 * under a passing name, then takes the old one's name in one transaction; only then is the old stored file removed.
 * Whatever fails before that leaves the old table, its record and its file exactly as they were.
 */
export async function commitReplacement(engine: Engine, store: ImportStore, file: Blob, facts: FileFacts, read: ReadTable, draft: TableImport, confirmed: Confirmed, old: ImportRecord, options: CommitOptions = {}): Promise<Imported> {
  const passing = `${old.table}__new_${draft.id}`;
  const made = await commitImport(engine, store, file, facts, read, draft, { ...confirmed, table: passing }, options);
  const record: ImportRecord = { ...made.record, table: old.table };
  try {
    await store.update(record);
    await engine.query('BEGIN TRANSACTION');
    try {
      await engine.query(`DROP TABLE ${quoteIdent(old.table)}`);
      await engine.query(`ALTER TABLE ${quoteIdent(passing)} RENAME TO ${quoteIdent(old.table)}`);
      await engine.query('COMMIT');
    } catch (err) {
      await engine.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(passing)}`).catch(() => undefined);
    await store.remove(record.id).catch(() => undefined);
    throw err;
  }
  await store.remove(old.id);
  return { record, outcome: { ...made.outcome, table: old.table }, fingerprint: await tableFingerprint(engine, old.table) };
}

/** Why a stored import could not be rebuilt; the stored file and record stay as they are. */
export type RestoreProblem = 'file-missing' | 'file-changed' | 'sheet-missing' | 'rows-differ' | 'failed';

export type Restored = { kind: 'restored'; outcome: ImportedOutcome; fingerprint: string } | { kind: 'problem'; problem: RestoreProblem; detail: string };

/** Rebuilds a stored import's table from its stored file, exactly as it was confirmed. */
export async function restoreImport(engine: Engine, store: ImportStore, readers: FileReaders, record: ImportRecord): Promise<Restored> {
  const { stored } = record;
  if (stored) return restoreStoredTable(engine, store, { ...record, stored });
  const file = await store.file(record.id);
  if (!file) return { kind: 'problem', problem: 'file-missing', detail: '' };
  if ((await sha256OfBlob(file)) !== record.file.sha256) return { kind: 'problem', problem: 'file-changed', detail: '' };
  const rebuilt = await importAs(engine, readers, record, file);
  if (rebuilt.kind === 'restored' && rebuilt.outcome.rows !== record.rows) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(record.table)}`);
    return { kind: 'problem', problem: 'rows-differ', detail: `${rebuilt.outcome.rows} rows instead of ${record.rows}` };
  }
  return rebuilt;
}

/**
 * Creates the record's table from `file` read with the record's options (its reading plan or sheet, its columns'
 * names and types): a stored import rebuilt, or next quarter's file imported as this one was (the headless rebuild's
 * `--data`). Nothing is stored.
 */
export async function importAs(engine: Engine, readers: FileReaders, record: ImportRecord, file: Blob): Promise<Restored> {
  let draft: TableImport | null = null;
  try {
    let source: StagedSource;
    if (record.plan) source = { kind: 'csv', plan: record.plan, utf8: await readers.utf8(file, record.plan) };
    else {
      const found = (await readers.read(file, record.file.name)).tables.find((t) => t.sheet === record.sheet);
      if (!found) return { kind: 'problem', problem: 'sheet-missing', detail: record.sheet ?? '' };
      source = found.source;
    }
    draft = new TableImport(engine, source, record.file.name);
    await draft.stage();
    const outcome = await draft.commit(record.table, record.columns);
    return { kind: 'restored', outcome, fingerprint: await tableFingerprint(engine, record.table) };
  } catch (err) {
    return { kind: 'problem', problem: 'failed', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    await draft?.discard();
  }
}
