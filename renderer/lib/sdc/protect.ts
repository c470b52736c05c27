// Disclosure-control layer, pure: the one entry point that turns a count table and its rules into what may be
// published — primary suppression, secondary suppression (heuristic, or optimal within a time limit and never worse
// than the heuristic), the audit, and rounding of what remains. Nothing is rounded, dropped or re-totalled
// silently: every cell keeps its true value, its published value and its status side by side, and the result says
// how many cells went, how much information that cost, and whether the audit passed.
import type { AuditResult } from './audit.ts';
import { withKnownFloors } from './known-floors.ts';
import type { LpSolver } from './lp.ts';
import { suppressionProblem, type CostModel, type Progress } from './primary.ts';
import { controlledRounding } from './controlled-rounding.ts';
import { publishedCount, roundingNote, type Rounding } from './rounding.ts';
import type { SdcRules } from './rules.ts';
import { auditAndRepair, heuristicSecondary } from './secondary-heuristic.ts';
import { optimalSecondary, secondaryCost } from './secondary-optimal.ts';
import { withSingletons } from './singletons.ts';
import { PRIMARY, SECONDARY, status as statusOf, type CellStatus } from './status.ts';

const NOT_PRINTED = statusOf('x');
import { describeInconsistencies, inconsistencies, type SdcTable } from './table.ts';

export interface ProtectedCell {
  readonly label: string;
  /** The true count, never altered. */
  readonly value: number;
  /** What is printed: null for [c], rounded when the rules round. */
  readonly published: number | null;
  readonly status: CellStatus | null;
}

export interface InformationLoss {
  /** Sum of the true values of every suppressed cell (primary and secondary; a total counts with its parts). */
  readonly suppressedTotal: number;
  /** suppressedTotal as a percentage of the grand total. */
  readonly suppressedPct: number;
  /** The part of it lost to secondary suppression, which is what the secondary methods minimise. */
  readonly secondaryTotal: number;
  readonly secondaryPct: number;
  readonly grandTotal: number;
}

export interface ProtectionResult {
  readonly cells: readonly ProtectedCell[];
  readonly primaryCount: number;
  readonly secondaryCount: number;
  readonly audit: AuditResult;
  readonly informationLoss: InformationLoss;
  readonly mode: SdcRules['mode'];
  /** Optimal mode: whether the pattern was proven to lose the least information possible. Heuristic: false. */
  readonly provenOptimal: boolean;
  /** Optimal mode: the heuristic's secondary loss it started from, for comparison. */
  readonly heuristicSecondaryTotal: number;
  /** E.g. "12 cells suppressed: 7 primary, 5 secondary; audit passed". */
  readonly summary: string;
  /** How the published counts were rounded (null: exact); the table's note says so (roundingNote). */
  readonly rounding: Rounding | null;
  /** Longer notes for the analyst: optimality, rounding. */
  readonly notes: readonly string[];
}

export interface ProtectOptions {
  /** Optimal mode's time limit (default 20 s); the heuristic's answer stands if nothing better is proven by then. */
  readonly timeLimitSeconds?: number;
  /** What a suppression costs (default: the cell's count). */
  readonly cost?: CostModel;
  /** Told how far secondary suppression and the audit have got, for a long protection. */
  readonly onProgress?: Progress;
}

export async function protectTable(table: SdcTable, rules: SdcRules, solver: LpSolver, options: ProtectOptions = {}): Promise<ProtectionResult> {
  const wrong = inconsistencies(table);
  if (wrong.length > 0) throw new Error(describeInconsistencies(wrong));
  const problem = await withKnownFloors(suppressionProblem(table, rules, options.cost), rules, solver);

  const progress = options.onProgress;
  const heuristic = await withSingletons(problem, await heuristicSecondary(problem, solver, undefined, progress), solver, progress);
  const heuristicSecondaryTotal = secondaryLoss(table, problem.primary, heuristic.suppressed);
  let suppressed = heuristic.suppressed;
  let audit = heuristic.audit;
  let provenOptimal = false;
  const notes: string[] = [];
  if (rules.mode === 'optimal') {
    const limit = options.timeLimitSeconds ?? 20;
    const optimal = await optimalSecondary(problem, solver, heuristic.suppressed, { timeLimitSeconds: limit, progress });
    provenOptimal = optimal.provenOptimal;
    if (secondaryCost(problem, optimal.suppressed) < secondaryCost(problem, heuristic.suppressed)) {
      const checked = await withSingletons(problem, await auditAndRepair(problem, optimal.suppressed, solver, 0, progress), solver, progress);
      // A repair (only ever needed for solver tolerances) could cost more than it saved: keep the cheaper.
      if (secondaryCost(problem, checked.suppressed) < secondaryCost(problem, heuristic.suppressed)) {
        suppressed = checked.suppressed;
        audit = checked.audit;
      } else provenOptimal = false;
    }
    notes.push(
      provenOptimal
        ? 'Secondary suppression is optimal: no other protected pattern loses less information.'
        : `Secondary suppression is the best found within ${limit} s, not proven optimal (it is never worse than the fast method's).`,
    );
  }
  const withheld = Uint8Array.from(suppressed, (x, i) => x | problem.primary[i]!);
  let rounding: Rounding | null = null;
  let controlled: Float64Array | null = null;
  if (rules.roundingBase !== null) {
    if (rules.roundingMethod === 'controlled') {
      controlled = await controlledRounding(table, withheld, rules.roundingBase, solver, options.timeLimitSeconds ?? 20);
      if (!controlled) notes.push('No rounding of this table keeps every total adding up, so each figure is rounded to the nearest on its own.');
    }
    rounding = { base: rules.roundingBase, method: controlled ? 'controlled' : 'nearest' };
    notes.push(roundingNote(rounding));
  }

  let primaryCount = 0;
  let secondaryCount = 0;
  let suppressedTotal = 0;
  const cells = table.labels.map((label, i): ProtectedCell => {
    const value = table.values[i]!;
    // A cell no table prints (differencing.ts) is withheld by nature, not suppressed: it counts in no summary.
    if (table.unpublished?.[i]) return { label, value, published: null, status: NOT_PRINTED };
    let status: CellStatus | null = null;
    if (problem.primary[i]) {
      status = PRIMARY;
      primaryCount++;
    } else if (suppressed[i]) {
      status = SECONDARY;
      secondaryCount++;
    }
    if (status) suppressedTotal += value;
    const published = controlled && !status ? controlled[i]! : publishedCount(value, status, rules.roundingBase);
    return { label, value, published, status };
  });
  const grandTotal = grandTotalOf(table);
  const secondaryTotal = secondaryLoss(table, problem.primary, suppressed);
  const pct = (x: number) => (grandTotal > 0 ? (100 * x) / grandTotal : 0);
  const count = primaryCount + secondaryCount;
  const summary = `${count} cell${count === 1 ? '' : 's'} suppressed: ${primaryCount} primary, ${secondaryCount} secondary; audit ${audit.passed ? 'passed' : 'failed'}`;
  return {
    cells,
    primaryCount,
    secondaryCount,
    audit,
    informationLoss: { suppressedTotal, suppressedPct: pct(suppressedTotal), secondaryTotal, secondaryPct: pct(secondaryTotal), grandTotal },
    mode: rules.mode,
    provenOptimal,
    heuristicSecondaryTotal,
    summary,
    rounding,
    notes,
  };
}

function secondaryLoss(table: SdcTable, primary: Uint8Array, suppressed: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < table.size; i++) if (suppressed[i] && !primary[i]) s += table.values[i]!;
  return s;
}

/** The grid's top-left cell (root × root); for linked tables, the largest total. */
function grandTotalOf(table: SdcTable): number {
  if (table.grid) return table.values[0]!;
  let max = 0;
  for (let i = 0; i < table.size; i++) if (!table.unpublished?.[i]) max = Math.max(max, table.values[i]!);
  return max;
}
