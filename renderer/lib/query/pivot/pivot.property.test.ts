// Property tests of the whole pivot pipeline (compilePivot → the real duckdb-wasm → layoutPivot): for random small
// tables and random specs, every cell, every axis item and its order, and every "show values as" figure must agree
// with a naive aggregation written here in plain TS, independently of compile.ts and layout.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNativeEngine, newTestEngine } from '../../engine/node-native.ts';
import { NodeEngine } from '../../engine/node.ts';
import type { Engine } from '../../engine/types.ts';
import { PivotRunner } from '../../engine/pivot-runner.ts';
import type { Aggregate, FieldOptions, FilterOp, PivotFilter, PivotSpec, PivotValue, Scalar, ShowAs } from './spec.ts';
import type { AxisItem, PivotLayout } from './types.ts';

// ---------------------------------------------------------------------------------------------------------------
// Random tables

type Kind = 'str' | 'int' | 'dbl';
interface Col {
  name: string;
  kind: Kind;
  /** Categorical (groupable) or numeric (aggregated). */
  cat: boolean;
}
type Row = Record<string, Scalar>;
interface Data {
  cols: Col[];
  rows: Row[];
}

const STR_DOMAIN: Scalar[] = ['a', 'b', 'c', 'x9', 'x10'];
const INT_DOMAIN: Scalar[] = [-3, 1, 2, 10];
/** Names that must be plain fields to the pivot (and a few that clash with names the compiled SQL uses). */
const NASTY = ['"; DROP TABLE x; --', 'a"b', "it's", 'k', 'hit', 'src', 'r0', 'v0', 'g0', 'Other', 'ünï näme', 'select'];
const SQL_TYPE: Record<Kind, string> = { str: 'VARCHAR', int: 'INTEGER', dbl: 'DOUBLE' };

const domain = (c: Col): Scalar[] => (c.kind === 'int' ? INT_DOMAIN : STR_DOMAIN);
const withNull = (arb: fc.Arbitrary<Scalar>): fc.Arbitrary<Scalar> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: arb, weight: 5 });

function cellArb(c: Col): fc.Arbitrary<Scalar> {
  if (c.cat) return withNull(fc.constantFrom(...domain(c)));
  // Doubles are quarters: a few decimals, and exact in binary, so sums do not depend on the order of addition
  // (a 0.1 + 0.2 - 0.3 "zero" would make division-by-zero nulls depend on the engine's summation order).
  return withNull(c.kind === 'int' ? fc.integer({ min: -50, max: 50 }) : fc.integer({ min: -200, max: 200 }).map((n) => n / 4));
}

const nameArb = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...NASTY), weight: 1 });
const colsArb: fc.Arbitrary<Col[]> = fc
  .record({
    cats: fc.array(fc.record({ kind: fc.constantFrom<Kind>('str', 'str', 'int'), nasty: nameArb }), { minLength: 1, maxLength: 3, size: 'max' }),
    nums: fc.array(fc.record({ kind: fc.constantFrom<Kind>('int', 'dbl'), nasty: nameArb }), { minLength: 1, maxLength: 2 }),
  })
  .map(({ cats, nums }) => {
    const used = new Set<string>(); // DuckDB identifiers are case-insensitive even when quoted
    const name = (nasty: string | null, fallback: string) => {
      const n = nasty !== null && !used.has(nasty.toLowerCase()) ? nasty : fallback;
      used.add(n.toLowerCase());
      return n;
    };
    return [
      ...cats.map((c, i) => ({ name: name(c.nasty, `cat${i}`), kind: c.kind, cat: true })),
      ...nums.map((c, i) => ({ name: name(c.nasty, `num${i}`), kind: c.kind, cat: false })),
    ];
  });

const dataArb = (cols: Col[]): fc.Arbitrary<Data> =>
  fc
    .oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 }, { arbitrary: fc.integer({ min: 5, max: 40 }), weight: 4 })
    .chain((n) => fc.array(fc.record(Object.fromEntries(cols.map((c) => [c.name, cellArb(c)]))), { minLength: n, maxLength: n }))
    .map((rows) => ({ cols, rows }));

// ---------------------------------------------------------------------------------------------------------------
// Random specs (without the source, which is the per-run table)

const SHOW_AS: ShowAs[] = ['raw', 'pct_row', 'pct_column', 'pct_total', 'pct_parent_row', 'pct_parent_column', 'diff_previous', 'pct_change_previous', 'running_total'];
type Shape = Omit<PivotSpec, 'source'> & { query: boolean };

function valueArb(cols: Col[]): fc.Arbitrary<PivotValue> {
  const nums = cols.filter((c) => !c.cat).map((c) => c.name);
  const all = cols.map((c) => c.name);
  const what = fc.oneof(
    { arbitrary: fc.constant({ field: null as string | null, aggregate: 'count' as Aggregate }), weight: 1 },
    { arbitrary: fc.record({ field: fc.constantFrom<string | null>(...all), aggregate: fc.constantFrom<Aggregate>('count', 'count_distinct') }), weight: 2 },
    { arbitrary: fc.record({ field: fc.constantFrom<string | null>(...nums), aggregate: fc.constantFrom<Aggregate>('sum', 'avg', 'min', 'max', 'median') }), weight: 4 },
  );
  return fc.tuple(what, fc.constantFrom(...SHOW_AS)).map(([v, showAs]) => ({ ...v, label: `${v.aggregate} of ${v.field ?? 'records'}`, showAs }));
}

function filterArb(cols: Col[]): fc.Arbitrary<PivotFilter> {
  const cats = cols.filter((c) => c.cat);
  const nums = cols.filter((c) => !c.cat);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...cats), fc.constantFrom<FilterOp>('in', 'in', 'not_in'), fc.nat())
      .chain(([c, op]) => fc.subarray([...domain(c), null]).map((values) => ({ field: c.name, op, values }))),
    fc
      .tuple(fc.constantFrom(...nums), fc.integer({ min: -50, max: 40 }), fc.integer({ min: 0, max: 70 }))
      .map(([c, lo, w]): PivotFilter => ({ field: c.name, op: 'between', values: c.kind === 'dbl' ? [lo / 2, (lo + w) / 2] : [lo, lo + w] })),
    fc.constantFrom(...cols).map((c): PivotFilter => ({ field: c.name, op: 'not_null', values: [] })),
  );
}

const optionsArb = (nValues: number): fc.Arbitrary<FieldOptions> =>
  fc.record({
    sortBy: fc.oneof(
      { arbitrary: fc.constant<'label' | { value: number }>('label'), weight: 2 },
      { arbitrary: fc.nat({ max: nValues - 1 }).map((value) => ({ value })), weight: 1 },
    ),
    direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
    topN: fc.oneof(
      { arbitrary: fc.constant(null), weight: 5 },
      { arbitrary: fc.record({ n: fc.integer({ min: 1, max: 3 }), value: fc.nat({ max: nValues - 1 }), other: fc.boolean() }), weight: 1 },
    ),
    subtotals: fc.boolean(),
  });

/** Collapsed groups: paths over the axis's first field (only meaningful with two fields on the axis). */
function collapsedArb(fields: string[], cols: Col[]): fc.Arbitrary<string[]> {
  const first = cols.find((c) => c.name === fields[0]);
  if (fields.length < 2 || !first) return fc.constant([]);
  return fc.subarray([...domain(first), null]).map((vs) => vs.map((v) => JSON.stringify([v])));
}

function shapeArb(cols: Col[]): fc.Arbitrary<Shape> {
  return fc
    .record({
      fields: fc.shuffledSubarray(cols.filter((c) => c.cat).map((c) => c.name), { minLength: cols.filter((c) => c.cat).length }),
      nRows: fc.constantFrom(0, 1, 1, 2, 2),
      nCols: fc.constantFrom(0, 1, 1, 2),
      values: fc.array(valueArb(cols), { minLength: 1, maxLength: 3 }),
      filters: fc.oneof({ arbitrary: fc.constant<PivotFilter[]>([]), weight: 2 }, { arbitrary: fc.array(filterArb(cols), { minLength: 1, maxLength: 2 }), weight: 1 }),
      nulls: fc.constantFrom<'show' | 'hide'>('show', 'hide'),
      grandTotals: fc.record({ rows: fc.boolean(), columns: fc.boolean() }),
      query: fc.boolean(),
    })
    .chain(({ fields, nRows, nCols, ...rest }) => {
      const rows = fields.slice(0, nRows);
      const columns = fields.slice(nRows, nRows + nCols);
      const grouped = [...rows, ...columns];
      return fc
        .record({
          options: fc.array(optionsArb(rest.values.length), { minLength: grouped.length, maxLength: grouped.length }),
          collapsedRows: collapsedArb(rows, cols),
          collapsedColumns: collapsedArb(columns, cols),
        })
        .map(({ options, collapsedRows, collapsedColumns }) => ({
          version: 1 as const,
          rows,
          columns,
          ...rest,
          fieldOptions: Object.fromEntries(grouped.map((f, i) => [f, options[i]!])),
          collapsed: { rows: collapsedRows, columns: collapsedColumns },
          expected: null, protection: null,
        }));
    });
}

const caseArb = colsArb.chain((cols) => fc.record({ data: dataArb(cols), shape: shapeArb(cols) }));

function specFor(shape: Shape, table: string): PivotSpec {
  const { query, ...rest } = shape;
  return { ...rest, source: query ? { kind: 'query', name: 'q', sql: `SELECT * FROM ${q(table)};` } : { kind: 'table', table } };
}

/** The same pivot with rows and columns swapped (what the UI's transpose does). */
function transposed(spec: PivotSpec): PivotSpec {
  return {
    ...spec,
    rows: spec.columns,
    columns: spec.rows,
    grandTotals: { rows: spec.grandTotals.columns, columns: spec.grandTotals.rows },
    collapsed: { rows: spec.collapsed.columns, columns: spec.collapsed.rows },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The naive model: plain JS over the rows, SQL semantics for NULLs

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (v: Scalar) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
const DEFAULTS: FieldOptions = { sortBy: 'label', direction: 'asc', topN: null, subtotals: true };
const opts = (spec: PivotSpec, field: string | undefined): FieldOptions => (field === undefined ? DEFAULTS : (spec.fieldOptions[field] ?? DEFAULTS));
const keyOf = (path: Scalar[]) => JSON.stringify(path);

function passes(f: PivotFilter, x: Scalar): boolean {
  const has = f.values.some((v) => v === x);
  switch (f.op) {
    case 'in': return f.values.length === 0 || has;
    case 'not_in': return f.values.length === 0 || !has;
    case 'between': return x !== null && (f.values[0] as number) <= (x as number) && (x as number) <= (f.values[1] as number);
    case 'not_null': return x !== null;
    default: throw new Error(`filter ${f.op} is not modelled`);
  }
}

/** One aggregate over a group's rows (NULL inputs ignored; no non-NULL inputs → null, except counts: 0). */
function aggregate(v: PivotValue, rows: Row[]): number | null {
  if (v.field === null) return rows.length;
  const field = v.field;
  const xs = rows.map((r) => r[field] ?? null).filter((x) => x !== null);
  if (v.aggregate === 'count') return xs.length;
  if (v.aggregate === 'count_distinct') return new Set(xs).size;
  const ns = (xs as number[]).slice().sort((a, b) => a - b);
  if (ns.length === 0) return null;
  let sum = 0;
  for (const x of ns) sum += x;
  switch (v.aggregate) {
    case 'sum': return sum;
    case 'avg': return sum / ns.length;
    case 'min': return ns[0]!;
    case 'max': return ns[ns.length - 1]!;
    case 'median': {
      const mid = Math.floor(ns.length / 2);
      return ns.length % 2 ? ns[mid]! : (ns[mid - 1]! + ns[mid]!) / 2;
    }
  }
}

/** SQL's `ORDER BY k ASC NULLS LAST` for the top-N tie-break (VARCHAR compares by bytes). */
const sqlAsc = (a: Scalar, b: Scalar) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

interface Model {
  spec: PivotSpec;
  data: Data;
  /** Rows left after filters, hidden NULL groups and top-N without "Other". */
  rows: Row[];
  /** A row's group value for a field (after top-N's "Other"). */
  group: (row: Row, field: string) => Scalar;
  /** The aggregate of value k over the rows in (row path × column path); null where no row falls in it. */
  cell: (k: number, rp: Scalar[], cp: Scalar[]) => number | null;
}

function model(data: Data, spec: PivotSpec): Model {
  const grouped = [...spec.rows, ...spec.columns];
  let src = data.rows.filter((r) => spec.filters.every((f) => passes(f, r[f.field] ?? null)));
  if (spec.nulls === 'hide') src = src.filter((r) => grouped.every((f) => r[f] !== null));
  // Top-N ranks an inner field within each group of the fields before it on its axis, rows then columns, each
  // ranking seeing the "Other" groups and exclusions of the earlier ones (as the SQL does).
  const tops = new Map<string, { hits: Set<string>; other: boolean; parents: string[] }>();
  const hitKey = (r: Row, f: string, parents: string[]) => JSON.stringify([...parents.map((p) => group(r, p)), r[f] ?? null]);
  const group = (r: Row, f: string): Scalar => {
    const x = r[f] ?? null;
    const t = tops.get(f);
    if (!t?.other) return x;
    return t.hits.has(hitKey(r, f, t.parents)) ? (x === null ? null : String(x)) : 'Other';
  };
  let rows = src;
  for (const axis of [spec.rows, spec.columns]) {
    axis.forEach((f, at) => {
      const top = opts(spec, f).topN;
      const rank = top ? spec.values[top.value] : undefined;
      if (!top || !rank) return;
      const parents = axis.slice(0, at);
      const partitions = new Map<string, Map<Scalar, Row[]>>();
      for (const r of rows) {
        const pk = JSON.stringify(parents.map((p) => group(r, p)));
        const groups = partitions.get(pk) ?? new Map<Scalar, Row[]>();
        partitions.set(pk, groups);
        groups.set(r[f] ?? null, [...(groups.get(r[f] ?? null) ?? []), r]);
      }
      const hits = new Set<string>();
      for (const [pk, groups] of partitions) {
        const ranked = [...groups].map(([k, rs]) => ({ k, v: aggregate(rank, rs) }));
        ranked.sort((a, b) => (a.v === b.v ? sqlAsc(a.k, b.k) : a.v === null ? 1 : b.v === null ? -1 : b.v - a.v));
        for (const x of ranked.slice(0, top.n)) hits.add(JSON.stringify([...(JSON.parse(pk) as Scalar[]), x.k]));
      }
      tops.set(f, { hits, other: top.other, parents });
      if (!top.other) rows = rows.filter((r) => hits.has(hitKey(r, f, parents)));
    });
  }
  const memo = new Map<string, number | null>();
  const cell = (k: number, rp: Scalar[], cp: Scalar[]): number | null => {
    const key = JSON.stringify([k, rp, cp]);
    if (memo.has(key)) return memo.get(key) ?? null;
    const members = rows.filter((r) => rp.every((v, i) => group(r, spec.rows[i]!) === v) && cp.every((v, j) => group(r, spec.columns[j]!) === v));
    // A group exists only where rows fall in it; the grand total always exists (SQL's () grouping set).
    const out = members.length === 0 && (rp.length || cp.length) ? null : aggregate(spec.values[k]!, members);
    memo.set(key, out);
    return out;
  };
  return { spec, data, rows, group, cell };
}

interface TNode {
  path: Scalar[];
  children: TNode[];
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** The axis's group tree, each level sorted as its field's options say. */
function sortedTree(m: Model, fields: string[], total: (path: Scalar[], k: number) => number | null): TNode {
  const root: TNode = { path: [], children: [] };
  const nodes = new Map<string, TNode>([[keyOf([]), root]]);
  for (const r of m.rows) {
    let parent = root;
    for (let d = 1; d <= fields.length; d++) {
      const path = fields.slice(0, d).map((f) => m.group(r, f));
      let node = nodes.get(keyOf(path));
      if (!node) {
        node = { path, children: [] };
        nodes.set(keyOf(path), node);
        parent.children.push(node);
      }
      parent = node;
    }
  }
  const sort = (node: TNode, depth: number) => {
    const o = opts(m.spec, fields[depth]);
    const dir = o.direction === 'asc' ? 1 : -1;
    const label = (n: TNode) => n.path[depth] ?? null;
    node.children.sort((a, b) => {
      const la = label(a);
      const lb = label(b);
      // "Other" goes after every item, (blank) included, in either direction and whatever the sort
      if (o.topN?.other && (la === 'Other') !== (lb === 'Other')) return la === 'Other' ? 1 : -1;
      if (o.sortBy !== 'label') {
        const va = total(a.path, o.sortBy.value);
        const vb = total(b.path, o.sortBy.value);
        if (va !== vb) return va === null ? 1 : vb === null ? -1 : dir * (va - vb);
      }
      if (la === lb) return 0;
      if (la === null) return 1; // (blank) last, in either direction
      if (lb === null) return -1;
      return dir * (typeof la === 'number' && typeof lb === 'number' ? la - lb : collator.compare(String(la), String(lb)));
    });
    for (const c of node.children) sort(c, depth + 1);
  };
  sort(root, 0);
  return root;
}

interface ExpectedItem {
  path: Scalar[];
  depth: number;
  label: string;
  kind: AxisItem['kind'];
  hasChildren: boolean;
  collapsed: boolean;
}

function expectedAxis(root: TNode, nFields: number, collapsed: string[], subtotalFirst: boolean, grand: boolean): ExpectedItem[] {
  const out: ExpectedItem[] = [];
  const walk = (node: TNode) => {
    for (const c of node.children) {
      const d = c.path.length;
      const v = c.path[d - 1] ?? null;
      const base = { path: c.path, depth: d, label: v === null ? '(blank)' : String(v) };
      if (d === nFields) out.push({ ...base, kind: 'item', hasChildren: false, collapsed: false });
      else if (collapsed.includes(keyOf(c.path))) out.push({ ...base, kind: 'subtotal', hasChildren: true, collapsed: true });
      else {
        const head: ExpectedItem = { ...base, kind: 'subtotal', hasChildren: true, collapsed: false };
        if (subtotalFirst) out.push(head);
        walk(c);
        if (!subtotalFirst) out.push(head);
      }
    }
  };
  walk(root);
  if (grand || nFields === 0) out.push({ path: [], depth: 0, label: 'Total', kind: 'grand_total', hasChildren: nFields > 0, collapsed: false });
  return out;
}

const pctOf = (v: number | null, d: number | null) => (v === null || d === null || d === 0 ? null : (100 * v) / d);

function expectedShown(m: Model, k: number, r: AxisItem, c: AxisItem, siblings: Map<string, Scalar[][]>): number | null {
  const v = m.cell(k, r.path, c.path);
  const mode = m.spec.values[k]!.showAs;
  switch (mode) {
    case 'raw': return v;
    case 'pct_row': return pctOf(v, m.cell(k, r.path, []));
    case 'pct_column': return pctOf(v, m.cell(k, [], c.path));
    case 'pct_total': return pctOf(v, m.cell(k, [], []));
    case 'pct_parent_row': return pctOf(v, r.depth === 0 ? v : m.cell(k, r.path.slice(0, -1), c.path));
    case 'pct_parent_column': return pctOf(v, c.depth === 0 ? v : m.cell(k, r.path, c.path.slice(0, -1)));
    default: {
      if (r.depth === 0) return mode === 'running_total' ? v : null;
      const sibs = siblings.get(keyOf(r.path)) ?? [];
      const at = sibs.findIndex((p) => keyOf(p) === keyOf(r.path));
      if (mode === 'running_total') {
        const xs = sibs.slice(0, at + 1).map((p) => m.cell(k, p, c.path)).filter((x) => x !== null);
        return xs.length ? xs.reduce((a, b) => a + b, 0) : null;
      }
      const prevPath = at > 0 ? sibs[at - 1] : undefined;
      const prev = prevPath ? m.cell(k, prevPath, c.path) : null;
      if (v === null || prev === null) return null;
      if (mode === 'diff_previous') return v - prev;
      return prev === 0 ? null : (100 * (v - prev)) / prev;
    }
  }
}

const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** Every difference between the layout and the naive model, described. */
function problems(data: Data, spec: PivotSpec, layout: PivotLayout): string[] {
  const m = model(data, spec);
  const out: string[] = [];
  const rowTree = sortedTree(m, spec.rows, (p, k) => m.cell(k, p, []));
  const colTree = sortedTree(m, spec.columns, (p, k) => m.cell(k, [], p));
  const axes: [string, AxisItem[], ExpectedItem[]][] = [
    ['rows', layout.rows, expectedAxis(rowTree, spec.rows.length, spec.collapsed.rows, true, spec.grandTotals.rows)],
    ['columns', layout.columns, expectedAxis(colTree, spec.columns.length, spec.collapsed.columns, false, spec.grandTotals.columns)],
  ];
  for (const [name, got, want] of axes) {
    const strip = (a: AxisItem | ExpectedItem) => JSON.stringify([a.path, a.depth, a.label, a.kind, a.hasChildren, a.collapsed]);
    if (got.map(strip).join('\n') !== want.map(strip).join('\n')) {
      out.push(`${name} differ:\n  got  ${got.map(strip).join(' ')}\n  want ${want.map(strip).join(' ')}`);
    }
    for (const a of got) if (a.key !== keyOf(a.path)) out.push(`${name} item key ${a.key} is not the JSON of its path`);
  }
  if (out.length) return out;

  const siblings = new Map<string, Scalar[][]>();
  const walk = (n: TNode) => {
    for (const c of n.children) {
      siblings.set(keyOf(c.path), n.children.map((s) => s.path));
      walk(c);
    }
  };
  walk(rowTree);
  const hidden = (item: AxisItem, fields: string[]) => item.kind === 'subtotal' && !item.collapsed && !opts(spec, fields[item.depth - 1]).subtotals;
  const nCols = layout.columns.length;
  if (layout.values.length !== spec.values.length) out.push(`${layout.values.length} values laid out, ${spec.values.length} asked for`);
  spec.values.forEach((v, k) => {
    const lv = layout.values[k];
    if (!lv) return;
    const field = data.cols.find((c) => c.name === v.field);
    const exact = v.aggregate === 'count' || v.aggregate === 'count_distinct' || (['sum', 'min', 'max'].includes(v.aggregate) && field?.kind === 'int');
    if (lv.raw.length !== layout.rows.length * nCols || lv.shown.length !== lv.raw.length) out.push(`value ${k}: ${lv.raw.length} cells`);
    layout.rows.forEach((r, ri) => {
      layout.columns.forEach((c, ci) => {
        const blank = hidden(r, spec.rows) || hidden(c, spec.columns);
        const raw = blank ? null : m.cell(k, r.path, c.path);
        const shown = blank ? null : expectedShown(m, k, r, c, siblings);
        const gotRaw = lv.raw[ri * nCols + ci] ?? null;
        const gotShown = lv.shown[ri * nCols + ci] ?? null;
        const at = `value ${k} (${v.label}) at ${keyOf(r.path)} × ${keyOf(c.path)}`;
        if (exact ? gotRaw !== raw : !close(gotRaw, raw)) out.push(`${at}: raw ${gotRaw}, want ${raw}`);
        if (!close(gotShown, shown)) out.push(`${at}: shown (${v.showAs}) ${gotShown}, want ${shown}`);
      });
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The engine

let engine: Engine;
let tables = 0;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

async function withTable<T>(data: Data, fn: (table: string) => Promise<T>, on: Engine = engine): Promise<T> {
  const table = `pivot_prop_${tables++}`;
  await on.query(`CREATE TABLE ${q(table)} (${data.cols.map((c) => `${q(c.name)} ${SQL_TYPE[c.kind]}`).join(', ')})`);
  try {
    if (data.rows.length) {
      const tuples = data.rows.map((r) => `(${data.cols.map((c) => lit(r[c.name] ?? null)).join(', ')})`);
      await on.query(`INSERT INTO ${q(table)} VALUES ${tuples.join(', ')}`);
    }
    return await fn(table);
  } finally {
    await on.query(`DROP TABLE ${q(table)}`);
  }
}

async function runPivot(spec: PivotSpec, runner = new PivotRunner(engine)): Promise<PivotLayout> {
  return (await runner.run(spec, await runner.schema(spec.source))).layout;
}

async function checkCase(data: Data, shape: Shape): Promise<void> {
  await withTable(data, async (table) => {
    const runner = new PivotRunner(engine);
    try {
      const spec = specFor(shape, table);
      // The transposed pivot runs on the same runner, so (without top-N) it reads the first one's base aggregate.
      for (const s of [spec, transposed(spec)]) {
        const found = problems(data, s, await runPivot(s, runner));
        if (found.length) throw new Error(`${found.length} problem(s):\n${found.slice(0, 8).join('\n')}\nspec: ${JSON.stringify(s)}`);
      }
    } finally {
      await runner.invalidate();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------

describe('pivot properties on the real engine', () => {
  it('every cell, axis item, order and show-as figure matches a naive aggregation', async () => {
    await fc.assert(fc.asyncProperty(caseArb, ({ data, shape }) => checkCase(data, shape)), { numRuns: Number(process.env.PIVOT_PROPERTY_RUNS ?? 100) });
  }, 120_000);

  it('a field called `"; DROP TABLE x; --` (or with a double quote) is a plain field', async () => {
    const cols: Col[] = [
      { name: '"; DROP TABLE x; --', kind: 'str', cat: true },
      { name: 'a"b', kind: 'int', cat: true },
      { name: "it's", kind: 'dbl', cat: false },
    ];
    const data = fc.sample(dataArb(cols), { numRuns: 1, seed: 7 })[0]!;
    const base: Shape = {
      version: 1, rows: ['"; DROP TABLE x; --'], columns: ['a"b'], filters: [{ field: 'a"b', op: 'in', values: [1, 2, null] }],
      values: [{ field: "it's", aggregate: 'sum', label: 's', showAs: 'pct_row' }, { field: '"; DROP TABLE x; --', aggregate: 'count_distinct', label: 'd', showAs: 'raw' }],
      fieldOptions: { '"; DROP TABLE x; --': { sortBy: { value: 0 }, direction: 'desc', topN: { n: 2, value: 0, other: true }, subtotals: true } },
      grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, query: false,
    };
    await checkCase(data, base);
    await checkCase(data, { ...base, values: [base.values[0]!], query: true });
  });

  it('fields named like the compiled SQL\'s own names (k, hit, src, g0, v0) are plain fields, top-N included', async () => {
    const cols: Col[] = [
      { name: 'hit', kind: 'str', cat: true },
      { name: 'src', kind: 'int', cat: true },
      { name: 'k', kind: 'int', cat: false },
      { name: 'g0', kind: 'dbl', cat: false },
    ];
    const values: PivotValue[] = [
      { field: 'k', aggregate: 'sum', label: 's', showAs: 'raw' },
      { field: 'g0', aggregate: 'max', label: 'm', showAs: 'pct_column' },
    ];
    const top = (value: number, other: boolean): FieldOptions => ({ sortBy: { value }, direction: 'desc', topN: { n: 2, value, other }, subtotals: false });
    for (const [seed, other] of [[1, true], [2, false], [3, true]] as const) {
      const data = fc.sample(dataArb(cols), { numRuns: 1, seed })[0]!;
      const shape: Shape = {
        version: 1, rows: ['hit'], columns: ['src'], filters: [{ field: 'k', op: 'between', values: [-40, 40] }], values,
        fieldOptions: { hit: top(0, other), src: top(1, !other) },
        grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, query: false,
      };
      await checkCase(data, shape);
      await checkCase(data, { ...shape, values: [...values, { field: 'k', aggregate: 'median', label: 'md', showAs: 'running_total' }] });
    }
  });
});

describe('pivot examples', () => {
  const cols: Col[] = [
    { name: 'g', kind: 'str', cat: true },
    { name: 'h', kind: 'str', cat: true },
    { name: 'n', kind: 'int', cat: false },
  ];
  const rows: Row[] = [
    { g: 'a', h: 'x', n: 1 },
    { g: 'a', h: null, n: 2 },
    { g: null, h: 'x', n: 4 },
    { g: null, h: null, n: 8 },
    { g: 'b', h: 'y', n: 16 },
    { g: 'c', h: 'y', n: 32 },
    { g: 'c', h: 'x', n: 64 },
  ];
  const data: Data = { cols, rows };
  const sumN: PivotValue = { field: 'n', aggregate: 'sum', label: 'Sum of n', showAs: 'raw' };
  const spec = (table: string, partial: Partial<PivotSpec>): PivotSpec => ({
    version: 1, source: { kind: 'table', table }, rows: [], columns: [], values: [sumN], filters: [], fieldOptions: {},
    grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, ...partial,
  });
  const raw = (layout: PivotLayout, row: Scalar[], col: Scalar[] = [], k = 0) => {
    const ri = layout.rows.findIndex((r) => keyOf(r.path) === keyOf(row));
    const ci = layout.columns.findIndex((c) => keyOf(c.path) === keyOf(col));
    if (ri < 0 || ci < 0) throw new Error(`no cell ${keyOf(row)} × ${keyOf(col)}`);
    return layout.values[k]!.raw[ri * layout.columns.length + ci] ?? null;
  };

  it('a NULL group value is its own item, not the rolled-up total at the same position', async () => {
    await withTable(data, async (table) => {
      const two = await runPivot(spec(table, { rows: ['g', 'h'], columns: ['h'] }));
      expect(raw(two, ['a', null])).toBe(2); // the (blank) h under a …
      expect(raw(two, ['a'])).toBe(3); // … is not a's subtotal
      expect(raw(two, [null])).toBe(12);
      expect(raw(two, [null, null])).toBe(8);
      expect(raw(two, [null, null], [null])).toBe(8);
      expect(raw(two, [null], [null])).toBe(8);
      expect(raw(two, [], [null])).toBe(10);
      expect(raw(two, [])).toBe(127);
      expect(two.rows.find((r) => keyOf(r.path) === '[null]')?.label).toBe('(blank)');
      const hidden = await runPivot(spec(table, { rows: ['g', 'h'], nulls: 'hide' }));
      expect(hidden.rows.map((r) => r.path)).toEqual([['a'], ['a', 'x'], ['b'], ['b', 'y'], ['c'], ['c', 'x'], ['c', 'y'], []]);
      expect(raw(hidden, [])).toBe(1 + 16 + 32 + 64); // hidden groups leave the totals too
    });
  });

  it('(blank) sorts last in either direction, like "Other"', async () => {
    await withTable(data, async (table) => {
      for (const direction of ['asc', 'desc'] as const) {
        const layout = await runPivot(spec(table, { rows: ['g'], fieldOptions: { g: { sortBy: 'label', direction, topN: null, subtotals: true } } }));
        expect(layout.rows.map((r) => r.label)).toEqual(direction === 'asc' ? ['a', 'b', 'c', '(blank)', 'Total'] : ['c', 'b', 'a', '(blank)', 'Total']);
      }
    });
  });

  it('top-N of an inner field ranks within each parent group, not across the table', async () => {
    await withTable(data, async (table) => {
      const inner = (other: boolean): Partial<PivotSpec> => ({
        rows: ['g', 'h'], fieldOptions: { h: { sortBy: { value: 0 }, direction: 'desc', topN: { n: 1, value: 0, other }, subtotals: true } },
      });
      const layout = await runPivot(spec(table, inner(true)));
      // Within a: x (1) loses to (blank) (2); within c: x (64) beats y (32). A global top 1 (x, 69) would keep x in both.
      expect(layout.rows.map((r) => r.path)).toEqual([['a'], ['a', null], ['a', 'Other'], ['b'], ['b', 'y'], ['c'], ['c', 'x'], ['c', 'Other'], [null], [null, null], [null, 'Other'], []]);
      expect(raw(layout, ['a', 'Other'])).toBe(1);
      expect(raw(layout, ['c', 'Other'])).toBe(32);
      expect(raw(layout, [])).toBe(127);
      const without = await runPivot(spec(table, inner(false)));
      expect(without.rows.filter((r) => r.depth === 2).map((r) => r.path)).toEqual([['a', null], ['b', 'y'], ['c', 'x'], [null, null]]);
      expect(raw(without, [])).toBe(2 + 16 + 64 + 8);
    });
  });

  it('top-N with "Other" keeps every row counted; without it, the rest is left out', async () => {
    await withTable(data, async (table) => {
      const count: PivotValue = { field: null, aggregate: 'count', label: 'Count', showAs: 'raw' };
      const median: PivotValue = { field: 'n', aggregate: 'median', label: 'Median of n', showAs: 'raw' };
      for (const values of [[sumN, count], [sumN, count, median]]) {
        const all = await runPivot(spec(table, { rows: ['g'], columns: ['h'], values }));
        const top = (other: boolean): Partial<PivotSpec> => ({
          rows: ['g'], columns: ['h'], values, fieldOptions: { g: { sortBy: 'label', direction: 'asc', topN: { n: 2, value: 0, other }, subtotals: true } },
        });
        const withOther = await runPivot(spec(table, top(true)));
        expect(withOther.rows.map((r) => r.label)).toEqual(['b', 'c', 'Other', 'Total']); // c (96) and b (16) beat (blank) (12) and a (3)
        for (const col of [[], ['x'], ['y'], [null]]) {
          for (const k of [0, 1]) expect(raw(withOther, [], col, k), `${keyOf(col)} value ${k}`).toBe(raw(all, [], col, k));
        }
        expect(raw(withOther, ['Other'])).toBe(3 + 12);
        expect(raw(withOther, ['Other'], [], 1)).toBe(4);
        const without = await runPivot(spec(table, top(false)));
        expect(without.rows.map((r) => r.label)).toEqual(['b', 'c', 'Total']);
        expect(raw(without, [])).toBe(16 + 96);
      }
    });
  });
});

describe('the two engines agree', () => {
  it('duckdb-wasm and native DuckDB lay out the same pivot, cell for cell, for the same random data and spec', async () => {
    const engines: Engine[] = [new NodeEngine(), newNativeEngine({ threads: 2, memoryLimit: '1GiB' })];
    for (const e of engines) await e.open();
    try {
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ data, shape }) => {
          const layouts: PivotLayout[] = [];
          for (const on of engines) {
            layouts.push(await withTable(data, (table) => runPivot(specFor(shape, table), new PivotRunner(on)), on));
          }
          // The table's name differs between the runs only by its counter; the layouts must not.
          expect(JSON.parse(JSON.stringify(layouts[1]).replaceAll(/pivot_prop_\d+/g, 't'))).toEqual(JSON.parse(JSON.stringify(layouts[0]).replaceAll(/pivot_prop_\d+/g, 't')));
        }),
        { numRuns: Number(process.env.PIVOT_PROPERTY_RUNS ?? 60) },
      );
    } finally {
      for (const e of engines) await e.close();
    }
  }, 180_000);
});
