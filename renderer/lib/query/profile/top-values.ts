// Query layer, pure: a column's most frequent values with their counts — nulls left out (the summary counts them)
// — ordered by count, then by value (in the column's own order: 9 before 10), so ties come out the same every time;
// and, from the same GROUP BY, the exact number of distinct values and of non-null values (windows over the
// groups, before the LIMIT).
import type { Table } from 'apache-arrow';
import { quoteIdent } from '../quote.ts';
import { num, plain, type ProfileColumn } from './columns.ts';

export const TOP_VALUES = 10;

export interface TopValue {
  /** The value as DuckDB writes it (dates YYYY-MM-DD, booleans true/false). */
  text: string;
  /** Numbers only: the value itself, for the house number format. */
  number: number | null;
  count: number;
}

export interface TopValues {
  /** Distinct non-null values, exact. */
  distinct: number;
  /** Rows with a value (not null). */
  nonNull: number;
  values: TopValue[];
}

export function topValuesSql(table: string, column: ProfileColumn, limit = TOP_VALUES): string {
  const c = quoteIdent(column.name);
  const number = column.kind === 'number' ? `${c}::DOUBLE` : 'NULL::DOUBLE';
  return `SELECT ${c}::VARCHAR AS "text", ${number} AS "number", count(*) AS "count", count(*) OVER () AS "distinct", sum(count(*)) OVER () AS "nonNull"
FROM ${quoteIdent(table)}
WHERE ${c} IS NOT NULL
GROUP BY ${c}
ORDER BY "count" DESC, ${c} ASC
LIMIT ${Math.max(1, Math.floor(limit))}`;
}

export function readTopValues(result: Table): TopValues {
  const distinct = num(result.getChild('distinct')?.get(0)) ?? 0;
  const nonNull = num(result.getChild('nonNull')?.get(0)) ?? 0;
  const text = result.getChild('text');
  const number = result.getChild('number');
  const count = result.getChild('count');
  const values = Array.from({ length: result.numRows }, (_, i) => ({
    text: String(plain(text?.get(i)) ?? ''),
    number: num(number?.get(i)),
    count: num(count?.get(i)) ?? 0,
  }));
  return { distinct, nonNull, values };
}
