// Disclosure-control layer, pure: protection of a laid-out pivot. The pivot as displayed (its items, collapsed
// groups and every level of subtotals, whether shown or not) becomes a hierarchical count table; after protection,
// each displayed cell gets back its published figure and status, for every value: the protected count itself,
// its "show as" figures computed from published counts (or withheld with them), and any other value of a cell whose
// count is confidential is withheld too ([c]), since an average or a maximum of a small cell discloses as much.
import type { PivotSpec, Scalar, ShowAs } from '../query/pivot/spec.ts';
import { hiddenSubtotal } from '../query/pivot/layout.ts';
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import type { ProtectionResult } from './protect.ts';
import { publishedPercentage, type PercentPart } from './rounding.ts';
import type { SdcRules } from './rules.ts';
import { isConfidential, shorthand, showsValue, type CellStatus } from './status.ts';
import { hierarchicalTable, type AxisNode, type SdcTable } from './table.ts';

/** Which values can be protected: counts of records, and sums (of a count column such as referrals). */
export function protectableValues(spec: PivotSpec): number[] {
  return spec.values.flatMap((v, k) => (v.aggregate === 'count' || v.aggregate === 'sum' ? [k] : []));
}

export interface PivotSdcTable {
  table: SdcTable;
  /** The SDC cell behind displayed cell (row i, column j). */
  cellOf: (i: number, j: number) => number;
  /** Each SDC cell's row and column group values (the grand total's are []), in the table's cell order. */
  paths: { row: Scalar[]; column: Scalar[] }[];
}

const keyOf = (path: Scalar[]) => JSON.stringify(path);

/** An axis as a tree (root = the grand total, displayed or not), each item's pre-order index, and each index's path. */
function axisTree(items: AxisItem[]): { root: AxisNode; index: Map<string, number>; paths: Scalar[][] } {
  const kids = new Map<string, AxisItem[]>([['[]', []]]);
  for (const it of items) if (it.kind !== 'grand_total') kids.set(it.key, []);
  for (const it of items) {
    if (it.kind === 'grand_total') continue;
    kids.get(keyOf(it.path.slice(0, -1)))?.push(it);
  }
  const index = new Map<string, number>();
  const paths: Scalar[][] = [];
  let next = 0;
  const build = (key: string, label: string): AxisNode => {
    index.set(key, next++);
    paths.push(JSON.parse(key) as Scalar[]);
    const children = kids.get(key) ?? [];
    return children.length ? { label, children: children.map((c) => build(c.key, c.label)) } : { label };
  };
  return { root: build('[]', 'Total'), index, paths };
}

/** The displayed pivot's value `k` as a count table with every total computed from the displayed leaves. */
export function pivotSdcTable(layout: PivotLayout, k: number): PivotSdcTable {
  const v = layout.values[k];
  if (!v) throw new Error(`There is no value ${k} to protect.`);
  const rows = axisTree(layout.rows);
  const cols = axisTree(layout.columns);
  const rowAt = new Map(layout.rows.map((r, i) => [rows.index.get(r.key) ?? 0, i]));
  const colAt = new Map(layout.columns.map((c, j) => [cols.index.get(c.key) ?? 0, j]));
  const nc = layout.columns.length;
  const table = hierarchicalTable(
    rows.root,
    cols.root,
    (r, c) => {
      const i = rowAt.get(r.index);
      const j = colAt.get(c.index);
      // A leaf pair always is a displayed cell; an empty one (no records) is a count of 0.
      return i === undefined || j === undefined ? 0 : (v.raw[i * nc + j] ?? 0);
    },
    { computeTotals: true },
  );
  const ncSdc = cols.index.size;
  const paths = rows.paths.flatMap((row) => cols.paths.map((column) => ({ row, column })));
  return { table, paths, cellOf: (i, j) => (rows.index.get(layout.rows[i]!.key) ?? 0) * ncSdc + (cols.index.get(layout.columns[j]!.key) ?? 0) };
}

export interface ProtectedPivot {
  valueIndex: number;
  result: ProtectionResult;
  /** Per value, per displayed cell (row-major, like LaidOutValue.shown): the figure to print, null when withheld. */
  shown: (number | null)[][];
  /** Per value, per displayed cell: the status ([c] primary/secondary, [z] …), null for an ordinary figure. */
  status: (CellStatus | null)[][];
  /** Per displayed cell: the protected value's published count (rounded where the rules round; null for [c]). */
  counts: (number | null)[];
}

/** The pivot as it would be published — what charts and exports of a protected pivot read. */
export function publishedLayout(layout: PivotLayout, p: ProtectedPivot): PivotLayout {
  const protectedValue = layout.values[p.valueIndex]!.value;
  // The protected value and any other value of the same measure publish the protected counts.
  const counts = (n: number) => n === p.valueIndex || (layout.values[n]!.value.field === protectedValue.field && layout.values[n]!.value.aggregate === protectedValue.aggregate);
  return {
    ...layout,
    values: layout.values.map((v, k) => ({
      ...v,
      raw: counts(k) ? p.counts : v.raw.map((x, i) => (p.status[k]?.[i] ? null : x)),
      shown: p.shown[k] ?? v.shown,
      extent: p.shown[k] ? undefined : v.extent, // the layout's extent was of the true figures
      grand: counts(k) ? (p.result.cells[0]?.published ?? null) : v.grand,
      ...(p.status[k]?.some((st) => st !== null && !showsValue(st)) ? { withheld: p.status[k]!.map((st) => (st && !showsValue(st) ? shorthand(st) : null)) } : {}),
    })),
  };
}

const WITHHELD: CellStatus = { code: 'c', kind: 'secondary' };

/** Map a protection result back onto the displayed pivot. */
export function protectedPivot(spec: PivotSpec, layout: PivotLayout, k: number, sdc: PivotSdcTable, result: ProtectionResult, rules: SdcRules): ProtectedPivot {
  const nr = layout.rows.length;
  const nc = layout.columns.length;
  const part = (sdcCell: number): PercentPart => {
    const c = result.cells[sdcCell]!;
    return { value: c.value, published: c.published, status: c.status };
  };
  // The SDC cell for (row path, column path) — the denominators of percentages, displayed or not.
  const rowsTree = axisTree(layout.rows).index;
  const colsTree = axisTree(layout.columns).index;
  const cellAt = (rp: Scalar[], cp: Scalar[]) => (rowsTree.get(keyOf(rp)) ?? 0) * colsTree.size + (colsTree.get(keyOf(cp)) ?? 0);
  const siblings = (i: number): number[] => {
    const r = layout.rows[i]!;
    const parent = keyOf(r.path.slice(0, -1));
    return layout.rows.flatMap((x, n) => (x.kind !== 'grand_total' && x.depth === r.depth && keyOf(x.path.slice(0, -1)) === parent ? [n] : []));
  };
  const count = (p: PercentPart) => (rules.percentages === 'from-protected' ? p.published : p.value);

  // The protected counts shown as `showAs`: every derived figure from published counts, withheld with them.
  const viewAs = (showAs: ShowAs): { shown: (number | null)[]; status: (CellStatus | null)[] } => {
    const shownK: (number | null)[] = [];
    const statusK: (CellStatus | null)[] = [];
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const r = layout.rows[i]!;
        const c = layout.columns[j]!;
        const here = part(sdc.cellOf(i, j));
        const pctOf = (den: PercentPart) => publishedPercentage(here, den, rules);
        let out: { value: number | null; status: CellStatus | null };
        // A subtotal shown without figures stays blank; an empty combination (no records) is a published count of 0.
        if (hiddenSubtotal(spec, r, spec.rows) || hiddenSubtotal(spec, c, spec.columns)) out = { value: null, status: null };
        else {
          switch (showAs) {
            case 'raw': out = { value: here.published, status: here.status }; break;
            case 'pct_row': out = pctOf(part(cellAt(r.path, []))); break;
            case 'pct_column': out = pctOf(part(cellAt([], c.path))); break;
            case 'pct_total': out = pctOf(part(cellAt([], []))); break;
            case 'pct_parent_row': out = pctOf(part(cellAt(r.depth === 0 ? r.path : r.path.slice(0, -1), c.path))); break;
            case 'pct_parent_column': out = pctOf(part(cellAt(r.path, c.depth === 0 ? c.path : c.path.slice(0, -1)))); break;
            default: {
              const sibs = siblings(i);
              const at = sibs.indexOf(i);
              const used = showAs === 'running_total' ? sibs.slice(0, at + 1) : [sibs[at - 1], i].filter((n): n is number => n !== undefined);
              const parts = (at < 0 ? [i] : used).map((n) => part(sdc.cellOf(n, j)));
              const hidden = parts.find((p) => isConfidential(p.status));
              if (hidden) out = { value: null, status: isConfidential(here.status) ? here.status : WITHHELD };
              else if (showAs === 'running_total') out = { value: parts.reduce((s, p) => s + (count(p) ?? 0), 0), status: null };
              else if (parts.length < 2) out = { value: null, status: null };
              else {
                const [prev, now] = parts.map(count) as [number | null, number | null];
                if (prev === null || now === null) out = { value: null, status: null };
                else if (showAs === 'diff_previous') out = { value: now - prev, status: null };
                else out = { value: prev === 0 ? null : ((now - prev) / prev) * 100, status: null };
              }
            }
          }
        }
        shownK.push(out.value);
        statusK.push(out.status);
      }
    }
    return { shown: shownK, status: statusK };
  };
  const mine = layout.values[k]!;
  const { shown: shownK, status: statusK } = viewAs(mine.value.showAs);
  // Another value of the same measure (the counts again, e.g. as % of row) is a view of the protected counts too: from
  // the true counts its percentages would give back the withheld totals.
  const same = (n: number) => layout.values[n]!.value.field === mine.value.field && layout.values[n]!.value.aggregate === mine.value.aggregate;
  const views = layout.values.map((v, n) => (n !== k && same(n) ? viewAs(v.value.showAs) : null));
  const shown = layout.values.map((v, n) => (n === k ? shownK : (views[n]?.shown ?? v.shown.map((x, idx) => (isConfidential(statusK[idx] ?? null) ? null : x)))));
  const status = layout.values.map((_, n) => (n === k ? statusK : (views[n]?.status ?? statusK.map((s) => (isConfidential(s) ? WITHHELD : null)))));
  const counts = layout.rows.flatMap((r, i) =>
    layout.columns.map((c, j) => (hiddenSubtotal(spec, r, spec.rows) || hiddenSubtotal(spec, c, spec.columns) ? null : result.cells[sdc.cellOf(i, j)]!.published)),
  );
  return { valueIndex: k, result, shown, status, counts };
}
