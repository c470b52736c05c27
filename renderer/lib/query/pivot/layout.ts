// Query layer, pure: turns the pivot query's result (every row × column group at every level, from GROUPING SETS)
// into the laid-out pivot the table, charts and exports read: sorted row and column items with subtotals, grand
// totals and collapsed groups, and every value both raw and "shown as" (percentages, differences, running totals).
// A pivot can hold hundreds of thousands of cells (50,000 columns), so the work is a generator that pauses every
// so often (steps.ts): the page runs it in slices and never blocks for long; layoutPivot runs it straight through.
import type { Table } from 'apache-arrow';
import { fieldOptions, type PivotSpec, type Scalar, type ShowAs } from './spec.ts';
import type { AxisItem, LaidOutValue, PivotLayout } from './types.ts';
import { readResult, type GroupNode, type ResultIndex } from './layout-index.ts';
import { runSteps, sortSteps, STEP, type Steps } from './steps.ts';
import { fieldLabel, NO_SOURCE_LABELS, valueLabel, type SourceLabels } from './field-labels.ts';

export { toScalar } from './arrow-read.ts';

export const BLANK_LABEL = '(blank)';
export const TOTAL_LABEL = 'Total';
export const OTHER_LABEL = 'Other';

export function itemLabel(v: Scalar): string {
  return v === null ? BLANK_LABEL : String(v);
}

const keyOf = (path: Scalar[]) => JSON.stringify(path);
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** The order of items sorted by label: numbers by value, text as people read it (numbers inside it too), (blank) last. */
export function compareLabels(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** An axis laid out: the items shown, and the group each stands for. */
interface LaidOutAxis {
  items: AxisItem[];
  nodes: GroupNode[];
}

export function layoutPivot(table: Table, spec: PivotSpec, source: SourceLabels = NO_SOURCE_LABELS): PivotLayout {
  return runSteps(layoutSteps(table, spec, source));
}

export function* layoutSteps(table: Table, spec: PivotSpec, source: SourceLabels = NO_SOURCE_LABELS): Steps<PivotLayout> {
  const res = yield* readResult(table, spec.rows.length, spec.columns.length, spec.values.length);
  const { rowRoot, colRoot, cell } = res;

  function* sortTree(node: GroupNode, fields: string[], total: (node: GroupNode, k: number) => number | null): Steps<void> {
    const field = fields[node.depth];
    if (field === undefined) return;
    const opts = fieldOptions(spec, field);
    const sign = opts.direction === 'asc' ? 1 : -1;
    const otherLast = opts.topN?.other === true;
    const by = opts.sortBy;
    yield* sortSteps(node.children, (a, b) => {
      const la = a.path[a.depth - 1] ?? null;
      const lb = b.path[b.depth - 1] ?? null;
      // "Other" (the rest of a top-N) goes after every item, (blank) included, whatever the sort: one total order.
      if (otherLast && (la === OTHER_LABEL) !== (lb === OTHER_LABEL)) return la === OTHER_LABEL ? 1 : -1;
      if (by !== 'label') {
        const va = total(a, by.value);
        const vb = total(b, by.value);
        if (va !== vb) return va === null ? 1 : vb === null ? -1 : sign * (va - vb);
      }
      if (la === null || lb === null) return compareLabels(la, lb); // (blank) last in either direction, like "Other"
      return sign * compareLabels(la, lb);
    });
    node.children.forEach((c, i) => (c.index = i));
    if (fields[node.depth + 1] === undefined) return; // the children are leaves: nothing below them to sort
    for (const child of node.children) yield* sortTree(child, fields, total);
  }

  yield* sortTree(rowRoot, spec.rows, (n, k) => cell(k, n, colRoot));
  yield* sortTree(colRoot, spec.columns, (n, k) => cell(k, rowRoot, n));

  const rows = yield* flatten(rowRoot, spec.rows, new Set(spec.collapsed.rows), 'before', spec.grandTotals.rows);
  const columns = yield* flatten(colRoot, spec.columns, new Set(spec.collapsed.columns), 'after', spec.grandTotals.columns);
  const rowBlank = rows.items.map((r) => hiddenSubtotal(spec, r, spec.rows));
  const colBlank = columns.items.map((c) => hiddenSubtotal(spec, c, spec.columns));

  const values: LaidOutValue[] = [];
  for (const [k, value] of spec.values.entries()) {
    const nc = columns.nodes.length;
    const raw = new Array<number | null>(rows.nodes.length * nc);
    const shown = new Array<number | null>(raw.length);
    const show = showAs(value.showAs, k, res);
    const extent = { maxAbs: 0, negative: false, integers: true };
    for (let ri = 0, i = 0; ri < rows.nodes.length; ri++) {
      const r = rows.nodes[ri]!;
      for (let ci = 0; ci < nc; ci++, i++) {
        const c = columns.nodes[ci]!;
        const blank = rowBlank[ri] || colBlank[ci];
        const v = blank ? null : cell(k, r, c);
        const s = blank ? null : show(v, r, c);
        raw[i] = v;
        shown[i] = s;
        if (s !== null) {
          extent.maxAbs = Math.max(extent.maxAbs, Math.abs(s));
          extent.negative ||= s < 0;
          extent.integers &&= Number.isInteger(s);
        }
        if (i % STEP === STEP - 1) yield;
      }
    }
    values.push({ value, raw, shown, grand: cell(k, rowRoot, colRoot), extent });
  }
  const labelled = values.map((v) => ({ ...v, value: { ...v.value, label: valueLabel(v.value, spec, source) } }));
  const label = (f: string) => fieldLabel(f, spec, source);
  return { rowFields: spec.rows, columnFields: spec.columns, rowLabels: spec.rows.map(label), columnLabels: spec.columns.map(label), rows: rows.items, columns: columns.items, values: labelled };
}

/** A group header whose field has subtotals off shows no figures (unless it is collapsed: then it must). */
export function hiddenSubtotal(spec: PivotSpec, item: AxisItem, fields: string[]): boolean {
  if (item.kind !== 'subtotal' || item.collapsed) return false;
  const field = fields[item.depth - 1];
  return field !== undefined && !fieldOptions(spec, field).subtotals;
}

function* flatten(root: GroupNode, fields: string[], collapsed: Set<string>, subtotal: 'before' | 'after', grand: boolean): Steps<LaidOutAxis> {
  const items: AxisItem[] = [];
  const nodes: GroupNode[] = [];
  const leafDepth = fields.length;
  let work = 0;
  const push = (item: AxisItem, node: GroupNode) => {
    items.push(item);
    nodes.push(node);
  };
  function* walk(node: GroupNode): Steps<void> {
    for (const child of node.children) {
      const key = keyOf(child.path);
      const label = itemLabel(child.path[child.depth - 1] ?? null);
      const item = (kind: AxisItem['kind'], collapsed: boolean): AxisItem => ({ key, path: child.path, depth: child.depth, label, kind, hasChildren: kind !== 'item', collapsed });
      if (child.depth === leafDepth) {
        push(item('item', false), child);
      } else if (collapsed.has(key)) {
        push(item('subtotal', true), child);
      } else {
        const head = item('subtotal', false);
        if (subtotal === 'before') push(head, child);
        yield* walk(child);
        if (subtotal === 'after') push(head, child);
      }
      if (++work % STEP === 0) yield;
    }
  }
  yield* walk(root);
  if (grand || leafDepth === 0) push({ key: keyOf([]), path: [], depth: 0, label: TOTAL_LABEL, kind: 'grand_total', hasChildren: leafDepth > 0, collapsed: false }, root);
  return { items, nodes };
}

const pct = (v: number | null, d: number | null) => (v === null || d === null || d === 0 ? null : (v / d) * 100);

/** "Show values as" for value k: a function of a cell's raw value and its row and column groups. */
function showAs(mode: ShowAs, k: number, res: ResultIndex): (v: number | null, r: GroupNode, c: GroupNode) => number | null {
  const { cell, rowRoot, colRoot } = res;
  switch (mode) {
    case 'raw':
      return (v) => v;
    case 'pct_row':
      return (v, r) => pct(v, cell(k, r, colRoot));
    case 'pct_column':
      return (v, _r, c) => pct(v, cell(k, rowRoot, c));
    case 'pct_total':
      return (v) => pct(v, cell(k, rowRoot, colRoot));
    case 'pct_parent_row':
      return (v, r, c) => (r.parent === null ? pct(v, v) : pct(v, cell(k, r.parent, c)));
    case 'pct_parent_column':
      return (v, r, c) => (c.parent === null ? pct(v, v) : pct(v, cell(k, r, c.parent)));
    case 'running_total':
      return runningTotal(k, res);
    default:
      return (v, r, c) => {
        // The grand total has no previous item; neither has the first of its siblings.
        const prevNode = r.parent ? r.parent.children[r.index - 1] : undefined;
        if (!prevNode) return null;
        const prev = cell(k, prevNode, c);
        if (v === null || prev === null) return null;
        return mode === 'diff_previous' ? v - prev : prev === 0 ? null : ((v - prev) / prev) * 100;
      };
  }
}

/**
 * Running total along the siblings up to and including a row group, restarting in each parent group. Each sum
 * extends the previous sibling's (remembered per column group), so a long list costs one addition per cell.
 */
function runningTotal(k: number, res: ResultIndex): (v: number | null, r: GroupNode, c: GroupNode) => number | null {
  const memo = new Map<GroupNode, Map<GroupNode, number | null>>();
  const sumTo = (r: GroupNode, c: GroupNode): number | null => {
    const siblings = r.parent?.children ?? [];
    let at = r.index;
    // Walk back to the nearest sibling already summed for this column (or the first), then forward.
    while (at > 0 && !memo.get(siblings[at - 1]!)?.has(c)) at--;
    let sum: number | null = at > 0 ? (memo.get(siblings[at - 1]!)!.get(c) ?? null) : null;
    for (let i = at; i <= r.index; i++) {
      const x = res.cell(k, siblings[i]!, c);
      if (x !== null) sum = (sum ?? 0) + x;
      const byCol = memo.get(siblings[i]!) ?? new Map<GroupNode, number | null>();
      byCol.set(c, sum);
      memo.set(siblings[i]!, byCol);
    }
    return sum;
  };
  return (v, r, c) => (r.parent === null ? v : sumTo(r, c));
}
