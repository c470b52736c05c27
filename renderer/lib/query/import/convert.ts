// Query layer, pure: the statement that creates an imported table from its text (a staging table or read_csv), with
// each column under the analyst's name and type. A column that is not text gets a companion status column holding
// every cell that is not a plain value — shorthand ([c]), a trailing marker ("[p]") or text that did not convert — so
// the number column stays numeric and nothing in the file is lost; status columns that end up empty are dropped.
import { quoteIdent } from '../quote.ts';
import { convertSql, statusSql, type DateStyle, type ImportType, type NumberStyle } from './text-sql.ts';

/** One column as it will be created. */
export interface ColumnPlan {
  /** The column in the text relation (staging name). */
  source: string;
  /** Its name in the new table. */
  name: string;
  type: ImportType;
  dates: DateStyle;
}

/** The companion status column's name: "referrals_status" beside snake_case names, "Referrals (status)" beside others. */
export function statusColumnName(name: string, taken: ReadonlySet<string>): string {
  const base = /^[a-z0-9_]+$/i.test(name) ? `${name}_status` : `${name} (status)`;
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${base} ${n}`;
  return candidate;
}

/** The status column of each non-text column, keyed by the column's name. */
export function statusColumns(columns: ColumnPlan[]): Map<string, string> {
  const taken = new Set(columns.map((c) => c.name.toLowerCase()));
  const names = new Map<string, string>();
  for (const c of columns) {
    if (c.type === 'VARCHAR') continue;
    const status = statusColumnName(c.name, taken);
    taken.add(status.toLowerCase());
    names.set(c.name, status);
  }
  return names;
}

/** The select list: each column converted, followed by its status column. */
export function selectList(columns: ColumnPlan[], style: NumberStyle): string {
  const status = statusColumns(columns);
  return columns
    .flatMap((c) => {
      const col = quoteIdent(c.source);
      const value = `${convertSql(col, c.type, style, c.dates)} AS ${quoteIdent(c.name)}`;
      const s = status.get(c.name);
      return s ? [value, `${statusSql(col, c.type, style, c.dates)} AS ${quoteIdent(s)}`] : [value];
    })
    .join(',\n  ');
}

/** CREATE TABLE for the import (a new name: an existing table is never replaced by an import). */
export function createImportedTableSql(table: string, relation: string, columns: ColumnPlan[], style: NumberStyle): string {
  return `CREATE TABLE ${quoteIdent(table)} AS SELECT\n  ${selectList(columns, style)}\nFROM ${relation}`;
}

/** The preview: the first rows as they will be imported. */
export function previewSql(relation: string, columns: ColumnPlan[], style: NumberStyle, rows: number): string {
  return `SELECT\n  ${selectList(columns, style)}\nFROM ${relation}\nLIMIT ${Math.max(0, Math.floor(rows))}`;
}
