// Services layer: an analyst's table in and out of a workbook file. Saving copies the table out of the engine as a
// file in one fixed dialect with its SHA-256, row count and columns (which the manifest records); opening checks the
// SHA-256 before the engine reads a byte, creates the table from the file read as exactly the recorded columns, and
// checks the rows and columns it got — so a tampered or damaged workbook never leaves a half-right table behind.
//
// The format is DuckDB's own CSV, every value quoted and NULL left unquoted-empty (so '' and NULL stay apart), read
// back with the recorded types. Parquet was the plan, but duckdb-wasm has no parquet extension offline (see
// toolchain.md); DuckDB's CSV round-trips every type we tested exactly (BIGINT past 2^53, DOUBLE -0/NaN/±inf/5e-324,
// DECIMAL, dates, timestamps, text with quotes and line breaks, lists, structs, blobs), and the zip deflates it.
import { sha256OfBlob } from '../../io/import/digest.ts';
import { quoteIdent, quoteString } from '../../query/quote.ts';
import { QueryError, type Engine } from '../../engine/types.ts';

export interface EmbeddedColumn {
  name: string;
  /** DuckDB's type name as DESCRIBE reports it: BIGINT, DECIMAL(18,3), STRUCT(x VARCHAR)… */
  type: string;
}

/** What the manifest records of an embedded table, and what opening checks. */
export interface EmbeddedTableFacts {
  /** Lower-case hex SHA-256 of the table's file bytes. */
  sha256: string;
  rows: number;
  columns: EmbeddedColumn[];
}

/**
 * Why an embedded table was not loaded: `table-exists` — a table or view of that name is already open (nothing is
 * replaced); `table-hash-mismatch` — the file's bytes are not the ones saved; `table-unreadable` — the engine could
 * not read the file as the recorded columns; `table-rows-mismatch` / `table-columns-mismatch` — it read, but not
 * into what was saved.
 */
export type EmbeddedTableErrorKind = 'table-exists' | 'table-hash-mismatch' | 'table-unreadable' | 'table-rows-mismatch' | 'table-columns-mismatch';

const MESSAGES: Record<EmbeddedTableErrorKind, (table: string) => string> = {
  'table-exists': (t) => `A table called "${t}" is already open, so the workbook's table of that name was not loaded. Rename or close the open table, then open the workbook again.`,
  'table-hash-mismatch': (t) => `The data of table "${t}" in this workbook is not what was saved: the file was changed or damaged after saving. The table was not loaded; ask the workbook's sender for another copy.`,
  'table-unreadable': (t) => `The data of table "${t}" in this workbook cannot be read as the columns it records. The table was not loaded; the workbook is damaged or was changed after saving.`,
  'table-rows-mismatch': (t) => `Table "${t}" in this workbook does not hold the number of rows it records. The table was not loaded; the workbook is damaged or was changed after saving.`,
  'table-columns-mismatch': (t) => `Table "${t}" in this workbook does not have the columns it records. The table was not loaded; the workbook is damaged or was changed after saving.`,
};

export class EmbeddedTableError extends Error {
  constructor(
    readonly kind: EmbeddedTableErrorKind,
    readonly table: string,
    /** What was found (the engine's message, the counts), for a "details" line; never for control flow. */
    readonly detail = '',
  ) {
    super(MESSAGES[kind](table));
    this.name = 'EmbeddedTableError';
  }
}

/** How the table's file is written; the reader below is its mirror. FORCE_QUOTE quotes '' so that bare empty is NULL. */
const COPY_OPTIONS = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '', FORCE_QUOTE *";
/**
 * Rows up to 16 MiB load (DuckDB's default is 2 MB, less than a long note can be). DuckDB's read buffer defaults to
 * 16 times this, which inside wasm's 1.5 GiB would not fit, so the buffer is set to twice the line instead.
 */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

function readerSql(file: string, columns: EmbeddedColumn[]): string {
  const spec = columns.map((c) => `${quoteString(c.name)}: ${quoteString(c.type)}`).join(', ');
  return (
    `SELECT * FROM read_csv(${quoteString(file)}, columns = {${spec}}, header = true, auto_detect = false, ` +
    `delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, strict_mode = true, ` +
    `new_line = '\\n', max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${2 * MAX_LINE_BYTES})`
  );
}

async function columnsOf(engine: Engine, table: string): Promise<EmbeddedColumn[]> {
  const { table: described } = await engine.query(`DESCRIBE SELECT * FROM ${quoteIdent(table)}`);
  const names = described.getChild('column_name')!.toArray() as string[];
  const types = described.getChild('column_type')!.toArray() as string[];
  return names.map((name, i) => ({ name, type: types[i]! }));
}

async function rowCount(engine: Engine, table: string): Promise<number> {
  return Number((await engine.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).table.getChild('n')!.get(0));
}

const sha256 = (bytes: Uint8Array) => sha256OfBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]));

/** The table's file bytes (in insertion order) with what the manifest records of it. */
export async function embedTable(engine: Engine, table: string): Promise<EmbeddedTableFacts & { bytes: Uint8Array }> {
  const columns = await columnsOf(engine, table);
  const rows = await rowCount(engine, table);
  const bytes = await engine.copyToBytes(`SELECT * FROM ${quoteIdent(table)}`, COPY_OPTIONS);
  return { bytes, sha256: await sha256(bytes), rows, columns };
}

/** Whether any table or view of that name (DuckDB names ignore case) is open, in any database. */
async function nameTaken(engine: Engine, table: string): Promise<boolean> {
  const name = quoteString(table.toLowerCase());
  const { table: found } = await engine.query(
    `SELECT (SELECT count(*) FROM duckdb_tables() WHERE lower(table_name) = ${name}) + (SELECT count(*) FROM duckdb_views() WHERE lower(view_name) = ${name}) AS n`,
  );
  return Number(found.getChild('n')!.get(0)) > 0;
}

const sameColumns = (a: EmbeddedColumn[], b: EmbeddedColumn[]) => a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);

let loads = 0;

/**
 * Creates `table` from an embedded table's file bytes (they pass to the engine) after checking them against what the
 * manifest recorded. Throws EmbeddedTableError (see its kinds) and leaves no table behind; an engine that runs out
 * of memory throws its own QueryError 'out-of-memory'.
 */
export async function loadEmbeddedTable(engine: Engine, table: string, bytes: Uint8Array, expected: EmbeddedTableFacts): Promise<void> {
  if (await nameTaken(engine, table)) throw new EmbeddedTableError('table-exists', table);
  const actual = await sha256(bytes);
  if (actual !== expected.sha256.toLowerCase()) throw new EmbeddedTableError('table-hash-mismatch', table, `SHA-256 ${actual}, recorded ${expected.sha256}`);
  if (expected.columns.length === 0) throw new EmbeddedTableError('table-columns-mismatch', table, 'no columns recorded');

  const file = `workbook-table-${++loads}.csv`;
  const path = await engine.registerFile(file, bytes);
  let created = false;
  try {
    try {
      await engine.query(`CREATE TABLE ${quoteIdent(table)} AS ${readerSql(path, expected.columns)}`);
      created = true;
    } catch (e) {
      if (e instanceof QueryError && e.kind === 'out-of-memory') throw e;
      throw new EmbeddedTableError('table-unreadable', table, e instanceof Error ? e.message : String(e));
    }
    const columns = await columnsOf(engine, table);
    if (!sameColumns(columns, expected.columns)) {
      throw new EmbeddedTableError('table-columns-mismatch', table, columns.map((c) => `${c.name} ${c.type}`).join(', '));
    }
    const rows = await rowCount(engine, table);
    if (rows !== expected.rows) throw new EmbeddedTableError('table-rows-mismatch', table, `${rows} rows, recorded ${expected.rows}`);
  } catch (e) {
    if (created) await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    throw e;
  } finally {
    await engine.dropFile(file);
  }
}
