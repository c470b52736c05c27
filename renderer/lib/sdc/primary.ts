// Disclosure-control layer, pure: primary suppression (which counts are confidential in themselves) and the protection
// each of them needs, turned into the suppression problem the secondary methods, the optimal search and the audit
// all share — so all three judge a pattern by exactly the same requirement.
//
// Protection levels follow τ-Argus for cells failing its minimum-frequency rule: upper = lower = value × "frequency
// safety range" %, floored at a minimum of 1 (libtauargus Table.cpp, CTable::SetProtectionLevelCell, case
// CS_UNSAFE_FREQ: `Perc = CellFreqSafetyPerc / 100; UpperProtectionLevel = fabs(Resp) * Perc; if (< MinLPL) = MinLPL;
// LowerProtectionLevel = UpperProtectionLevel`). The default range of 10 % is the one in rtauargus's FREQ(3,10)
// examples; for counts under 10 it gives the floor, 1 either way. The Handbook on Statistical Disclosure Control
// (Hundepool et al., §4.2.2 "Secondary tabular data protection methods") recommends the smallest protection when
// only a frequency rule applies — it should be "enough to prevent exact disclosure" — and the floor of 1 is what
// guarantees that: an attacker can neither work a [c] out exactly nor pin it from one side. Both percentages and
// the floor are configurable (rules.protection) for stricter practice.
import type { SdcRules } from './rules.ts';
import type { SdcTable } from './table.ts';

/** Everything the secondary methods and the audit need, derived once from a table and its rules. */
export interface SuppressionProblem {
  readonly table: SdcTable;
  readonly primary: Uint8Array;
  /** Required distance above / below the true value, and required interval width, for primary cells (0 elsewhere). */
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly width: Float64Array;
  /**
   * What every reader knows about each cell whatever is suppressed: its least possible value. With zeros published,
   * a [c] is at least 1 (the "singleton problem" of sdcTable/easySdcTable's vignette "singletonsAndZeros": two [c]
   * in a row that sums to 2 above the published cells are both 1), and a total is at least the number of non-zero
   * cells it adds up. No pattern can hide a count below this, so lower protection stops there.
   */
  readonly floor: Float64Array;
  /** 1 where a cell may be suppressed to protect others (zeros may not when zeros are published). */
  readonly suppressible: Uint8Array;
  /** Information lost by suppressing each cell: its count by default. */
  readonly cost: Float64Array;
}

/**
 * Progress of a long protection, for the page to show (with Cancel): the stage, and how many of its confidential
 * cells (secondary suppression) or suppressed cells (audit) are done, or seconds of the optimal search's time limit.
 */
export type Progress = (stage: 'secondary' | 'audit' | 'optimal', done: number, total: number) => void;

export function isPrimaryValue(value: number, rules: Pick<SdcRules, 'threshold' | 'suppressZeros'>): boolean {
  return value === 0 ? rules.suppressZeros : value < rules.threshold;
}

/**
 * The protection a primary cell of this value needs, as required distances above and below it. `floor` is the least
 * value every reader knows the cell has (see SuppressionProblem.floor): the lower level stops there.
 */
export function protectionLevels(value: number, rules: Pick<SdcRules, 'protection'>, floor = 0): { upper: number; lower: number; width: number } {
  const p = rules.protection;
  const upper = Math.max(p.minimum, (value * p.upperPercent) / 100);
  const lower = Math.max(0, Math.min(value - floor, Math.max(p.minimum, (value * p.lowerPercent) / 100)));
  return { upper, lower, width: p.width };
}

/**
 * Each cell's least possible value as every reader knows it: 1 for a non-zero count when zeros are published (a [c]
 * is never 0), and for a total the sum of its parts' floors — so a total of three non-zero leaves is at least 3. A
 * cell that is the only non-zero part of a relation equals its total (the other parts are published zeros), so it
 * shares the total's floor: in linked tables a force's total may be known to be at least 3 from one table's
 * breakdown while another table shows it as a single non-zero cell.
 */
export function floors(table: SdcTable, suppressZeros: boolean): Float64Array {
  // A cell never printed (a difference between tables) is not known to be non-zero: no zero is shown in its place.
  const unpublished = (i: number) => table.unpublished?.[i] === 1;
  const floor = Float64Array.from(table.values, (v, i) => (v > 0 && !suppressZeros && !unpublished(i) ? 1 : 0));
  if (suppressZeros) return floor;
  const raise = (cell: number, to: number): boolean => (to > floor[cell]! ? ((floor[cell] = to), true) : false);
  // Relations nest (a total of totals) and link (one total, several breakdowns), so repeat until nothing rises; each
  // pass raises some floor by at least 1 towards its cell's value, and a grid of depth d settles within d passes.
  for (let pass = 0, changed = true; changed && pass <= table.relations.length + table.size; pass++) {
    changed = false;
    for (const rel of table.relations) {
      if (raise(rel.total, rel.parts.reduce((s, q) => s + floor[q]!, 0))) changed = true;
      const nonZero = rel.parts.filter((q) => table.values[q]! > 0 || unpublished(q));
      if (nonZero.length === 1 && raise(nonZero[0]!, floor[rel.total]!)) changed = true;
    }
  }
  return floor;
}

export type CostModel = 'value' | 'cells' | ArrayLike<number>;

/**
 * Builds the problem. Costs: 'value' (default) loses a cell's count, as τ-Argus's default cost variable; 'cells'
 * counts suppressed cells; or one weight per cell.
 */
export function suppressionProblem(table: SdcTable, rules: SdcRules, cost: CostModel = 'value'): SuppressionProblem {
  const n = table.size;
  const primary = new Uint8Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const width = new Float64Array(n);
  const suppressible = new Uint8Array(n);
  const costs = new Float64Array(n);
  const floor = floors(table, rules.suppressZeros);
  for (let i = 0; i < n; i++) {
    const v = table.values[i]!;
    if (table.unpublished?.[i]) primary[i] = 1; // withheld from the start; protected only if small
    if (isPrimaryValue(v, rules)) {
      primary[i] = 1;
      const levels = protectionLevels(v, rules, floor[i]);
      upper[i] = levels.upper;
      lower[i] = levels.lower;
      width[i] = levels.width;
    }
    suppressible[i] = v > 0 || rules.suppressZeros ? 1 : 0;
    const w = cost === 'value' ? v : cost === 'cells' ? 1 : cost[i];
    if (w === undefined || !Number.isFinite(w) || w < 0) throw new Error(`The cost of suppressing "${table.labels[i]}" must be a number of zero or more.`);
    costs[i] = w;
  }
  return { table, primary, upper, lower, width, floor, suppressible, cost: costs };
}

/**
 * A suppression pattern that certainly protects `cell`, for 2-D hierarchical tables: every (row ancestor-or-self ×
 * column ancestor-or-self). Raising (or lowering) all of them by the same amount keeps every relation true, and each
 * is at least the cell's value, so the attacker's interval reaches the protection levels (downwards too: an ancestor has at least as much room above
 * its floor as the cell has). This is the repair of last
 * resort that makes the heuristic's audit loop always terminate.
 */
export function ancestorCross(table: SdcTable, cell: number): number[] {
  const grid = table.grid;
  if (!grid) return [];
  const nc = grid.cols.labels.length;
  const rowChain: number[] = [];
  for (let r = Math.floor(cell / nc); r >= 0; r = grid.rows.parent[r]!) rowChain.push(r);
  const colChain: number[] = [];
  for (let c = cell % nc; c >= 0; c = grid.cols.parent[c]!) colChain.push(c);
  return rowChain.flatMap((r) => colChain.map((c) => r * nc + c));
}
