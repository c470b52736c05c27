// Disclosure-control layer, pure: what every reader knows of each confidential cell when tables are linked through
// cells no table prints (differencing.ts). floors() reads it off the relations one at a time, which is exact for a
// table and its linked margins; with differences between tables it can miss what the relations give together — a
// difference equal to another table's confidential cell is at least that cell's 1 — and a lower protection below what
// every reader knows can never be met. So here the least value of each such cell is solved for, as an attacker with
// nothing but the published zeros would, and its lower protection stops there (as primary.ts explains).
import { intervals } from './attacker.ts';
import type { LpSolver } from './lp.ts';
import { protectionLevels, type SuppressionProblem } from './primary.ts';
import type { SdcRules } from './rules.ts';

export async function withKnownFloors(problem: SuppressionProblem, rules: SdcRules, solver: LpSolver): Promise<SuppressionProblem> {
  const { table } = problem;
  if (!table.unpublished) return problem;
  // Everything a reader may not see: every cell but the published zeros.
  const unknown = Uint8Array.from(table.values, (v, i) => (v > 0 || rules.suppressZeros || table.unpublished![i] ? 1 : 0));
  const needs = (c: number) => problem.primary[c] === 1 && problem.lower[c]! > 0;
  const { intervals: found } = await intervals(problem, unknown, solver, needs);
  const floor = Float64Array.from(problem.floor);
  const lower = Float64Array.from(problem.lower);
  for (const { cell, min } of found) {
    if (!(min > floor[cell]!)) continue;
    floor[cell] = min;
    lower[cell] = protectionLevels(table.values[cell]!, rules, min).lower;
  }
  return { ...problem, floor, lower };
}
