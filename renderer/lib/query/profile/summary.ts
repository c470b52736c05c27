// Query layer, pure: the summary of every column of a table in one scan — rows, non-null values, and for numbers,
// dates and timestamps min/max (numbers also the mean and median) — and its reader into small plain objects.
// Distinct counts are not here: they are exact, and come with each column's top values (top-values.ts), whose
// GROUP BY has every distinct value anyway; a count(DISTINCT) here would build the same hash table a second time
// (measured on 1M rows × 8 columns: the summary took 3× as long with it). Min/max of text is left out too: string
// comparisons made it the slowest part of the scan, and the top values say more about text than its min and max.
// For the same reason text columns are not counted here: count(text) reads every string (a third of the summary's
// time on 1M rows), so their non-null count comes with their top values, from the GROUP BY that reads them anyway.
import type { Table } from 'apache-arrow';
import { quoteIdent } from '../quote.ts';
import { num, plain, scaleExpr, type ProfileColumn } from './columns.ts';

export interface ColumnSummary extends ProfileColumn {
  rows: number;
  /** Null for text columns: counted with their top values (see top-values.ts). */
  nonNull: number | null;
  nulls: number | null;
  /** Numbers as numbers; dates and timestamps as DuckDB writes them (YYYY-MM-DD); null when every value is null or for other kinds. */
  min: number | string | null;
  max: number | string | null;
  /** Min and max on the column's number scale (see scaleExpr), for histogram bins; null for other kinds. */
  lo: number | null;
  hi: number | null;
  /** Numbers only: the exact mean as a double, and the median (quantile_cont: the mean of the middle two of an even count). */
  mean: number | null;
  median: number | null;
}

export interface TableSummary {
  rows: number;
  columns: ColumnSummary[];
}

const alias = (i: number, what: string) => quoteIdent(`c${i}_${what}`);

export function summarySql(table: string, columns: readonly ProfileColumn[]): string {
  const parts = ['count(*) AS "rows"'];
  columns.forEach((col, i) => {
    const c = quoteIdent(col.name);
    if (col.kind !== 'text') parts.push(`count(${c}) AS ${alias(i, 'n')}`);
    if (col.kind === 'number') {
      parts.push(`min(${c})::DOUBLE AS ${alias(i, 'min')}`, `max(${c})::DOUBLE AS ${alias(i, 'max')}`);
      parts.push(`avg(${c})::DOUBLE AS ${alias(i, 'mean')}`, `quantile_cont(${c}, 0.5)::DOUBLE AS ${alias(i, 'median')}`);
    } else if (col.kind === 'date' || col.kind === 'timestamp') {
      parts.push(`min(${c})::VARCHAR AS ${alias(i, 'min')}`, `max(${c})::VARCHAR AS ${alias(i, 'max')}`);
    }
    const scale = col.kind === 'number' ? null : scaleExpr(col);
    if (scale) parts.push(`min(${scale})::DOUBLE AS ${alias(i, 'lo')}`, `max(${scale})::DOUBLE AS ${alias(i, 'hi')}`);
  });
  return `SELECT\n  ${parts.join(',\n  ')}\nFROM ${quoteIdent(table)}`;
}

export function readSummary(result: Table, columns: readonly ProfileColumn[]): TableSummary {
  const get = (name: string) => result.getChild(name)?.get(0) as unknown;
  const rows = num(get('rows')) ?? 0;
  return {
    rows,
    columns: columns.map((col, i) => {
      const nonNull = col.kind === 'text' ? null : (num(get(`c${i}_n`)) ?? 0);
      const min = plain(get(`c${i}_min`));
      const max = plain(get(`c${i}_max`));
      const numeric = col.kind === 'number';
      return {
        ...col,
        rows,
        nonNull,
        nulls: nonNull === null ? null : rows - nonNull,
        min,
        max,
        lo: numeric ? (min as number | null) : num(get(`c${i}_lo`)),
        hi: numeric ? (max as number | null) : num(get(`c${i}_hi`)),
        mean: numeric ? num(get(`c${i}_mean`)) : null,
        median: numeric ? num(get(`c${i}_median`)) : null,
      };
    }),
  };
}
