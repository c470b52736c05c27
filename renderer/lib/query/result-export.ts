// Query logic, pure: the SQL behind exporting a console's whole result (lib/services/result-export.ts). The result
// is first made a temporary table in the engine — once, so every piece written comes from the same rows in the same
// order, however the query was written — then read back in slices of row ids, each slice a step of the progress bar
// and a point where Cancel takes effect. Text is neutralised in the engine with the CSV export's own rule (a
// leading apostrophe, formula-text.ts); numbers are never touched, so every digit DuckDB holds is written.
import { FORMULA_START } from './formula-text.ts';
import { isNumericType } from './duckdb-types.ts';
import { quoteIdent, quoteString } from './quote.ts';
import { canSortResult } from './sort-result.ts';

export type ResultExportFormat = 'csv' | 'xlsx' | 'parquet';

/** A column of the result as DuckDB describes it (DESCRIBE's column_name and column_type). */
export interface ExportColumn {
  name: string;
  type: string;
}

/** How a column's values go into a spreadsheet cell (lib/io/xlsx-stream.ts). */
export type CellKind = 'number' | 'date' | 'timestamp' | 'boolean' | 'text';

/** Rows read from the engine per step: a step of the progress bar, and the longest a Cancel waits. */
export const EXPORT_SLICE_ROWS = 100_000;

/**
 * Whether the rows of `sql` (one statement) can be gathered again for an export: a query, or DuckDB's DESCRIBE,
 * SUMMARIZE and SHOW, which read as a table too. A statement that changed something is never run again.
 */
export function canExportResult(sql: string): boolean {
  const code = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  return canSortResult(code) || /^(describe|summarize|show)\b/i.test(code);
}

/** The temporary table holding the result while it is exported: rows in the query's own order. */
export function materialiseSql(table: string, sql: string): string {
  return `CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM (\n${sql}\n) AS export_source`;
}

export const describeSql = (table: string): string => `DESCRIBE ${quoteIdent(table)}`;
export const countSql = (table: string): string => `SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`;
export const dropSql = (table: string): string => `DROP TABLE IF EXISTS ${quoteIdent(table)}`;

const rowsBetween = (from: number, to: number) => `WHERE rowid >= ${from} AND rowid < ${to}`;

/** The text of a value that is not a number, with a leading apostrophe where a spreadsheet would run it. */
function neutralised(column: string): string {
  const text = `CAST(${quoteIdent(column)} AS VARCHAR)`;
  return `CASE WHEN regexp_matches(${text}, ${quoteString(FORMULA_START.source)}) THEN '''' || ${text} ELSE ${text} END`;
}

/** Rows [from, to) of the result for the CSV: numbers as DuckDB writes them, everything else as neutralised text. */
export function csvSliceSql(table: string, columns: readonly ExportColumn[], from: number, to: number): string {
  const list = columns.map((c) => (isNumericType(c.type) ? quoteIdent(c.name) : `${neutralised(c.name)} AS ${quoteIdent(c.name)}`));
  return `SELECT ${list.join(', ')} FROM ${quoteIdent(table)} ${rowsBetween(from, to)} ORDER BY rowid`;
}

/** DuckDB's COPY options for the CSV's body: no header (written apart, neutralised), CRLF, NULL as an empty field. */
export const CSV_COPY_OPTIONS = "FORMAT csv, HEADER false, NEW_LINE '\\r\\n', NULLSTR ''";

/** Rows [from, to) of the result for the spreadsheet and Parquet: every value as DuckDB's own text, so no digit is lost. */
export function textSliceSql(table: string, columns: readonly ExportColumn[], from: number, to: number): string {
  const list = columns.map((c, i) => `CAST(${quoteIdent(c.name)} AS VARCHAR) AS c${i}`);
  return `SELECT ${list.join(', ')} FROM ${quoteIdent(table)} ${rowsBetween(from, to)} ORDER BY rowid`;
}


/** How a DuckDB type's values are written in a spreadsheet cell. */
export function cellKind(type: string): CellKind {
  const t = type.trim().toUpperCase();
  if (isNumericType(t)) return 'number';
  if (t === 'DATE') return 'date';
  if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(t) || t === 'DATETIME') return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return 'text';
}
