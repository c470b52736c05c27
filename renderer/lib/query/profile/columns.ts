// Query layer, pure: what a column profile computes for each kind of column. The kind comes from the type name
// DESCRIBE reports; "is this a number" is the pivot's own rule (isNumericFieldType), not a second one.
import type { Table } from 'apache-arrow';
import { isNumericFieldType } from '../pivot/parse.ts';
import { quoteIdent } from '../quote.ts';

/** number: mean, median, histogram; date/timestamp: histogram over time; nested: counts only (no min/max). */
export type ColumnKind = 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'nested' | 'other';

export interface ProfileColumn {
  name: string;
  /** DuckDB's type name, as DESCRIBE reports it (INTEGER, VARCHAR, DECIMAL(10,2)…). */
  type: string;
  kind: ColumnKind;
}

export function columnKind(type: string): ColumnKind {
  const t = type.trim().toUpperCase();
  if (isNumericFieldType(t)) return 'number';
  if (t === 'DATE') return 'date';
  if (/^TIMESTAMP/.test(t)) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  if (/\]$/.test(t) || /^(STRUCT|MAP|UNION)\b/.test(t)) return 'nested';
  if (t === 'VARCHAR' || /^ENUM\(/.test(t)) return 'text';
  return 'other';
}

/** The columns of a table (or any relation), by DESCRIBE: column_name, column_type. */
export function describeSql(table: string): string {
  return `DESCRIBE SELECT * FROM ${quoteIdent(table)}`;
}

export function readColumns(result: Table): ProfileColumn[] {
  const names = result.getChild('column_name');
  const types = result.getChild('column_type');
  return Array.from({ length: result.numRows }, (_, i) => {
    const type = String(types?.get(i));
    return { name: String(names?.get(i)), type, kind: columnKind(type) };
  });
}

/** The column's value as a number on its own scale: numbers as DOUBLE, dates as days and timestamps as seconds since 1970. */
export function scaleExpr(column: ProfileColumn): string | null {
  const c = quoteIdent(column.name);
  if (column.kind === 'number') return `${c}::DOUBLE`;
  if (column.kind === 'date') return `(${c} - DATE '1970-01-01')`;
  if (column.kind === 'timestamp') return `epoch(${c})`;
  return null;
}

/** A plain JS value from Arrow: numbers (BIGINT arrives as a number: the engine casts it), text, or null. */
export function plain(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

export function num(v: unknown): number | null {
  const p = plain(v);
  return typeof p === 'number' ? p : p === null ? null : Number(p);
}
