// Services layer: how a file's text reaches the engine before it has types. A grid (spreadsheet, JSON, Parquet,
// paste) goes in as an Arrow table of text columns c0, c1…; delimited text is read where it lies by DuckDB's
// read_csv with the detected plan, every column as text. Either way the import's one SQL conversion (lib/query/import)
// then decides types, so every format gets the same rules and the same warnings.
import { Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { Cell, CsvPlan, GridTable } from '../../io/import/types.ts';
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

/** A grid as an Arrow IPC stream of text columns c0…c(n-1), one per header cell (short rows padded with NULL). */
export function gridToArrowIpc(grid: GridTable): Uint8Array {
  const columns: Record<string, Vector<Utf8>> = {};
  grid.header.forEach((_, i) => {
    columns[stagingColumn(i)] = vectorFromArray(
      grid.rows.map((row) => cellText(row[i])),
      new Utf8(),
    );
  });
  return tableToIPC(new Table(columns), 'stream');
}

/** read_csv over a registered UTF-8 file, every column as text under its staging name. */
export function csvRelationSql(fileName: string, plan: CsvPlan): string {
  const columns = plan.columns.map((_, i) => `${quoteString(stagingColumn(i))}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${quoteString(fileName)}, auto_detect = false, header = ${plan.header}, skip = ${plan.skipRows}, ` +
    `delim = ${quoteString(plan.delimiter)}, quote = ${quoteString(plan.quote)}, escape = ${quoteString(plan.escape)}, ` +
    `null_padding = true, strict_mode = false, max_line_size = 20000000, columns = {${columns}})`
  );
}

/** The staging table of a grid, quoted. */
export const stagingTable = (id: string): string => `__import_${id}`;
export const quotedStaging = (id: string): string => quoteIdent(stagingTable(id));
