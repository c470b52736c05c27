// Query layer, pure: infers each imported column's type from its text, in one SQL scan of a sample. A column becomes
// a number, date or true/false only when EVERY non-empty cell reads as one (shorthand such as [c] aside), and stays
// text when any value would be lost or changed by a conversion (codes with leading zeros, a few words among numbers).
// The analyst sees the counts and may choose another type; cells that then do not convert are kept in a status column.
import type { Table } from 'apache-arrow';
import { quoteIdent } from '../quote.ts';
import { cellTests, type DateStyle, type ImportType, type NumberStyle } from './text-sql.ts';

/** The counts one column's inference rests on (over the sample). */
export interface ColumnCounts {
  /** Non-empty cells that are not shorthand. */
  values: number;
  markers: number;
  /** Figures followed by a marker ("12 [p]"). */
  suffixed: number;
  integers: number;
  decimals: number;
  leadingZeros: number;
  isoDates: number;
  dmyDates: number;
  timestamps: number;
  booleans: number;
}

export interface ColumnGuess {
  type: ImportType;
  dates: DateStyle;
  counts: ColumnCounts;
  /** Why a column that looks numeric was kept as text, for the preview's warning. */
  keptAsText: 'mixed' | 'leading-zeros' | null;
}

const KEYS = ['values', 'markers', 'suffixed', 'integers', 'decimals', 'leadingZeros', 'isoDates', 'dmyDates', 'timestamps', 'booleans'] as const;

/**
 * The cells inference looks at, at most: a sample of 50,000 rows of a narrow file, fewer rows of a wide one — 5,000
 * columns are judged on their first 1,000 rows.
 */
export const SAMPLE_CELLS = 5_000_000;

/** The rows of a file with `columns` columns that inference samples. */
export const sampleRows = (columns: number): number => Math.max(1_000, Math.min(50_000, Math.floor(SAMPLE_CELLS / Math.max(1, columns))));

/**
 * One scan counting, for each (text) column, how many cells read as each type. The columns are unpivoted into one
 * (name, value) stream so the counting expressions are written once: written per column, their working vectors grow
 * with the column count until a few hundred columns exhaust the engine's memory.
 */
export function inferSql(relation: string, columns: string[], style: NumberStyle): string {
  const t = cellTests('v', style);
  // The type tests need no "is a value" guard: an empty cell or a shorthand marker passes none of them (the markers
  // are bracketed or punctuation, checked in infer.test.ts), and each guard costs a scan of the text.
  const counts: Record<(typeof KEYS)[number], string> = {
    values: `NOT ${t.empty} AND NOT ${t.marker}`,
    markers: `NOT ${t.empty} AND ${t.marker}`,
    suffixed: t.suffix,
    integers: t.integer,
    decimals: t.decimal,
    leadingZeros: t.leadingZero,
    isoDates: t.isoDate,
    dmyDates: t.dmyDate,
    timestamps: t.timestamp,
    booleans: t.boolean,
  };
  const list = columns.map(quoteIdent).join(', ');
  const aggregates = KEYS.map((k) => `count(*) FILTER (WHERE ${counts[k]})::DOUBLE AS "${k}"`).join(', ');
  return `SELECT name, ${aggregates} FROM (UNPIVOT (SELECT ${list} FROM ${relation}) ON ${list} INTO NAME name VALUE v) GROUP BY name`;
}

/** The counts of each column, from inferSql's result (a column with no value at all has no row: all zero). */
export function readCounts(table: Table, columns: string[]): ColumnCounts[] {
  const rows = new Map<string, ColumnCounts>();
  for (let r = 0; r < table.numRows; r++) {
    const counts = Object.fromEntries(KEYS.map((k) => [k, Number(table.getChild(k)?.get(r) ?? 0)])) as unknown as ColumnCounts;
    rows.set(String(table.getChild('name')?.get(r)), counts);
  }
  const none = Object.fromEntries(KEYS.map((k) => [k, 0])) as unknown as ColumnCounts;
  return columns.map((c) => rows.get(c) ?? none);
}

/** The type a column's counts support (see the module comment for the rule). */
export function guessType(counts: ColumnCounts): ColumnGuess {
  const { values: n } = counts;
  const guess = (type: ImportType, dates: DateStyle = 'iso', keptAsText: ColumnGuess['keptAsText'] = null): ColumnGuess => ({ type, dates, counts, keptAsText });
  if (n === 0) return guess(counts.markers > 0 ? 'BIGINT' : 'VARCHAR');
  if (counts.leadingZeros > 0 && counts.decimals === n) return guess('VARCHAR', 'iso', 'leading-zeros');
  if (counts.integers === n) return guess('BIGINT');
  if (counts.decimals === n) return guess('DOUBLE');
  if (counts.isoDates === n) return guess('DATE');
  if (counts.dmyDates === n) return guess('DATE', 'dmy');
  if (counts.timestamps === n) return guess('TIMESTAMP');
  if (counts.booleans === n) return guess('BOOLEAN');
  return guess('VARCHAR', 'iso', counts.decimals >= n / 2 ? 'mixed' : null);
}

/** How many of a column's values convert to `type` (the rest go to its status column). */
export function convertible(counts: ColumnCounts, type: ImportType, dates: DateStyle): number {
  switch (type) {
    case 'VARCHAR':
      return counts.values;
    case 'BIGINT':
      return counts.integers;
    case 'DOUBLE':
      return counts.decimals;
    case 'DATE':
      return dates === 'dmy' ? counts.dmyDates : counts.isoDates;
    case 'TIMESTAMP':
      return counts.timestamps;
    case 'BOOLEAN':
      return counts.booleans;
  }
}
