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

/**
 * Columns of one type beyond this many are converted together (see importSelectSql); up to it, each column has its
 * own expressions, which run about three times faster per row.
 */
export const INLINE_COLUMNS_PER_TYPE = 8;

/**
 * The SELECT that makes the imported rows from the text relation: each column converted, followed by its status
 * column. Many columns of one type are converted together: their cells are gathered into one list per row and
 * converted by one lambda, so the conversion's expressions (and the regular expressions DuckDB compiles for them)
 * are written once per type, not once per column — per column, a file of a hundred number columns exhausted the
 * engine's memory.
 */
export function importSelectSql(relation: string, columns: ColumnPlan[], style: NumberStyle): string {
  const groups = new Map<string, ColumnPlan[]>();
  for (const c of columns) {
    if (c.type === 'VARCHAR') continue;
    const key = `${c.type} ${c.dates}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const listed = new Map<ColumnPlan, { list: string; index: number }>();
  const lists = [...groups.values()]
    .filter((group) => group.length > INLINE_COLUMNS_PER_TYPE)
    .map((group, g) => {
      const list = quoteIdent(`__import_group_${g}`);
      group.forEach((c, i) => listed.set(c, { list, index: i + 1 }));
      const { type, dates } = group[0]!;
      const cells = group.map((c) => quoteIdent(c.source)).join(', ');
      return `list_transform([${cells}], lambda x: struct_pack(v := ${convertSql('x', type, style, dates)}, s := ${statusSql('x', type, style, dates)})) AS ${list}`;
    });
  const status = statusColumns(columns);
  const items = columns.flatMap((c) => {
    const col = quoteIdent(c.source);
    const name = quoteIdent(c.name);
    if (c.type === 'VARCHAR') return [`${col} AS ${name}`];
    const s = quoteIdent(status.get(c.name)!);
    const at = listed.get(c);
    if (!at) return [`${convertSql(col, c.type, style, c.dates)} AS ${name}`, `${statusSql(col, c.type, style, c.dates)} AS ${s}`];
    const cell = `list_extract(${at.list}, ${at.index})`;
    return [`struct_extract(${cell}, 'v') AS ${name}`, `struct_extract(${cell}, 's') AS ${s}`];
  });
  const from = lists.length > 0 ? `(SELECT *, ${lists.join(', ')} FROM ${relation})` : relation;
  return `SELECT\n  ${items.join(',\n  ')}\nFROM ${from}`;
}

/** CREATE TABLE for the import (a new name: an existing table is never replaced by an import). */
export function createImportedTableSql(table: string, relation: string, columns: ColumnPlan[], style: NumberStyle): string {
  return `CREATE TABLE ${quoteIdent(table)} AS ${importSelectSql(relation, columns, style)}`;
}

/** The preview: the first rows as they will be imported. */
export function previewSql(relation: string, columns: ColumnPlan[], style: NumberStyle, rows: number): string {
  return `${importSelectSql(relation, columns, style)}\nLIMIT ${Math.max(0, Math.floor(rows))}`;
}
