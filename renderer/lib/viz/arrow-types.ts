// Visualisation layer, pure: names Arrow result types the way DuckDB users know them (INTEGER, VARCHAR…), and
// says which are numeric (right-aligned, tabular figures).
import type { DataType } from 'apache-arrow';

export function sqlTypeName(type: DataType): string {
  const s = String(type);
  if (/^Int8$/.test(s)) return 'TINYINT';
  if (/^Int16$/.test(s)) return 'SMALLINT';
  if (/^Int32$/.test(s)) return 'INTEGER';
  if (/^Int64$/.test(s)) return 'BIGINT';
  if (/^Uint/.test(s)) return s.toUpperCase();
  if (/^Float64$/.test(s)) return 'DOUBLE';
  if (/^Float(16|32)$/.test(s)) return 'FLOAT';
  if (/^(Large)?Utf8/.test(s)) return 'VARCHAR';
  if (/^Bool/.test(s)) return 'BOOLEAN';
  if (/^Date/.test(s)) return 'DATE';
  if (/^Timestamp/.test(s)) return 'TIMESTAMP';
  if (/^Time/.test(s)) return 'TIME';
  if (/^Decimal/.test(s)) return 'DECIMAL';
  if (/^(Large)?Binary/.test(s)) return 'BLOB';
  if (/^(Large)?List/.test(s)) return 'LIST';
  if (/^Struct/.test(s)) return 'STRUCT';
  return s.toUpperCase();
}

export function isNumericType(type: DataType): boolean {
  return /^(Int|Uint|Float|Decimal)/.test(String(type));
}

/** Dates and timestamps, which Arrow hands over as milliseconds since 1970: written as dates, never as numbers. */
export type TemporalKind = 'date' | 'timestamp';

export function temporalKind(type: DataType): TemporalKind | null {
  const s = String(type);
  if (/^Date/.test(s)) return 'date';
  if (/^Timestamp/.test(s)) return 'timestamp';
  return null;
}
