// Disclosure-control layer, pure: optimal secondary suppression — the pattern losing the least information that
// still passes the audit. It is the cut-generation form of the classical cell-suppression model (Fischetti &
// Salazar-González, "Models and algorithms for optimizing cell suppression in tabular data with linear
// constraints", JASA 95 (2000), and "Solving the cell suppression problem on tabular data with linear constraints",
// Management Science 47 (2001)): a master MIP over one binary per candidate cell, minimising the information lost,
// and for every primary cell and direction the attacker's LP. When a master solution leaves a primary cell short,
// the attacker LP's duals give a Benders ("capacity") cut every protected pattern satisfies and this one violates;
// the loop ends when the master's answer passes every check, which proves it optimal. It starts from the heuristic's
// pattern (a valid incumbent and MIP start) and, at the time limit, returns the best protected pattern found,
// marked "not proven optimal" — never worse than the heuristic's.
import { attackerLp, components, extreme, type AttackerLp } from './attacker.ts';
import { LP_TOLERANCE, openSession, type LpRow, type LpSolver } from './lp.ts';
import type { Progress, SuppressionProblem } from './primary.ts';
import { singletonCuts } from './singletons.ts';

export interface OptimalResult {
  readonly suppressed: Uint8Array;
  readonly provenOptimal: boolean;
  /** Best proven lower bound on the cost of the secondary suppressions (equal to it when proven optimal). */
  readonly lowerBound: number;
  readonly iterations: number;
  readonly cuts: number;
  readonly lpsSolved: number;
}

/** Σ coefficients[k] · y[indices[k]] ≥ rhs over candidate variables. */
interface Cut {
  readonly indices: number[];
  readonly coefficients: number[];
  readonly rhs: number;
}

export function secondaryCost(problem: SuppressionProblem, suppressed: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < problem.table.size; i++) if (suppressed[i] && !problem.primary[i]) s += problem.cost[i]!;
  return s;
}

export async function optimalSecondary(
  problem: SuppressionProblem,
  solver: LpSolver,
  incumbent: Uint8Array,
  options: { timeLimitSeconds: number; progress?: Progress },
): Promise<OptimalResult> {
  const { table } = problem;
  const deadline = Date.now() + options.timeLimitSeconds * 1000;
  const candidates: number[] = [];
  const varOf = new Int32Array(table.size).fill(-1);
  for (let i = 0; i < table.size; i++) if (problem.suppressible[i] && !problem.primary[i]) varOf[i] = candidates.push(i) - 1;
  // Among patterns losing the same (whole-number) amount, prefer fewer cells: the nudge sums to less than 1.
  const integral = candidates.every((i) => Number.isInteger(problem.cost[i]));
  const nudge = integral ? 1 / (candidates.length + 2) : 0;
  const cost = Float64Array.from(candidates, (i) => problem.cost[i]! + nudge);

  const cuts: Cut[] = [];
  const seen = new Set<string>();
  const addCut = (cut: Cut) => {
    const key = `${cut.indices.join(',')}|${cut.coefficients.map((c) => c.toFixed(6)).join(',')}|${cut.rhs.toFixed(6)}`;
    if (!seen.has(key)) {
      seen.add(key);
      cuts.push(cut);
    }
  };
  // A primary cell alone among suppressed cells in a relation is worked out by subtraction: another cell of that
  // relation must go too. These cuts are in every textbook model and save the first rounds of the loop.
  for (const rel of table.relations) {
    const members = [rel.total, ...rel.parts];
    if (members.filter((i) => problem.primary[i]).length !== 1) continue;
    const vars = members.map((i) => varOf[i]!).filter((v) => v >= 0);
    if (vars.length > 0) addCut({ indices: vars, coefficients: vars.map(() => 1), rhs: 1 });
  }
  // A withheld 1 never shares a relation with just one other withheld cell (singletons.ts).
  for (const c of singletonCuts(problem, varOf)) addCut(c);

  let best = Uint8Array.from(incumbent);
  let bestCost = secondaryCost(problem, best);
  let lowerBound = 0;
  let proven = false;
  let iterations = 0;
  let lpsSolved = 0;
  while (!proven && candidates.length > 0) {
    const remaining = (deadline - Date.now()) / 1000;
    if (remaining <= 0) break;
    options.progress?.('optimal', Math.round(options.timeLimitSeconds - remaining), options.timeLimitSeconds);
    iterations++;
    const rows: LpRow[] = cuts.map((c) => ({ indices: c.indices, coefficients: c.coefficients, lower: c.rhs, upper: Number.POSITIVE_INFINITY }));
    const result = await solver.solve(
      {
        cost,
        lower: new Float64Array(candidates.length),
        upper: new Float64Array(candidates.length).fill(1),
        integer: new Uint8Array(candidates.length).fill(1),
        rows,
        start: Float64Array.from(candidates, (i) => best[i]!),
      },
      { timeLimitSeconds: remaining, mipRelativeGap: 0, mipAbsoluteGap: integral ? nudge / 4 : 1e-6 },
    );
    if (!result.values) break; // out of time before any master solution: the incumbent stands, unproven
    const masterOptimal = result.status === 'optimal';
    if (result.bound !== undefined) {
      // The bound includes the nudges (less than 1 in all); with whole-number costs the next whole number below
      // the un-nudged bound is still a bound.
      const bound = result.bound - nudge * candidates.length;
      lowerBound = Math.max(lowerBound, integral ? Math.ceil(bound - LP_TOLERANCE) : bound);
    }
    const pattern = new Uint8Array(table.size);
    for (let i = 0; i < table.size; i++) if (problem.primary[i]) pattern[i] = 1;
    candidates.forEach((cell, v) => {
      if (result.values![v]! > 0.5) pattern[cell] = 1;
    });
    const check = await findCuts(problem, pattern, solver, varOf);
    lpsSolved += check.lpsSolved;
    if (check.cuts.length === 0) {
      const patternCost = secondaryCost(problem, pattern);
      if (patternCost <= bestCost + LP_TOLERANCE) {
        best = pattern;
        bestCost = patternCost;
      }
      proven = masterOptimal;
    } else {
      for (const cut of check.cuts) addCut(cut);
    }
    // The master is a relaxation: once its bound meets the incumbent, the incumbent is optimal.
    if (masterOptimal && lowerBound >= bestCost - LP_TOLERANCE) proven = true;
    if (!masterOptimal) break; // time limit inside the master: no proof is coming
  }
  if (candidates.length === 0) proven = true; // nothing could be added: the incumbent is the only pattern
  return { suppressed: best, provenOptimal: proven, lowerBound: proven ? bestCost : Math.min(lowerBound, bestCost), iterations, cuts: cuts.length, lpsSolved };
}

/**
 * Checks every primary cell of a pattern: up by its upper level, down by its lower level, and an interval at least
 * its required width. Each shortfall becomes a cut this pattern violates.
 */
async function findCuts(problem: SuppressionProblem, pattern: Uint8Array, solver: LpSolver, varOf: Int32Array): Promise<{ cuts: Cut[]; lpsSolved: number }> {
  const cuts: Cut[] = [];
  let lpsSolved = 0;
  for (const component of components(problem.table, pattern)) {
    const primaries = component.cells.filter((c) => problem.primary[c]);
    if (primaries.length === 0) continue;
    const lp = attackerLp(problem, pattern, component);
    const session = openSession(solver, lp.model);
    try {
      for (const p of primaries) {
        const value = problem.table.values[p]!;
        const [up, down, width] = [problem.upper[p]!, problem.lower[p]!, problem.width[p]!];
        // The highest value (minimise −x) and the lowest (minimise x), each with the duals behind it.
        const label = problem.table.labels[p];
        const max = up > 0 || width > 0 ? await extreme(session, lp, p, -1, label) : null;
        const min = down > 0 || width > 0 ? await extreme(session, lp, p, 1, label) : null;
        lpsSolved += (max ? 1 : 0) + (min ? 1 : 0);
        const weigh = (x: typeof max, sign: 1 | -1) => (x?.result.rowDuals ? weights(problem, lp, p, sign, x.result.rowDuals) : null);
        if (max && max.value - value < up - LP_TOLERANCE) cuts.push(cut(problem, pattern, varOf, [weigh(max, -1)], up));
        if (min && value - min.value < down - LP_TOLERANCE) cuts.push(cut(problem, pattern, varOf, [weigh(min, 1)], down));
        // Both extremes' bounds add up: width = max − min ≥ the sum of the two Lagrangian bounds.
        if (max && min && max.value - min.value < width - LP_TOLERANCE) cuts.push(cut(problem, pattern, varOf, [weigh(max, -1), weigh(min, 1)], width));
      }
    } finally {
      session.dispose();
    }
  }
  return { cuts, lpsSolved };
}

/**
 * Benders weights from the attacker LP's duals π (objective c = sign·e_p, minimised). With reduced costs
 * r = c − Aᵀπ over every cell, any pattern y protecting p by `amount` in that direction satisfies Σ w_i·y_i ≥ amount,
 * where a cell that can move down by at most its room (value − floor) gives w_i = r_i·room_i for r_i > 0 and a cell
 * free to move up without limit gives w_i = ∞ for r_i < 0 (Fischetti & Salazar-González's capacity cuts).
 */
function weights(problem: SuppressionProblem, lp: AttackerLp, p: number, sign: 1 | -1, duals: Float64Array): Map<number, number> {
  const { table } = problem;
  const reduced = new Map<number, number>([[p, sign]]);
  lp.component.relations.forEach((k, row) => {
    const pi = duals[row]!;
    if (pi === 0) return;
    const rel = table.relations[k]!;
    reduced.set(rel.total, (reduced.get(rel.total) ?? 0) - pi);
    for (const part of rel.parts) reduced.set(part, (reduced.get(part) ?? 0) + pi);
  });
  const w = new Map<number, number>();
  for (const [cell, r] of reduced) {
    if (r > LP_TOLERANCE) w.set(cell, r * Math.max(0, table.values[cell]! - problem.floor[cell]!));
    else if (r < -LP_TOLERANCE) w.set(cell, Number.POSITIVE_INFINITY);
  }
  return w;
}

/**
 * Σ w_i·y_i ≥ amount over candidate cells, from one or two sets of weights (summed). Primary cells are always
 * suppressed, so their terms move to the right; weights above the right-hand side are capped at it (valid as y is
 * 0/1). If duals are missing or the cut would not cut off this pattern (numerical trouble), the weaker "suppress at
 * least one more cell" cut is used: any pattern inside an unprotected one is unprotected too.
 */
function cut(problem: SuppressionProblem, pattern: Uint8Array, varOf: Int32Array, sets: readonly (Map<number, number> | null)[], amount: number): Cut {
  const noGood = (): Cut => {
    const indices: number[] = [];
    varOf.forEach((v, cell) => {
      if (v >= 0 && !pattern[cell]) indices.push(v);
    });
    return { indices, coefficients: indices.map(() => 1), rhs: 1 };
  };
  if (sets.some((x) => x === null)) return noGood();
  let rhs = amount;
  const terms = new Map<number, number>(); // cell → weight
  for (const set of sets as Map<number, number>[]) {
    for (const [cell, w] of set) {
      if (problem.primary[cell]) rhs -= w;
      else if (varOf[cell]! >= 0 && w > 0) terms.set(cell, (terms.get(cell) ?? 0) + w);
    }
  }
  if (!(rhs > LP_TOLERANCE) || terms.size === 0) return noGood();
  let atPattern = 0;
  for (const [cell, w] of terms) if (pattern[cell]) atPattern += Math.min(rhs, w);
  if (atPattern >= rhs - LP_TOLERANCE) return noGood();
  const cells = [...terms.keys()].sort((a, b) => varOf[a]! - varOf[b]!);
  return { indices: cells.map((c) => varOf[c]!), coefficients: cells.map((c) => Math.min(rhs, terms.get(c)!)), rhs };
}
