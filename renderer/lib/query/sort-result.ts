// Query logic, pure: a result sorted by a column header — its query run again inside ORDER BY (the engine sorts,
// never the page), NULLs last either way. Only a query that returns rows can be sorted so; DDL and other changes
// cannot, and are never run again.
import { quoteIdent } from './quote.ts';

export interface ResultSort {
  column: string;
  descending: boolean;
}

/** Whether `sql` (one statement) is a query whose rows can be sorted by running it inside ORDER BY. */
export function canSortResult(sql: string): boolean {
  const code = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  return /^(\(|select\b|with\b|from\b|values\b|table\b|pivot\b|unpivot\b)/i.test(code);
}

/** The next sort of a header clicked: ascending, then descending, then as the query gave it. */
export function nextSort(current: ResultSort | null, column: string): ResultSort | null {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}

/** `sql` sorted by the column (its own lines, so a trailing comment cannot swallow the closing bracket). */
export function sortedSql(sql: string, sort: ResultSort | null): string {
  if (!sort) return sql;
  return `SELECT * FROM (\n${sql}\n) AS sorted_result ORDER BY ${quoteIdent(sort.column)} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST`;
}
