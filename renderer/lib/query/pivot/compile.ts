// Query layer, pure: compiles a PivotSpec and its source's schema into DuckDB SQL. Every level of subtotals and
// totals comes from one GROUPING SETS query (row prefixes × column prefixes), so the table, its subtotals and
// its totals are one consistent computation. Additive aggregates are first reduced to a small "base" aggregate
// at the finest grain, which re-arranging fields (rows ↔ columns, order) reuses instead of rescanning the data.
// Every identifier and literal is quoted: a field called `"; DROP TABLE x; --` is just a field.
import { isNumericType } from '../duckdb-types.ts';
import { quoteIdent, quoteLiteral } from '../quote.ts';
import { fieldOptions, type Aggregate, type PivotFilter, type PivotSource, type PivotSpec, type PivotValue } from './spec.ts';
import type { FieldSchema } from './types.ts';

/** Re-exported for the pivot's callers, which ask it of their source's columns. */
export { isNumericType };

/** Aggregates that can be re-aggregated from partial results (so a base aggregate can serve every layout). */
const ADDITIVE: ReadonlySet<Aggregate> = new Set(['count', 'sum', 'avg', 'min', 'max']);

export interface PivotPlan {
  /** Fields grouped (rows then columns), as named in the source. */
  rowFields: string[];
  columnFields: string[];
  valueCount: number;
  /** When set, the base aggregate to create (once) before `sql`; `baseKey` identifies it for reuse. */
  base: { key: string; sql: (table: string) => string } | null;
  /** The pivot query; with a base, it reads the base table named by the runner. */
  sql: (baseTable: string | null) => string;
}

/** The pivot's source as something to select FROM: a quoted table, or the saved query as a subquery. */
export function sourceSql(source: PivotSource): string {
  // On lines of their own, so a saved query ending in a -- comment cannot swallow the closing parenthesis.
  return source.kind === 'table' ? quoteIdent(source.table) : `(\n${source.sql.replace(/;\s*$/, '')}\n)`;
}

function filterSql(f: PivotFilter): string | null {
  const col = quoteIdent(f.field);
  const nonNull = f.values.filter((v) => v !== null);
  const list = nonNull.map(quoteLiteral).join(', ');
  const hasNull = nonNull.length !== f.values.length;
  const one = () => quoteLiteral(f.values[0] ?? null);
  switch (f.op) {
    case 'in':
      if (f.values.length === 0) return null; // nothing chosen yet: no restriction
      return [list ? `${col} IN (${list})` : null, hasNull ? `${col} IS NULL` : null].filter(Boolean).join(' OR ');
    case 'not_in':
      if (f.values.length === 0) return null;
      return [list ? `(${col} NOT IN (${list}) OR ${col} IS NULL)` : 'TRUE', hasNull ? `${col} IS NOT NULL` : null].filter(Boolean).join(' AND ');
    case 'eq': return `${col} = ${one()}`;
    case 'neq': return `${col} IS DISTINCT FROM ${one()}`;
    case 'lt': return `${col} < ${one()}`;
    case 'lte': return `${col} <= ${one()}`;
    case 'gt': return `${col} > ${one()}`;
    case 'gte': return `${col} >= ${one()}`;
    case 'between': return `${col} BETWEEN ${quoteLiteral(f.values[0] ?? null)} AND ${quoteLiteral(f.values[1] ?? null)}`;
    case 'contains': return `contains(lower(CAST(${col} AS VARCHAR)), lower(${quoteLiteral(String(f.values[0] ?? ''))}))`;
    case 'is_null': return `${col} IS NULL`;
    case 'not_null': return `${col} IS NOT NULL`;
  }
}

/** The pivot's filters (and hidden NULL groups) as one condition, without WHERE; '' when nothing is filtered. */
export function pivotCondition(spec: PivotSpec): string {
  const parts = spec.filters.map(filterSql).filter((p): p is string => p !== null).map((p) => `(${p})`);
  if (spec.nulls === 'hide') for (const f of [...spec.rows, ...spec.columns]) parts.push(`${quoteIdent(f)} IS NOT NULL`);
  return parts.join(' AND ');
}

function whereSql(spec: PivotSpec): string {
  const condition = pivotCondition(spec);
  return condition ? `WHERE ${condition}` : '';
}

/** The aggregate over the raw input column `x` (a quoted identifier, or null for "records"). */
function rawAggregate(aggregate: Aggregate, x: string | null): string {
  const arg = x ?? '*';
  switch (aggregate) {
    case 'count': return x ? `count(${x})` : 'count(*)';
    case 'count_distinct': return `count(DISTINCT ${arg})`;
    case 'sum': return `sum(${arg})`;
    case 'avg': return `avg(${arg})`;
    case 'min': return `min(${arg})`;
    case 'max': return `max(${arg})`;
    case 'median': return `median(${arg})`;
  }
}

function checkValues(values: PivotValue[], schema: FieldSchema[]): void {
  for (const v of values) {
    if (v.field === null) {
      if (v.aggregate !== 'count') throw new Error(`"${v.label}": only Count can be taken of records; choose a field for ${v.aggregate}.`);
      continue;
    }
    const col = schema.find((c) => c.name === v.field);
    if (!col) throw new Error(`The field "${v.field}" is not in the source.`);
    if (!['count', 'count_distinct'].includes(v.aggregate) && !isNumericType(col.type)) {
      throw new Error(`"${v.label}" needs a numeric field, but "${v.field}" is ${col.type}. Use Count or Count distinct instead.`);
    }
  }
}

/**
 * Top-N fields: a ranking CTE each, joined back so items outside the top N become "Other" (or are left out).
 * An inner field ranks within each group of the fields before it on its axis (the top 3 nationalities within each
 * year), as Excel's Top 10 filter does; each ranking sees the "Other" groups and exclusions of the ones before it.
 */
function topNParts(spec: PivotSpec): { ctes: string[]; joins: string[]; expr: Map<string, string>; where: string[] } {
  const ctes: string[] = [];
  const joins: string[] = [];
  const where: string[] = [];
  const expr = new Map<string, string>();
  const exprOf = (f: string) => expr.get(f) ?? `src.${quoteIdent(f)}`;
  let i = 0;
  for (const axis of [spec.rows, spec.columns]) {
    axis.forEach((field, at) => {
      const top = fieldOptions(spec, field).topN;
      const rank = top ? spec.values[top.value] : undefined;
      if (!top || !rank) return;
      const t = `top${i++}`;
      const col = quoteIdent(field);
      const by = rawAggregate(rank.aggregate, rank.field === null ? null : `src.${quoteIdent(rank.field)}`);
      const parents = axis.slice(0, at).map(exprOf);
      const heads = [...parents.map((p, j) => `${p} AS p${j}`), `src.${col} AS k`].join(', ');
      const partition = parents.length ? `PARTITION BY ${parents.join(', ')} ` : '';
      const from = `FROM src ${joins.join(' ')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      ctes.push(
        `${t} AS (SELECT ${heads}, TRUE AS hit ${from} GROUP BY ${[...parents, `src.${col}`].join(', ')} ` +
          `QUALIFY row_number() OVER (${partition}ORDER BY ${by} DESC NULLS LAST, src.${col} ASC NULLS LAST) <= ${top.n})`,
      );
      const on = [`src.${col} IS NOT DISTINCT FROM ${t}.k`, ...parents.map((p, j) => `${p} IS NOT DISTINCT FROM ${t}.p${j}`)];
      joins.push(`LEFT JOIN ${t} ON ${on.join(' AND ')}`);
      if (top.other) expr.set(field, `CASE WHEN ${t}.hit THEN CAST(src.${col} AS VARCHAR) ELSE 'Other' END`);
      else where.push(`${t}.hit`);
    });
  }
  return { ctes, joins, expr, where };
}

function groupingSets(rows: string[], cols: string[]): string {
  const sets: string[] = [];
  for (let i = rows.length; i >= 0; i--) {
    for (let j = cols.length; j >= 0; j--) sets.push(`(${[...rows.slice(0, i), ...cols.slice(0, j)].join(', ')})`);
  }
  return `GROUPING SETS (${sets.join(', ')})`;
}

const depth = (names: string[]) => (names.length ? names.map((n) => `(1 - GROUPING(${n}))`).join(' + ') : '0');

/**
 * What the pivot's SQL depends on. Two specs with the same key give the same query result, so show-as, labels,
 * sorting, subtotal and total switches and collapsing only need a new layout of the result already fetched.
 */
export function queryKey(spec: PivotSpec): string {
  const topN = Object.fromEntries([...spec.rows, ...spec.columns].map((f) => [f, fieldOptions(spec, f).topN]));
  const values = spec.values.map((v) => [v.field, v.aggregate]);
  return JSON.stringify([spec.source, spec.rows, spec.columns, values, spec.filters, spec.nulls, topN]);
}

/**
 * The records a pivot groups, as SQL pieces: `prelude` (WITH src … and the top-N rankings), `from` (FROM src with
 * the rankings joined, records a top-N leaves out dropped) and each grouped field's expression ("Other" included).
 */
export function pivotRecords(spec: PivotSpec): { prelude: string; from: string; fieldExpr: (f: string) => string } {
  const top = topNParts(spec);
  return {
    prelude: `WITH src AS (SELECT * FROM ${sourceSql(spec.source)} ${whereSql(spec)})${top.ctes.map((c) => `, ${c}`).join('')}`,
    from: `FROM src ${top.joins.join(' ')} ${top.where.length ? `WHERE ${top.where.join(' AND ')}` : ''}`,
    fieldExpr: (f) => top.expr.get(f) ?? `src.${quoteIdent(f)}`,
  };
}

export function checkFields(spec: PivotSpec, schema: FieldSchema[]): void {
  for (const f of [...spec.rows, ...spec.columns, ...spec.filters.map((x) => x.field)]) {
    if (!schema.some((c) => c.name === f)) throw new Error(`The field "${f}" is not in the source.`);
  }
}

export function compilePivot(spec: PivotSpec, schema: FieldSchema[]): PivotPlan {
  checkValues(spec.values, schema);
  checkFields(spec, schema);
  const groupFields = [...spec.rows, ...spec.columns];
  const { prelude, from, fieldExpr } = pivotRecords(spec);
  const r = spec.rows.map((_, i) => `r${i}`);
  const c = spec.columns.map((_, i) => `c${i}`);
  const heads = `${[...r, ...c].map((n) => `${n}, `).join('')}(${depth(r)})::INTEGER AS row_depth, (${depth(c)})::INTEGER AS col_depth`;
  const valueIn = (v: PivotValue) => (v.field === null ? null : `src.${quoteIdent(v.field)}`);

  if (!spec.values.every((v) => ADDITIVE.has(v.aggregate))) {
    const sql = directSql(spec, prelude, from, fieldExpr, heads, r, c);
    return { rowFields: spec.rows, columnFields: spec.columns, valueCount: spec.values.length, base: null, sql };
  }

  // Base aggregate at the finest grain: one column per grouped field (in a canonical order, so rows ↔ columns
  // moves keep the same base) and partial aggregates per value.
  const canonical = [...groupFields].sort();
  const g = (f: string) => `g${canonical.indexOf(f)}`;
  const partials: string[] = [];
  const finals: string[] = [];
  spec.values.forEach((v, k) => {
    const x = valueIn(v);
    if (v.aggregate === 'avg') {
      partials.push(`sum(${x}) AS p${k}s`, `count(${x}) AS p${k}n`);
      finals.push(`CAST(sum(p${k}s) AS DOUBLE) / NULLIF(sum(p${k}n), 0) AS v${k}`);
    } else {
      partials.push(`${rawAggregate(v.aggregate, x)} AS p${k}`);
      const outer = v.aggregate === 'min' ? 'min' : v.aggregate === 'max' ? 'max' : 'sum';
      // An empty (filtered) source leaves the base empty, but the grand total's () set still yields a row, where
      // sum() of no counts is NULL: a count there is 0, as count(*) gives on the direct path.
      const total = v.aggregate === 'count' ? `coalesce(sum(p${k}), 0)` : `${outer}(p${k})`;
      finals.push(`CAST(${total} AS DOUBLE) AS v${k}`);
    }
  });
  const baseSelect = `${prelude}\nSELECT ${[...canonical.map((f) => `${fieldExpr(f)} AS ${g(f)}`), ...partials].join(', ')}\n${from}\n${canonical.length ? 'GROUP BY ALL' : ''}`;
  const key = JSON.stringify({ prelude, from, canonical, partials });
  return {
    rowFields: spec.rows,
    columnFields: spec.columns,
    valueCount: spec.values.length,
    base: { key, sql: (table) => `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS\n${baseSelect}` },
    sql: (table) => {
      if (!table) throw new Error('This pivot reads a base aggregate; pass its table name.');
      const cols = [...spec.rows.map((f, i) => `${g(f)} AS r${i}`), ...spec.columns.map((f, i) => `${g(f)} AS c${i}`)];
      return (
        `SELECT ${heads}, ${finals.join(', ')}\n` +
        `FROM (SELECT ${[...cols, ...spec.values.flatMap((v, k) => (v.aggregate === 'avg' ? [`p${k}s`, `p${k}n`] : [`p${k}`]))].join(', ')} FROM ${quoteIdent(table)}) AS b\n` +
        `GROUP BY ${groupingSets(r, c)}`
      );
    },
  };
}

/** The non-additive path: GROUPING SETS straight over the (filtered) source. */
function directSql(
  spec: PivotSpec,
  prelude: string,
  from: string,
  fieldExpr: (f: string) => string,
  heads: string,
  r: string[],
  c: string[],
): (t: string | null) => string {
  const inner = [
    ...spec.rows.map((f, i) => `${fieldExpr(f)} AS r${i}`),
    ...spec.columns.map((f, i) => `${fieldExpr(f)} AS c${i}`),
    ...spec.values.map((v, k) => `${v.field === null ? 'NULL' : `src.${quoteIdent(v.field)}`} AS x${k}`),
  ];
  const aggs = spec.values.map((v, k) => `CAST(${rawAggregate(v.aggregate, v.field === null ? null : `x${k}`)} AS DOUBLE) AS v${k}`);
  return () => `${prelude}\nSELECT ${heads}, ${aggs.join(', ')}\nFROM (SELECT ${inner.join(', ')} ${from}) AS g\nGROUP BY ${groupingSets(r, c)}`;
}
