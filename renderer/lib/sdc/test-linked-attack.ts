// Test support (disclosure-control layer, pure): count tables that share their row margins, as a pack's tables from
// one source do, and an attack on all of them at once built from test-independent-audit.ts — the grids' relations
// over one numbering where each row margin is one cell, every figure any table publishes known — sharing no code
// with linked.ts or the audit.
import type { ProtectedCell } from './protect.ts';
import type { SdcRules } from './rules.ts';
import { hierarchicalTable, type SdcTable } from './table.ts';
import { attackerIntervals, gridFloors, gridRelations, gridValues, required, type SolveLpText, type Tree } from './test-independent-audit.ts';

/** A count table over a row tree shared by every table and a column tree of its own. */
export interface Grid {
  rows: Tree;
  cols: Tree;
  /** Leaf counts by (row node, column node), totals computed. */
  leaf: (r: number, c: number) => number;
}

export function sdcOf(g: Grid): { table: SdcTable; keys: string[] } {
  const table = hierarchicalTable(g.rows, g.cols, (r, c) => g.leaf(r.index, c.index), { computeTotals: true });
  // What a cell counts: its row category and column category, a total standing for "all".
  const keys = table.labels.map((label) => label.split(' × ').filter((part) => part !== g.rows.label && part !== g.cols.label).join(' & '));
  return { table, keys };
}

/**
 * The independent attack: both grids' relations over one numbering where a row margin is one cell (the first grid's
 * (row, Total) is the second's), and every figure either table publishes known. Returns the primary cells it
 * narrows below their protection.
 */
export function leaks(grids: Grid[], published: ProtectedCell[][], rules: SdcRules, solveText: SolveLpText): string[] {
  const values: number[] = [];
  const hidden: boolean[] = [];
  const floors: number[] = [];
  const labels: string[] = [];
  const primary: boolean[] = [];
  const relations: number[][] = [];
  const margin = new Map<number, number>(); // row node → joint index of (row, Total)
  for (const [m, g] of grids.entries()) {
    const { values: v } = gridValues(g.rows, g.cols, g.leaf);
    const f = gridFloors(g.rows, g.cols, g.leaf, !rules.suppressZeros);
    const width = v.length / rowsCount(g.rows);
    const at = v.map((value, i) => {
      const r = Math.floor(i / width);
      const c = i % width;
      if (c === 0 && margin.has(r)) {
        const j = margin.get(r)!;
        floors[j] = Math.max(floors[j]!, f[i]!);
        hidden[j] = hidden[j]! && published[m]![i]!.status?.code === 'c'; // known if any table publishes it
        return j;
      }
      const j = values.push(value) - 1;
      floors.push(f[i]!);
      hidden.push(published[m]![i]!.status?.code === 'c');
      labels.push(published[m]![i]!.label);
      primary.push(value === 0 ? rules.suppressZeros : value < rules.threshold);
      if (c === 0) margin.set(r, j);
      return j;
    });
    for (const rel of gridRelations(g.rows, g.cols)) relations.push(rel.map((i) => at[i]!));
  }
  const intervals = attackerIntervals(values, relations, hidden, floors, solveText);
  // What a reader knows of each confidential cell whatever is suppressed (every cell hidden but published zeros): its
  // least value there is the floor protection stops at — linked tables can pin it above the table's own floor.
  const confidential = new Set(values.flatMap((_, i) => (primary[i] ? [i] : [])));
  const known = attackerIntervals(values, relations, values.map((v) => rules.suppressZeros || v > 0), floors, solveText, confidential);
  const found: string[] = [];
  values.forEach((value, i) => {
    if (!primary[i]) return;
    if (!hidden[i]) return void found.push(`${labels[i]} published`);
    const [min, max] = intervals.get(i)!;
    const need = required(value, Math.max(floors[i]!, known.get(i)![0]), rules.protection);
    if (max - value < need.up - 1e-6 || value - min < need.down - 1e-6 || max - min < need.width - 1e-6) found.push(`${labels[i]} in [${min}, ${max}]`);
  });
  return found;
}


const rowsCount = (t: Tree): number => 1 + (t.children ?? []).reduce((s, c) => s + rowsCount(c), 0);

/**
 * The independent attack on two tables of one source where `subset` keeps some of `whole`'s records (same rows and
 * columns): every figure either publishes known, and for each cell whole = subset + difference, the difference never
 * printed (at least 0). Returns the confidential cells — in either table, or a difference of 1 to threshold − 1 — it
 * narrows below their protection.
 */
export function differenceLeaks(whole: Grid, subset: Grid, published: [readonly ProtectedCell[], readonly ProtectedCell[]], rules: SdcRules, solveText: SolveLpText): string[] {
  const [w, s] = [gridValues(whole.rows, whole.cols, whole.leaf).values, gridValues(subset.rows, subset.cols, subset.leaf).values];
  const n = w.length;
  const values = [...w, ...s, ...w.map((x, i) => x - s[i]!)];
  const hidden = [...published[0].map((c) => c.status?.code === 'c'), ...published[1].map((c) => c.status?.code === 'c'), ...w.map(() => true)];
  const zerosShown = !rules.suppressZeros;
  const floors = [...gridFloors(whole.rows, whole.cols, whole.leaf, zerosShown), ...gridFloors(subset.rows, subset.cols, subset.leaf, zerosShown), ...w.map(() => 0)];
  const relations = [
    ...gridRelations(whole.rows, whole.cols),
    ...gridRelations(subset.rows, subset.cols).map((rel) => rel.map((i) => i + n)),
    ...w.map((_, i) => [i, i + n, i + 2 * n]),
  ];
  const labels = [...published[0].map((c) => c.label), ...published[1].map((c) => `${c.label} (subset)`), ...published[0].map((c) => `${c.label} (difference)`)];
  const confidential = values.flatMap((v, i) => ((i < 2 * n ? (v === 0 ? rules.suppressZeros : v < rules.threshold) : v > 0 && v < rules.threshold) ? [i] : []));
  const intervals = attackerIntervals(values, relations, hidden, floors, solveText, new Set(confidential));
  // What a reader knows whatever is withheld (only the tables' published zeros seen): lower protection stops there.
  const unseen = values.map((v, i) => i >= 2 * n || v > 0 || rules.suppressZeros);
  const known = attackerIntervals(values, relations, unseen, floors, solveText, new Set(confidential));
  const found: string[] = [];
  for (const i of confidential) {
    if (!hidden[i]) {
      found.push(`${labels[i]} published`);
      continue;
    }
    const [min, max] = intervals.get(i)!;
    const need = required(values[i]!, Math.max(floors[i]!, known.get(i)![0]), rules.protection);
    if (max - values[i]! < need.up - 1e-6 || values[i]! - min < need.down - 1e-6 || max - min < need.width - 1e-6) found.push(`${labels[i]} = ${values[i]} in [${min}, ${max}]`);
  }
  return found;
}
