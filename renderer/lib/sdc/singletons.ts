// Disclosure-control layer, pure: the singleton problem, as τ-Argus's singleton options handle it. The one person
// counted in a withheld cell of 1 knows that cell exactly; if it shares a relation with just one other withheld cell,
// that person subtracts and recovers the other (Kent Police: Adult 15 and Total 21 published, Child and Not
// specified withheld; the one "not specified" person gets Child = 21 − 15 − 1 = 5). The LP audit cannot see this —
// to every other reader both cells are unknown — so the rule is structural: a withheld 1 never sits in a relation
// with exactly one other withheld cell; a third is withheld, the cheapest the relation offers.
import type { LpSolver } from './lp.ts';
import type { Progress, SuppressionProblem } from './primary.ts';
import { auditAndRepair, type HeuristicResult } from './secondary-heuristic.ts';

/** A protected pattern with the singleton rule applied and audited again (repairs can pair a 1 anew, so repeat). */
export async function withSingletons(problem: SuppressionProblem, result: HeuristicResult, solver: LpSolver, progress?: Progress): Promise<HeuristicResult> {
  let current = result;
  while (protectSingletons(problem, current.suppressed).length > 0) {
    current = await auditAndRepair(problem, current.suppressed, solver, current.lpsSolved, progress);
  }
  return current;
}

/** Cells withheld so that no withheld 1 shares a relation with exactly one other withheld cell; mutates `suppressed`. */
export function protectSingletons(problem: SuppressionProblem, suppressed: Uint8Array): number[] {
  const { table } = problem;
  const added: number[] = [];
  const isSingleton = (c: number) => suppressed[c] === 1 && table.values[c] === 1;
  // A cell withheld here can put a second withheld cell beside another 1, so repeat until nothing changes; every
  // pass withholds at least one more cell, so this ends.
  for (let changed = true; changed; ) {
    changed = false;
    for (const rel of table.relations) {
      const cells = [rel.total, ...rel.parts];
      const hidden = cells.filter((c) => suppressed[c]);
      if (hidden.length !== 2 || !hidden.some(isSingleton)) continue;
      const third = cheapestOther(problem, cells, suppressed);
      // A relation with nothing else to withhold (every other cell a published zero) leaves only 1s and zeros the
      // reader knows already: nothing more to protect.
      if (third === null) continue;
      suppressed[third] = 1;
      added.push(third);
      changed = true;
    }
  }
  return added;
}

/** The cell of the relation that costs least to withhold (a part before a total of the same cost), or null. */
function cheapestOther(problem: SuppressionProblem, cells: readonly number[], suppressed: Uint8Array): number | null {
  let best: number | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const c of cells) {
    if (suppressed[c] || !problem.suppressible[c]) continue;
    const cost = problem.cost[c]! * (problem.table.isTotal[c] ? 1.05 : 1);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * The same rule for the optimal search's master problem, over its 0/1 variables (varOf: cell → variable, −1 for a
 * cell that is fixed): for each relation holding a confidential 1 `s` and each other cell `t`, Σ y over the rest of the
 * relation ≥ y_t — if t is withheld, so is a third cell. Fixed cells are constants: primaries 1, the others 0.
 */
export function singletonCuts(problem: SuppressionProblem, varOf: Int32Array): { indices: number[]; coefficients: number[]; rhs: number }[] {
  const { table, primary } = problem;
  const cuts: { indices: number[]; coefficients: number[]; rhs: number }[] = [];
  for (const rel of table.relations) {
    const cells = [rel.total, ...rel.parts];
    for (const s of cells) {
      if (!primary[s] || table.values[s] !== 1) continue;
      for (const t of cells) {
        if (t === s || (!primary[t] && varOf[t]! < 0)) continue;
        const rest = cells.filter((c) => c !== s && c !== t);
        if (rest.some((c) => primary[c])) continue; // a third cell is withheld whatever happens
        const vars = rest.flatMap((c) => (varOf[c]! >= 0 ? [varOf[c]!] : []));
        if (vars.length === 0) continue; // nothing else to withhold: the rule cannot apply (as protectSingletons)
        if (primary[t]) cuts.push({ indices: vars, coefficients: vars.map(() => 1), rhs: 1 });
        else cuts.push({ indices: [...vars, varOf[t]!], coefficients: [...vars.map(() => 1), -1], rhs: 0 });
      }
    }
  }
  return cuts;
}
