// Services layer: how a file's text reaches the engine before it has types. A grid (spreadsheet, JSON, Parquet,
// paste) goes in as an Arrow table of text columns c0, c1…; delimited text is read where it lies by DuckDB's
// read_csv with the detected plan, every column as text. Either way the import's one SQL conversion (lib/query/import)
// then decides types, so every format gets the same rules and the same warnings.
import { Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { Cell, CsvPlan, GridTable } from '../../io/import/types.ts';
import { MAX_LINE_BYTES } from '../../io/import/text-stream.ts';
import { quoteIdent, quoteString } from '../../query/quote.ts';

/** The staging name of the i-th column. */
export const stagingColumn = (i: number): string => `c${i}`;

/** A cell as text, exactly: numbers in JavaScript's shortest round-trip form, which DuckDB reads back to the same double. */
export function cellText(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cell;
}

/**
 * A text column built directly from its UTF-8 bytes, offsets and validity bits. Arrow's own builders compile a
 * null-check with `new Function`, which the page's Content-Security-Policy (rightly) forbids.
 */
export function utf8Vector(values: (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
  const offsets = new Int32Array(values.length + 1);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let size = 0;
  let nulls = 0;
  encoded.forEach((bytes, i) => {
    if (bytes === null) nulls += 1;
    else {
      validity[i >> 3]! |= 1 << (i & 7);
      size += bytes.length;
    }
    offsets[i + 1] = size;
  });
  const data = new Uint8Array(size);
  encoded.forEach((bytes, i) => bytes && data.set(bytes, offsets[i]!));
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: validity, valueOffsets: offsets, data }));
}

/** A grid as an Arrow IPC stream of text columns c0…c(n-1), one per header cell (short rows padded with NULL). */
export function gridToArrowIpc(grid: GridTable): Uint8Array {
  const columns: Record<string, Vector<Utf8>> = {};
  grid.header.forEach((_, i) => {
    columns[stagingColumn(i)] = utf8Vector(grid.rows.map((row) => cellText(row[i])));
  });
  return tableToIPC(new Table(columns), 'stream');
}

/**
 * read_csv's buffer. DuckDB's default is 16 × the longest line allowed (320 MB for our 11 MB), which the engine
 * reserves for every read — a fifth of its memory; two lines' worth is enough.
 */
const READ_BUFFER_BYTES = 2 * (MAX_LINE_BYTES + 1024 * 1024);

/**
 * read_csv over a registered UTF-8 file, every column as text under its staging name. Quoted fields may hold line
 * breaks, which DuckDB's parallel reader refuses together with null_padding: the engine has one thread anyway.
 */
export function csvRelationSql(fileName: string, plan: CsvPlan): string {
  const columns = plan.columns.map((_, i) => `${quoteString(stagingColumn(i))}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${quoteString(fileName)}, auto_detect = false, header = ${plan.header}, skip = ${plan.skipRows}, ` +
    `delim = ${quoteString(plan.delimiter)}, quote = ${quoteString(plan.quote)}, escape = ${quoteString(plan.escape)}, ` +
    `null_padding = true, parallel = false, strict_mode = false, ` +
    `max_line_size = ${MAX_LINE_BYTES + 1024 * 1024}, buffer_size = ${READ_BUFFER_BYTES}, columns = {${columns}})`
  );
}

/** The staging table of a grid, quoted. */
export const stagingTable = (id: string): string => `__import_${id}`;
export const quotedStaging = (id: string): string => quoteIdent(stagingTable(id));
