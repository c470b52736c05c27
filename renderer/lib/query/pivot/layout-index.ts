// Query layer, pure: reads the pivot query's result (one row per row group × column group, at every level) once,
// into a tree of groups per axis and an index of cells by (row group, column group). Groups are found by walking
// the tree value by value, and cells by two small integers, so a result of hundreds of thousands of rows is read
// without building a string key per row; the read pauses every STEP rows (see steps.ts).
import type { Table } from 'apache-arrow';
import type { Scalar } from './spec.ts';
import { readColumn } from './arrow-read.ts';
import { STEP, type Steps } from './steps.ts';

export interface GroupNode {
  /** Unique per axis; the cell index combines a row node's id and a column node's id. */
  id: number;
  path: Scalar[];
  depth: number;
  parent: GroupNode | null;
  children: GroupNode[];
  /** Position among the parent's children once sorted (for "previous item" and running totals). */
  index: number;
  /** The result had this group's total over the other axis (groups without one are left out, with their subtree). */
  seen: boolean;
  /** Children by their value (made on the first child: most groups are leaves). */
  byValue: Map<Scalar, GroupNode> | null;
}

export interface ResultIndex {
  rowRoot: GroupNode;
  colRoot: GroupNode;
  /** Raw aggregate of value k at a cell, or null when the result has no such cell. */
  cell: (k: number, row: GroupNode, col: GroupNode) => number | null;
}

/** Up to this many row × column groups, cells are found in a flat array (16 MB at most); past it, in a Map. */
const DENSE_CELLS = 1 << 22;

function newNode(id: number, path: Scalar[], parent: GroupNode | null): GroupNode {
  return { id, path, depth: path.length, parent, children: [], index: 0, seen: false, byValue: null };
}

class Axis {
  readonly root = newNode(0, [], null);
  count = 1;

  constructor(private readonly fields: Scalar[][]) {}

  /** The node of result row i's group at `depth` (created on first sight). */
  at(i: number, depth: number): GroupNode {
    let node = this.root;
    for (let level = 0; level < depth; level++) {
      const value = this.fields[level]?.[i] ?? null;
      node.byValue ??= new Map();
      let child = node.byValue.get(value);
      if (!child) {
        child = newNode(this.count++, [...node.path, value], node);
        node.byValue.set(value, child);
        node.children.push(child);
      }
      node = child;
    }
    return node;
  }
}

/** Drops groups the result had no total for (and everything under them), as a tree built from totals would. */
function prune(node: GroupNode): void {
  node.children = node.children.filter((c) => c.seen);
  for (const c of node.children) prune(c);
}

export function* readResult(table: Table, nRows: number, nCols: number, nValues: number): Steps<ResultIndex> {
  function* read(name: string): Steps<Scalar[]> {
    const col = table.getChild(name);
    if (!col) throw new Error(`The pivot result has no column ${name}.`);
    return yield* readColumn(col);
  }
  const many = function* (prefix: string, count: number): Steps<Scalar[][]> {
    const out: Scalar[][] = [];
    for (let i = 0; i < count; i++) out.push(yield* read(`${prefix}${i}`));
    return out;
  };
  const rows = new Axis(yield* many('r', nRows));
  const cols = new Axis(yield* many('c', nCols));
  const rowDepth = yield* read('row_depth');
  const colDepth = yield* read('col_depth');
  const values = yield* many('v', nValues);
  for (const vs of values) for (let i = 0; i < vs.length; i++) if (typeof vs[i] !== 'number' && vs[i] !== null) vs[i] = Number(vs[i]);
  const n = table.numRows;
  const rowIds = new Int32Array(n);
  const colIds = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const rd = Number(rowDepth[i]);
    const cd = Number(colDepth[i]);
    const row = rows.at(i, rd);
    const col = cols.at(i, cd);
    if (cd === 0) row.seen = true;
    if (rd === 0) col.seen = true;
    rowIds[i] = row.id;
    colIds[i] = col.id;
    if (i % STEP === STEP - 1) yield;
  }
  prune(rows.root);
  prune(cols.root);
  const width = cols.count;
  const find = yield* cellFinder(rowIds, colIds, rows.count * width, width);
  const cell = (k: number, row: GroupNode, col: GroupNode): number | null => {
    const i = find(row.id * width + col.id);
    return i < 0 ? null : ((values[k]?.[i] ?? null) as number | null);
  };
  return { rowRoot: rows.root, colRoot: cols.root, cell };
}

/** Result row of each (row group, column group) position (row id × width + column id), -1 where there is none. */
function* cellFinder(rowIds: Int32Array, colIds: Int32Array, positions: number, width: number): Steps<(at: number) => number> {
  if (positions <= DENSE_CELLS) {
    const dense = new Int32Array(positions).fill(-1);
    for (let i = 0; i < rowIds.length; i++) {
      dense[rowIds[i]! * width + colIds[i]!] = i;
      if (i % (STEP * 8) === 0) yield;
    }
    return (at) => dense[at] ?? -1;
  }
  const sparse = new Map<number, number>();
  for (let i = 0; i < rowIds.length; i++) {
    sparse.set(rowIds[i]! * width + colIds[i]!, i);
    if (i % STEP === 0) yield;
  }
  return (at) => sparse.get(at) ?? -1;
}
