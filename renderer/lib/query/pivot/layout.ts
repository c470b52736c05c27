// Query layer, pure: turns the pivot query's result (every row × column group at every level, from GROUPING SETS)
// into the laid-out pivot the table, charts and exports read: sorted row and column items with subtotals, grand
// totals and collapsed groups, and every value both raw and "shown as" (percentages, differences, running totals).
// Results here are small (one row per cell), so plain arrays are fine; the raw data never comes through here.
import type { Table } from 'apache-arrow';
import { fieldOptions, type PivotSpec, type Scalar, type ShowAs } from './spec.ts';
import type { AxisItem, LaidOutValue, PivotLayout } from './types.ts';

interface Node {
  path: Scalar[];
  depth: number;
  children: Node[];
}

export const BLANK_LABEL = '(blank)';
export const TOTAL_LABEL = 'Total';
export const OTHER_LABEL = 'Other';

export function toScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

export function itemLabel(v: Scalar): string {
  return v === null ? BLANK_LABEL : String(v);
}

const keyOf = (path: Scalar[]) => JSON.stringify(path);
const cellKey = (rd: number, cd: number, rp: Scalar[], cp: Scalar[]) => JSON.stringify([rd, cd, ...rp, ...cp]);
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function compareLabels(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

interface Result {
  rows: Scalar[][];
  cols: Scalar[][];
  rowDepth: number[];
  colDepth: number[];
  values: (number | null)[][];
  index: Map<string, number>;
}

function readResult(table: Table, nRows: number, nCols: number, nValues: number): Result {
  const read = (name: string) => {
    const col = table.getChild(name);
    if (!col) throw new Error(`The pivot result has no column ${name}.`);
    return Array.from({ length: table.numRows }, (_, i) => toScalar(col.get(i)));
  };
  const rs = Array.from({ length: nRows }, (_, i) => read(`r${i}`));
  const cs = Array.from({ length: nCols }, (_, i) => read(`c${i}`));
  const rowDepth = read('row_depth').map(Number);
  const colDepth = read('col_depth').map(Number);
  const values = Array.from({ length: nValues }, (_, k) => read(`v${k}`).map((v) => (v === null ? null : Number(v))));
  const rows: Scalar[][] = [];
  const cols: Scalar[][] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < table.numRows; i++) {
    const rp = rs.slice(0, rowDepth[i]).map((a) => a[i] ?? null);
    const cp = cs.slice(0, colDepth[i]).map((a) => a[i] ?? null);
    rows.push(rp);
    cols.push(cp);
    index.set(cellKey(rowDepth[i]!, colDepth[i]!, rp, cp), i);
  }
  return { rows, cols, rowDepth, colDepth, values, index };
}

/** The group tree of one axis, built from the result rows that are totals over the other axis. */
function buildTree(paths: Scalar[][]): Node {
  const root: Node = { path: [], depth: 0, children: [] };
  const nodes = new Map<string, Node>([[keyOf([]), root]]);
  const sorted = [...paths].sort((a, b) => a.length - b.length);
  for (const path of sorted) {
    const key = keyOf(path);
    if (nodes.has(key)) continue;
    const parent = nodes.get(keyOf(path.slice(0, -1)));
    if (!parent) continue;
    const node: Node = { path, depth: path.length, children: [] };
    parent.children.push(node);
    nodes.set(key, node);
  }
  return root;
}

export function layoutPivot(table: Table, spec: PivotSpec): PivotLayout {
  const n = spec.rows.length;
  const m = spec.columns.length;
  const res = readResult(table, n, m, spec.values.length);
  const cell = (k: number, rp: Scalar[], cp: Scalar[]): number | null => {
    const i = res.index.get(cellKey(rp.length, cp.length, rp, cp));
    return i === undefined ? null : (res.values[k]?.[i] ?? null);
  };

  const sortTree = (node: Node, fields: string[], total: (path: Scalar[], k: number) => number | null): void => {
    const field = fields[node.depth];
    if (field === undefined) return;
    const opts = fieldOptions(spec, field);
    const sign = opts.direction === 'asc' ? 1 : -1;
    const otherLast = opts.topN?.other === true;
    const by = opts.sortBy;
    node.children.sort((a, b) => {
      const la = a.path[a.depth - 1] ?? null;
      const lb = b.path[b.depth - 1] ?? null;
      // "Other" (the rest of a top-N) goes after every item, (blank) included, whatever the sort: one total order.
      if (otherLast && (la === OTHER_LABEL) !== (lb === OTHER_LABEL)) return la === OTHER_LABEL ? 1 : -1;
      if (by !== 'label') {
        const va = total(a.path, by.value);
        const vb = total(b.path, by.value);
        if (va !== vb) return va === null ? 1 : vb === null ? -1 : sign * (va - vb);
      }
      if (la === null || lb === null) return compareLabels(la, lb); // (blank) last in either direction, like "Other"
      return sign * compareLabels(la, lb);
    });
    for (const child of node.children) sortTree(child, fields, total);
  };

  const rowTree = buildTree(res.rows.filter((_, i) => res.colDepth[i] === 0));
  const colTree = buildTree(res.cols.filter((_, i) => res.rowDepth[i] === 0));
  sortTree(rowTree, spec.rows, (p, k) => cell(k, p, []));
  sortTree(colTree, spec.columns, (p, k) => cell(k, [], p));

  const rows = flatten(rowTree, spec.rows, new Set(spec.collapsed.rows), 'before', spec.grandTotals.rows);
  const columns = flatten(colTree, spec.columns, new Set(spec.collapsed.columns), 'after', spec.grandTotals.columns);
  const siblings = siblingIndex(rowTree);

  const values: LaidOutValue[] = spec.values.map((value, k) => {
    const raw: (number | null)[] = [];
    const shown: (number | null)[] = [];
    for (const r of rows) {
      for (const c of columns) {
        const blank = hiddenSubtotal(spec, r, spec.rows) || hiddenSubtotal(spec, c, spec.columns);
        const v = blank ? null : cell(k, r.path, c.path);
        raw.push(v);
        shown.push(blank ? null : showAs(value.showAs, v, k, r, c, cell, siblings));
      }
    }
    return { value, raw, shown, grand: cell(k, [], []) };
  });
  return { rowFields: spec.rows, columnFields: spec.columns, rows, columns, values };
}

/** A group header whose field has subtotals off shows no figures (unless it is collapsed: then it must). */
export function hiddenSubtotal(spec: PivotSpec, item: AxisItem, fields: string[]): boolean {
  if (item.kind !== 'subtotal' || item.collapsed) return false;
  const field = fields[item.depth - 1];
  return field !== undefined && !fieldOptions(spec, field).subtotals;
}

function flatten(root: Node, fields: string[], collapsed: Set<string>, subtotal: 'before' | 'after', grand: boolean): AxisItem[] {
  const out: AxisItem[] = [];
  const leafDepth = fields.length;
  const walk = (node: Node) => {
    for (const child of node.children) {
      const key = keyOf(child.path);
      const base = { key, path: child.path, depth: child.depth, label: itemLabel(child.path[child.depth - 1] ?? null) };
      if (child.depth === leafDepth) {
        out.push({ ...base, kind: 'item', hasChildren: false, collapsed: false });
      } else if (collapsed.has(key)) {
        out.push({ ...base, kind: 'subtotal', hasChildren: true, collapsed: true });
      } else {
        const head: AxisItem = { ...base, kind: 'subtotal', hasChildren: true, collapsed: false };
        if (subtotal === 'before') out.push(head);
        walk(child);
        if (subtotal === 'after') out.push(head);
      }
    }
  };
  walk(root);
  if (grand || leafDepth === 0) out.push({ key: keyOf([]), path: [], depth: 0, label: TOTAL_LABEL, kind: 'grand_total', hasChildren: leafDepth > 0, collapsed: false });
  return out;
}

/** For each row group: its siblings in display order (to find "the previous item" and running totals). */
function siblingIndex(root: Node): Map<string, Scalar[][]> {
  const out = new Map<string, Scalar[][]>();
  const walk = (node: Node) => {
    const paths = node.children.map((c) => c.path);
    for (const c of node.children) {
      out.set(keyOf(c.path), paths);
      walk(c);
    }
  };
  walk(root);
  return out;
}

const pct = (v: number | null, d: number | null) => (v === null || d === null || d === 0 ? null : (v / d) * 100);

function showAs(
  mode: ShowAs,
  v: number | null,
  k: number,
  r: AxisItem,
  c: AxisItem,
  cell: (k: number, rp: Scalar[], cp: Scalar[]) => number | null,
  siblings: Map<string, Scalar[][]>,
): number | null {
  switch (mode) {
    case 'raw':
      return v;
    case 'pct_row':
      return pct(v, cell(k, r.path, []));
    case 'pct_column':
      return pct(v, cell(k, [], c.path));
    case 'pct_total':
      return pct(v, cell(k, [], []));
    case 'pct_parent_row':
      return r.depth === 0 ? pct(v, v) : pct(v, cell(k, r.path.slice(0, -1), c.path));
    case 'pct_parent_column':
      return c.depth === 0 ? pct(v, v) : pct(v, cell(k, r.path, c.path.slice(0, -1)));
    default: {
      const sibs = siblings.get(keyOf(r.path));
      if (!sibs) return mode === 'running_total' ? v : null; // the grand total has no previous item
      const at = sibs.findIndex((p) => keyOf(p) === keyOf(r.path));
      if (mode === 'running_total') {
        let sum: number | null = null;
        for (const p of sibs.slice(0, at + 1)) {
          const x = cell(k, p, c.path);
          if (x !== null) sum = (sum ?? 0) + x;
        }
        return sum;
      }
      const prevPath = sibs[at - 1];
      if (!prevPath) return null;
      const prev = cell(k, prevPath, c.path);
      if (v === null || prev === null) return null;
      return mode === 'diff_previous' ? v - prev : prev === 0 ? null : ((v - prev) / prev) * 100;
    }
  }
}
