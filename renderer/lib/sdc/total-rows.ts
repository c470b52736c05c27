// Disclosure-control layer, pure: totals a table carries in its own data — "Total" / "All ages" rows in a long
// table, a `total` column in a wide one. A pivot that summed them with the parts would count everything twice, and
// a published total that does not add up is a finding for the analyst, so this module recognises them, builds the
// SQL that checks them (run by the engine) and says the outcome in words. It builds SQL and reads results only.
import type { Table } from 'apache-arrow';
import { isNumericType } from '../query/duckdb-types.ts';
import { quoteIdent, quoteString } from '../query/quote.ts';

// One spelling for SQL (RE2) and JS, applied to lower-cased trimmed text. `\b` keeps "Totnes", "Alloa" and
// "Albania" out; "All other…" is a residual category, not a total, so it is excluded by name.
const TOTAL_LABEL = String.raw`^(grand total|totals?|all|overall|sum)$|^all\s|^totals?\b|\btotals?$`;
const NOT_TOTAL = String.raw`^all\s+others?\b`;
const totalRe = new RegExp(TOTAL_LABEL);
const notTotalRe = new RegExp(NOT_TOTAL);

/** Whether a cell value or (normalised) column name reads as a total. */
export function isTotalLabel(text: string): boolean {
  const t = text.trim().toLowerCase();
  return totalRe.test(t) && !notTotalRe.test(t);
}

const labelTestSql = (expr: string) =>
  `(regexp_matches(lower(trim(${expr})), ${quoteString(TOTAL_LABEL)}) AND NOT regexp_matches(lower(trim(${expr})), ${quoteString(NOT_TOTAL)}))`;
const asText = (column: string) => `CAST(${quoteIdent(column)} AS VARCHAR)`;
/** Tolerance for sums of DOUBLE/DECIMAL: exact integers compare exactly, 0.1 + 0.2 against 0.3 does not flag. */
const differs = (a: string, b: string) => `abs(${a} - ${b}) > 1e-9 * greatest(1, abs(${a}), abs(${b}))`;

function cell(table: Table, name: string, row: number): unknown {
  const v: unknown = table.getChild(name)?.get(row);
  return v === undefined ? null : v;
}
const num = (v: unknown): number | null => (v === null ? null : Number(v));
const scalar = (v: unknown): string | number | null =>
  v === null ? null : typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : String(v);

// ------------------------------------------------------------------------------------------------------------
// Total rows (long tables)

export interface TotalRowsFinding {
  column: string;
  /** The exact values that read as totals, as they appear in the data. */
  labels: string[];
  rows: number;
}

export interface TotalRowsMismatch {
  group: Record<string, string | number | null>;
  label: string;
  valueColumn: string;
  stated: number;
  sumOfParts: number;
  /** stated − sum of parts, as in reconcile.ts: positive means the parts fall short. */
  difference: number;
}

export interface TotalRowsCheck {
  column: string;
  labels: string[];
  /** Groups (× label) that have both a total row and other rows, so could be compared. */
  groupsChecked: number;
  mismatches: TotalRowsMismatch[];
  /** Groups with a total row but no other rows, or other rows but no total row: nothing to compare, never zero. */
  unmatched: Array<{ group: Record<string, string | number | null>; label: string | null; problem: 'no-parts' | 'no-total' }>;
  /** Comparisons skipped because the total or one of its parts is empty (NULL). */
  notCheckable: number;
  passes: boolean;
}

/** One query: for each text column, the distinct values that read as totals and how many rows carry them. */
export function totalRowsProbeSql(from: string, textColumns: string[]): string {
  if (textColumns.length === 0) return 'SELECT NULL::INTEGER AS i, NULL::VARCHAR AS c, NULL::VARCHAR AS v, 0::DOUBLE AS n WHERE false';
  const parts = textColumns.map(
    (c, i) =>
      `SELECT ${i} AS i, ${quoteString(c)} AS c, ${asText(c)} AS v, count(*)::DOUBLE AS n FROM ${from} WHERE ${labelTestSql(asText(c))} GROUP BY ${asText(c)}`,
  );
  return `SELECT i, c, v, n FROM (${parts.join(' UNION ALL ')}) ORDER BY i, v`;
}

export function readTotalRowsProbe(table: Table): TotalRowsFinding[] {
  const out: TotalRowsFinding[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const column = String(cell(table, 'c', r));
    let f = out.at(-1);
    if (f?.column !== column) out.push((f = { column, labels: [], rows: 0 }));
    f.labels.push(String(cell(table, 'v', r)));
    f.rows += num(cell(table, 'n', r)) ?? 0;
  }
  return out;
}

/** The other categorical and value columns, never the total-label column itself. */
const others = (finding: TotalRowsFinding, columns: string[]) => columns.filter((c) => c !== finding.column);
const isTotalRowSql = (f: TotalRowsFinding) => (f.labels.length ? `${asText(f.column)} IN (${f.labels.map(quoteString).join(', ')})` : 'FALSE');

/** Keeps the non-total rows (and rows with no label at all), for a pivot's filter. No WHERE. */
export function excludeTotalRowsCondition(finding: TotalRowsFinding): string {
  if (finding.labels.length === 0) return 'TRUE';
  return `(${quoteIdent(finding.column)} IS NULL OR ${asText(finding.column)} NOT IN (${finding.labels.map(quoteString).join(', ')}))`;
}

/**
 * Per combination of the other categorical columns (NULL is a group of its own) and per total label: the total
 * rows' sum and the other rows' sum for each value column, with counts of empty values so NULL is never read as 0.
 */
export function totalRowsCheckSql(from: string, finding: TotalRowsFinding, valueColumns: string[], groupColumns: string[]): string {
  const groups = others(finding, groupColumns);
  const values = others(finding, valueColumns);
  const gSel = groups.map((c, i) => `${quoteIdent(c)} AS g${i}`);
  const gBy = groups.length ? ` GROUP BY ${groups.map((_, i) => i + 1).join(', ')}` : '';
  const agg = (p: string) => values.flatMap((c, i) => [`sum(${quoteIdent(c)}::DOUBLE) AS ${p}${i}`, `(count(*) - count(${quoteIdent(c)}))::DOUBLE AS ${p}n${i}`]);
  const totals = `SELECT ${[...gSel, `${asText(finding.column)} AS label`, 'count(*)::DOUBLE AS n', ...agg('s')].join(', ')} FROM ${from} WHERE ${isTotalRowSql(finding)} GROUP BY ${[...groups.map((_, i) => i + 1), groups.length + 1].join(', ')}`;
  const parts = `SELECT ${[...gSel, 'count(*)::DOUBLE AS n', ...agg('p')].join(', ')} FROM ${from} WHERE NOT coalesce(${isTotalRowSql(finding)}, false)${gBy} HAVING count(*) > 0`;
  const on = ['TRUE', ...groups.map((_, i) => `t.g${i} IS NOT DISTINCT FROM p.g${i}`)].join(' AND ');
  const select = [
    ...groups.map((_, i) => `coalesce(t.g${i}, p.g${i}) AS g${i}`),
    't.label',
    'coalesce(t.n, 0) AS tn',
    'coalesce(p.n, 0) AS pn',
    ...values.flatMap((_, i) => [`t.s${i}`, `t.sn${i}`, `p.p${i}`, `p.pn${i}`]),
  ];
  const order = Array.from({ length: groups.length + 1 }, (_, i) => i + 1).join(', ');
  // CTE names a source table is unlikely to have: `from` is resolved inside them.
  return `WITH _tr_totals AS (${totals}), _tr_parts AS (${parts}) SELECT ${select.join(', ')} FROM _tr_totals t FULL JOIN _tr_parts p ON ${on} ORDER BY ${order}`;
}

export function readTotalRowsCheck(table: Table, finding: TotalRowsFinding, valueColumns: string[], groupColumns: string[]): TotalRowsCheck {
  const groups = others(finding, groupColumns);
  const values = others(finding, valueColumns);
  const check: TotalRowsCheck = { column: finding.column, labels: finding.labels, groupsChecked: 0, mismatches: [], unmatched: [], notCheckable: 0, passes: false };
  for (let r = 0; r < table.numRows; r++) {
    const group = Object.fromEntries(groups.map((c, i) => [c, scalar(cell(table, `g${i}`, r))]));
    const label = cell(table, 'label', r) === null ? null : String(cell(table, 'label', r));
    if (label === null || !num(cell(table, 'pn', r))) {
      check.unmatched.push({ group, label, problem: label === null ? 'no-total' : 'no-parts' });
      continue;
    }
    check.groupsChecked++;
    values.forEach((valueColumn, i) => {
      const stated = num(cell(table, `s${i}`, r));
      const sumOfParts = num(cell(table, `p${i}`, r));
      if (stated === null || sumOfParts === null || num(cell(table, `sn${i}`, r)) || num(cell(table, `pn${i}`, r))) {
        check.notCheckable++;
        return;
      }
      const difference = stated - sumOfParts;
      if (Math.abs(difference) > 1e-9 * Math.max(1, Math.abs(stated), Math.abs(sumOfParts)))
        check.mismatches.push({ group, label, valueColumn, stated, sumOfParts, difference });
    });
  }
  check.passes = check.groupsChecked > 0 && check.mismatches.length === 0 && check.unmatched.length === 0;
  return check;
}

const quoted = (labels: string[]) => labels.map((l) => `"${l}"`).join(' or ');
const groupText = (g: Record<string, string | number | null>) => Object.values(g).map((v) => (v === null ? '(blank)' : String(v))).join(' ');
const gapText = (difference: number, format: (n: number) => string) =>
  difference > 0 ? `${format(difference)} unaccounted for` : `${format(-difference)} more than stated`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** e.g. 'Rows labelled "Total" in age were left out so they are not counted twice; they match … in all 15 groups.' */
export function describeTotalRowsCheck(check: TotalRowsCheck, format: (n: number) => string): string {
  let text = `Rows labelled ${quoted(check.labels)} in ${check.column} were left out so they are not counted twice`;
  const bad = new Set(check.mismatches.map((m) => JSON.stringify([m.group, m.label])));
  if (check.groupsChecked === 0) text += '; there were no groups with both a total row and other rows to check them against.';
  else if (bad.size === 0) text += `; they match the sum of the other rows in ${check.groupsChecked === 1 ? 'the one group' : `all ${check.groupsChecked} groups`}.`;
  else {
    const listed = check.mismatches.slice(0, 3).map((m) => {
      const where = [groupText(m.group), m.valueColumn].filter(Boolean).join(' ');
      return `${where}, ${m.label} ${format(m.stated)} vs rows ${format(m.sumOfParts)} (${gapText(m.difference, format)})`;
    });
    const more = check.mismatches.length > 3 ? `, and ${check.mismatches.length - 3} more` : '';
    text += `; they differ in ${bad.size} of ${plural(check.groupsChecked, 'group')}: ${listed.join('; ')}${more}.`;
  }
  const noParts = check.unmatched.filter((u) => u.problem === 'no-parts');
  const noTotal = check.unmatched.filter((u) => u.problem === 'no-total');
  const example = (u: typeof check.unmatched) => (u[0] && groupText(u[0].group) ? ` (for example ${groupText(u[0].group)})` : '');
  if (noParts.length) text += ` ${plural(noParts.length, 'group has', 'groups have')} a total row but no other rows${example(noParts)}.`;
  if (noTotal.length) text += ` ${plural(noTotal.length, 'group has', 'groups have')} other rows but no total row${example(noTotal)}.`;
  if (check.notCheckable) text += ` ${plural(check.notCheckable, 'comparison')} could not be made because a value is empty.`;
  return text;
}

// ------------------------------------------------------------------------------------------------------------
// Total columns (wide tables)

export interface TotalColumn {
  total: string;
  parts: string[];
}

export interface TotalColumnCheck extends TotalColumn {
  rowsChecked: number;
  /** The first 20, by row number (1-based, in the source's order). */
  mismatches: Array<{ row: number; stated: number; sumOfParts: number; difference: number }>;
  mismatchCount: number;
  /** Rows whose total or one of its parts is empty (NULL): skipped, never counted as 0. */
  notCheckable: number;
  passes: boolean;
}

const KEY_NAMES = new Set(['year', 'quarter', 'month', 'week', 'day', 'date', 'period', 'id', 'code', 'rank', 'number', 'no', 'num']);
const KEY_SUFFIXES = new Set(['id', 'code', 'year', 'quarter', 'month', 'period', 'no']);
/** "total_referrals", "TotalReferrals", "All ages" → words, so the row-label rule applies to names too. */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
/** Keys and periods (year, quarter, id, code…): numbers that label rows, not quantities to add up. */
export const isKeyColumn = (name: string): boolean => KEY_NAMES.has(words(name)) || KEY_SUFFIXES.has(words(name).split(' ').at(-1) ?? '');

/** Numeric columns named like a total, with the other numeric non-key columns as their parts (at least 2). */
export function findTotalColumns(schema: Array<{ name: string; type: string }>): TotalColumn[] {
  const numeric = schema.filter((c) => isNumericType(c.type) && !isKeyColumn(c.name));
  const totals = numeric.filter((c) => isTotalLabel(words(c.name)));
  const parts = numeric.filter((c) => !totals.includes(c)).map((c) => c.name);
  return parts.length < 2 ? [] : totals.map((t) => ({ total: t.name, parts }));
}

export function totalColumnCheckSql(from: string, found: TotalColumn): string {
  const d = (c: string) => `${quoteIdent(c)}::DOUBLE`;
  const empty = [found.total, ...found.parts].map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ');
  const rows = `SELECT row_number() OVER () AS r, ${d(found.total)} AS t, (${found.parts.map(d).join(' + ')}) AS s, (${empty}) AS e FROM ${from}`;
  const bad = `NOT e AND ${differs('t', 's')}`;
  const summary = `SELECT count(*)::DOUBLE AS n, count(*) FILTER (WHERE e)::DOUBLE AS ne, count(*) FILTER (WHERE ${bad})::DOUBLE AS nb FROM _tc_rows`;
  const first = `SELECT r::DOUBLE AS r, t, s FROM _tc_rows WHERE ${bad} ORDER BY r LIMIT 20`;
  return `WITH _tc_rows AS MATERIALIZED (${rows}) SELECT n, ne, nb, m.r, m.t, m.s FROM (${summary}) LEFT JOIN (${first}) m ON TRUE ORDER BY m.r`;
}

export function readTotalColumnCheck(table: Table, found: TotalColumn): TotalColumnCheck {
  const rows = num(cell(table, 'n', 0)) ?? 0;
  const notCheckable = num(cell(table, 'ne', 0)) ?? 0;
  const mismatchCount = num(cell(table, 'nb', 0)) ?? 0;
  const mismatches: TotalColumnCheck['mismatches'] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row = num(cell(table, 'r', r));
    const stated = num(cell(table, 't', r));
    const sumOfParts = num(cell(table, 's', r));
    if (row !== null && stated !== null && sumOfParts !== null) mismatches.push({ row, stated, sumOfParts, difference: stated - sumOfParts });
  }
  const rowsChecked = rows - notCheckable;
  return { ...found, rowsChecked, mismatches, mismatchCount, notCheckable, passes: rowsChecked > 0 && mismatchCount === 0 };
}

/** e.g. 'The column total matches the sum of adults, children and unknown in all 12 rows.' */
export function describeTotalColumnCheck(check: TotalColumnCheck, format: (n: number) => string): string {
  const parts = `${check.parts.slice(0, -1).join(', ')} and ${check.parts.at(-1)}`;
  let text = `The column ${check.total} `;
  if (check.rowsChecked === 0) text += `could not be checked against ${parts}: no row has all of them filled in.`;
  else if (check.mismatchCount === 0) text += `matches the sum of ${parts} in ${check.rowsChecked === 1 ? 'the one row' : `all ${check.rowsChecked} rows`} checked.`;
  else {
    const listed = check.mismatches.slice(0, 3).map((m) => `row ${m.row}, ${format(m.stated)} vs ${format(m.sumOfParts)} (${gapText(m.difference, format)})`);
    const more = check.mismatchCount > 3 ? `, and ${check.mismatchCount - 3} more` : '';
    text += `differs from the sum of ${parts} in ${check.mismatchCount} of ${plural(check.rowsChecked, 'row')}: ${listed.join('; ')}${more}.`;
  }
  if (check.notCheckable) text += ` ${plural(check.notCheckable, 'row was', 'rows were')} not checked because the total or a part is empty.`;
  return text;
}
