// Disclosure-control layer, pure: the table model suppression works on. A pivot's hierarchical 2-D count table
// (row tree × column tree, every subtotal level included) is exposed generically as cells plus additive relations
// ("this total = the sum of these parts"), because that is all the attacker's linear programme, the audit and the
// solver ever see; tables linked in other ways can be given as cells + relations directly. Totals that do not add
// up are reported, never silently recomputed: protecting an inconsistent table would certify a false audit.

/** One node of a row or column hierarchy: a total/subtotal has children, a category does not. */
export interface AxisNode {
  readonly label: string;
  readonly children?: readonly AxisNode[];
}

/** `total` = Σ `parts` (cell indices). */
export interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
}

/** A hierarchy flattened in display order (pre-order: a total before its parts). */
export interface Axis {
  readonly labels: readonly string[];
  /** Index of the parent node; -1 for the root. */
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly children: readonly (readonly number[])[];
}

export interface SdcTable {
  readonly size: number;
  /** The true counts; never altered by protection (published values are kept beside them). */
  readonly values: Float64Array;
  readonly labels: readonly string[];
  readonly relations: readonly Relation[];
  /** 1 where the cell is the total of some relation: the heuristic prefers not to suppress these. */
  readonly isTotal: Uint8Array;
  /**
   * 1 where a cell is never printed but a reader may work it out from what is (the difference between two tables
   * published together, differencing.ts): withheld from the start at no cost, confidential when small, and counted in
   * no summary of suppressed cells.
   */
  readonly unpublished?: Uint8Array;
  /** For 2-D tables: cell index = row × cols.labels.length + col. */
  readonly grid?: { readonly rows: Axis; readonly cols: Axis };
}

export interface AxisRef {
  readonly index: number;
  readonly label: string;
  /** Labels from the root down to this node. */
  readonly path: readonly string[];
  readonly isLeaf: boolean;
}

export interface Inconsistency {
  readonly relation: Relation;
  readonly label: string;
  readonly total: number;
  readonly sumOfParts: number;
}

export function flattenAxis(root: AxisNode): Axis & { readonly paths: readonly (readonly string[])[] } {
  const labels: string[] = [];
  const parents: number[] = [];
  const depths: number[] = [];
  const paths: string[][] = [];
  const children: number[][] = [];
  const visit = (node: AxisNode, parent: number, path: string[]) => {
    const index = labels.length;
    labels.push(node.label);
    parents.push(parent);
    depths.push(path.length);
    paths.push([...path, node.label]);
    children.push([]);
    if (parent >= 0) children[parent]!.push(index);
    if (node.children?.length === 0) throw new Error(`"${node.label}" has an empty list of parts; leave children out for a category.`);
    for (const child of node.children ?? []) visit(child, index, [...path, node.label]);
  };
  visit(root, -1, []);
  return { labels, parent: Int32Array.from(parents), depth: Int32Array.from(depths), children, paths };
}

function checkValue(v: number, label: string): number {
  if (!Number.isFinite(v) || v < 0) throw new Error(`The count for "${label}" is ${v}; disclosure control needs counts of zero or more.`);
  return v;
}

/**
 * A hierarchical 2-D table. `value` is asked for every (row node × column node), totals included, and the relations
 * are checked by `inconsistencies`. With `computeTotals`, `value` is asked for (leaf × leaf) only and every total is
 * the sum of its parts, so the table is consistent by construction.
 */
export function hierarchicalTable(
  rowTree: AxisNode,
  colTree: AxisNode,
  value: (row: AxisRef, col: AxisRef) => number,
  options: { computeTotals?: boolean } = {},
): SdcTable {
  const rows = flattenAxis(rowTree);
  const cols = flattenAxis(colTree);
  const nr = rows.labels.length;
  const nc = cols.labels.length;
  const ref = (a: typeof rows, i: number): AxisRef => ({ index: i, label: a.labels[i]!, path: a.paths[i]!, isLeaf: a.children[i]!.length === 0 });
  const labels: string[] = [];
  for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) labels.push(`${rows.labels[r]} × ${cols.labels[c]}`);
  const values = new Float64Array(nr * nc);
  const relations: Relation[] = [];
  const isTotal = new Uint8Array(nr * nc);
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const rowKids = rows.children[r]!;
      const colKids = cols.children[c]!;
      // One relation per (node with children along one axis × node of the other axis).
      if (rowKids.length > 0) relations.push({ total: r * nc + c, parts: rowKids.map((k) => k * nc + c) });
      if (colKids.length > 0) relations.push({ total: r * nc + c, parts: colKids.map((k) => r * nc + k) });
      if (rowKids.length > 0 || colKids.length > 0) isTotal[r * nc + c] = 1;
      if (!options.computeTotals || (rowKids.length === 0 && colKids.length === 0)) {
        values[r * nc + c] = checkValue(value(ref(rows, r), ref(cols, c)), labels[r * nc + c]!);
      }
    }
  }
  if (options.computeTotals) {
    // Children come after their parent in pre-order, so a reverse sweep fills every total from finished parts;
    // row totals first (over leaf columns), then column totals over every row.
    for (let r = nr - 1; r >= 0; r--) {
      for (let c = nc - 1; c >= 0; c--) {
        const rowKids = rows.children[r]!;
        const colKids = cols.children[c]!;
        if (colKids.length > 0) values[r * nc + c] = colKids.reduce((s, k) => s + values[r * nc + k]!, 0);
        else if (rowKids.length > 0) values[r * nc + c] = rowKids.reduce((s, k) => s + values[k * nc + c]!, 0);
      }
    }
  }
  return { size: nr * nc, values, labels, relations, isTotal, grid: { rows, cols } };
}

/** A flat R×C table with a total row and column (given, and then checked, or computed when left out). */
export function flatTable(
  inner: readonly (readonly number[])[],
  options: {
    rowLabels?: readonly string[];
    colLabels?: readonly string[];
    rowTotals?: readonly number[];
    colTotals?: readonly number[];
    grandTotal?: number;
    totalLabel?: string;
  } = {},
): SdcTable {
  const nr = inner.length;
  const nc = inner[0]?.length ?? 0;
  if (nr === 0 || nc === 0) throw new Error('A table needs at least one row and one column.');
  if (inner.some((row) => row.length !== nc)) throw new Error('Every row of the table must have the same number of columns.');
  const total = options.totalLabel ?? 'Total';
  const rowTree: AxisNode = { label: total, children: inner.map((_, r) => ({ label: options.rowLabels?.[r] ?? `Row ${r + 1}` })) };
  const colTree: AxisNode = { label: total, children: inner[0]!.map((_, c) => ({ label: options.colLabels?.[c] ?? `Column ${c + 1}` })) };
  const given = options.rowTotals !== undefined || options.colTotals !== undefined || options.grandTotal !== undefined;
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  return hierarchicalTable(
    rowTree,
    colTree,
    (row, col) => {
      const r = row.index - 1;
      const c = col.index - 1;
      if (r >= 0 && c >= 0) return inner[r]![c]!;
      if (r >= 0) return options.rowTotals?.[r] ?? sum(inner[r]!);
      if (c >= 0) return options.colTotals?.[c] ?? sum(inner.map((x) => x[c]!));
      return options.grandTotal ?? sum(inner.map(sum));
    },
    { computeTotals: !given },
  );
}

/** Cells with arbitrary additive relations (linked tables, published totals of other shapes). */
export function linkedTable(values: readonly number[], relations: readonly Relation[], labels?: readonly string[]): SdcTable {
  const size = values.length;
  const names = labels ?? values.map((_, i) => `Cell ${i + 1}`);
  if (names.length !== size) throw new Error(`There are ${size} values but ${names.length} labels.`);
  const isTotal = new Uint8Array(size);
  for (const rel of relations) {
    for (const i of [rel.total, ...rel.parts]) {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new Error(`A relation refers to cell ${i}, but the table has cells 0 to ${size - 1}.`);
    }
    if (rel.parts.length === 0) throw new Error(`The total "${names[rel.total]}" has no parts.`);
    isTotal[rel.total] = 1;
  }
  return { size, values: Float64Array.from(values, (v, i) => checkValue(v, names[i]!)), labels: names, relations, isTotal };
}

/** Relations whose parts do not sum to their total (exactly: counts are whole numbers). */
export function inconsistencies(table: SdcTable, tolerance = 1e-9): Inconsistency[] {
  const out: Inconsistency[] = [];
  for (const relation of table.relations) {
    const total = table.values[relation.total]!;
    const sumOfParts = relation.parts.reduce((s, p) => s + table.values[p]!, 0);
    if (Math.abs(total - sumOfParts) > tolerance * Math.max(1, Math.abs(total))) {
      out.push({ relation, label: table.labels[relation.total]!, total, sumOfParts });
    }
  }
  return out;
}

/** For the analyst: which totals do not add up, and by how much (the first few). */
export function describeInconsistencies(found: readonly Inconsistency[], shown = 3): string {
  if (found.length === 0) return 'Every total equals the sum of its parts.';
  const items = found.slice(0, shown).map((f) => `"${f.label}" is ${f.total} but its parts sum to ${f.sumOfParts}`);
  const more = found.length > shown ? ` (and ${found.length - shown} more)` : '';
  return `${found.length} total${found.length === 1 ? ' does' : 's do'} not add up: ${items.join('; ')}${more}. Disclosure control needs totals that equal the sum of their parts.`;
}
