// Query layer, pure: how wide a pivot's column axis would be, asked before the pivot runs. A pivot with 50,000
// column values is rarely what the analyst meant (a field dropped on the wrong axis), and laying it out is heavy,
// so past WIDE_COLUMNS the pivot asks first. Counting is kept cheap: each column field's distinct values are
// counted once (a one-column scan, remembered by the engine layer), and only when their product could pass the
// limit are the real combinations counted, with the pivot's own filters and top-N rankings.
import { quoteIdent } from '../quote.ts';
import { pivotCondition, pivotRecords, sourceSql } from './compile.ts';
import { fieldOptions, type PivotSpec } from './spec.ts';

/** Past this many column combinations (before subtotals, per value) a pivot asks before it runs. */
export const WIDE_COLUMNS = 1000;

/** What decides the column axis's combinations: the same key means the same count. */
export function columnAxisKey(spec: PivotSpec): string {
  const topN = Object.fromEntries([...spec.rows, ...spec.columns].map((f) => [f, fieldOptions(spec, f).topN]));
  return JSON.stringify([spec.source, spec.columns, spec.rows, pivotCondition(spec), topN]);
}

/** What decides one field's distinct values under the pivot's filters. */
export function fieldCountKey(spec: PivotSpec, field: string): string {
  return JSON.stringify([spec.source, field, pivotCondition(spec)]);
}

/** The distinct values of `field` in the filtered source, (blank) counted as one: column `n`. */
export function fieldCountSql(spec: PivotSpec, field: string): string {
  const col = quoteIdent(field);
  const condition = pivotCondition(spec);
  return `SELECT (count(DISTINCT ${col}) + coalesce(max(CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END), 0))::DOUBLE AS n FROM ${sourceSql(spec.source)}${condition ? ` WHERE ${condition}` : ''}`;
}

/**
 * At most how many combinations the column fields can make: the product of their counts, where a top-N field
 * has at most N (+1 for "Other") under each parent group.
 */
export function combinationBound(spec: PivotSpec, counts: number[]): number {
  return spec.columns.reduce((product, f, i) => {
    const top = fieldOptions(spec, f).topN;
    const n = counts[i] ?? 0;
    return product * (top ? Math.min(n, top.n + (top.other ? 1 : 0)) : n);
  }, 1);
}

/** The real number of column combinations the pivot would show (filters, blanks and top-N applied): column `n`. */
export function combinationCountSql(spec: PivotSpec): string {
  const { prelude, from, fieldExpr } = pivotRecords(spec);
  const heads = spec.columns.map((f, i) => `${fieldExpr(f)} AS c${i}`).join(', ');
  return `${prelude}, __pivot_columns AS (SELECT DISTINCT ${heads} ${from})\nSELECT count(*)::DOUBLE AS n FROM __pivot_columns`;
}
