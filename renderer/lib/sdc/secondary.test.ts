// The secondary methods on their own: the audit's repair loop ends with a passing pattern, the heuristic re-uses the
// deviations it finds instead of solving an LP per primary cell, and the optimal search improves on a poor incumbent
// and proves it — on a hierarchical table and on a table linked other than by a grid.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { audit } from './audit.ts';
import type { LpSolver } from './lp.ts';
import { ancestorCross, suppressionProblem } from './primary.ts';
import { parseSdcRules } from './rules.ts';
import { auditAndRepair, heuristicSecondary } from './secondary-heuristic.ts';
import { optimalSecondary, secondaryCost } from './secondary-optimal.ts';
import { withSingletons } from './singletons.ts';
import { hierarchicalTable, linkedTable, type AxisNode } from './table.ts';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
});

function grouped(name: string, groups: number, per: number): AxisNode {
  return {
    label: 'Total',
    children: Array.from({ length: groups }, (_, g) => ({ label: `${name}${g}`, children: Array.from({ length: per }, (_, k) => ({ label: `${name}${g}.${k}` })) })),
  };
}

function table(seed: number, groups = 3, per = 4) {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return hierarchicalTable(grouped('r', groups, per), grouped('c', groups, per), () => (next() < 0.15 ? 0 : next() < 0.45 ? 1 + Math.floor(next() * 9) : 10 + Math.floor(next() * 60)), {
    computeTotals: true,
  });
}

describe('secondary suppression', () => {
  it('repairs a pattern the audit rejects by suppressing ancestor crosses, until it passes', async () => {
    const t = table(5);
    const problem = suppressionProblem(t, parseSdcRules({}));
    const onlyPrimary = Uint8Array.from(problem.primary);
    expect((await audit(problem, onlyPrimary, solver)).passed).toBe(false);
    const before = Uint8Array.from(onlyPrimary);
    const repaired = await auditAndRepair(problem, onlyPrimary, solver);
    expect(repaired.audit.passed).toBe(true);
    expect(repaired.repaired).toBeGreaterThan(0);
    // Everything added lies in the ancestor cross of some primary cell.
    const crosses = new Set<number>();
    problem.primary.forEach((p, i) => p && ancestorCross(t, i).forEach((c) => crosses.add(c)));
    repaired.suppressed.forEach((x, i) => {
      if (x && !before[i]) expect(crosses.has(i), t.labels[i]).toBe(true);
    });
  });

  it('re-uses the deviations it finds: far fewer LPs than two per primary cell', async () => {
    const t = table(9, 4, 5);
    const problem = suppressionProblem(t, parseSdcRules({}));
    const primaries = problem.primary.reduce((s, x) => s + x, 0);
    const result = await heuristicSecondary(problem, solver);
    expect(result.audit.passed).toBe(true);
    expect(result.repaired).toBe(0);
    const heuristicLps = result.lpsSolved - result.audit.lpsSolved;
    expect(heuristicLps).toBeLessThan(primaries);
  });

  it('improves on a poor incumbent and proves the result optimal', async () => {
    const t = table(21);
    const problem = suppressionProblem(t, parseSdcRules({}));
    // Suppressing everything that may be suppressed is protected, and as poor as it gets.
    const everything = Uint8Array.from(problem.suppressible, (s, i) => (s || problem.primary[i] ? 1 : 0));
    expect((await audit(problem, everything, solver)).passed).toBe(true);
    const result = await optimalSecondary(problem, solver, everything, { timeLimitSeconds: 30 });
    expect(result.provenOptimal).toBe(true);
    expect(secondaryCost(problem, result.suppressed)).toBeLessThan(secondaryCost(problem, everything));
    expect(result.lowerBound).toBe(secondaryCost(problem, result.suppressed));
    expect((await audit(problem, result.suppressed, solver)).passed).toBe(true);
    // And the heuristic, started afresh (with the singleton rule the optimal search also obeys), cannot beat it.
    const heuristic = await withSingletons(problem, await heuristicSecondary(problem, solver), solver);
    expect(secondaryCost(problem, heuristic.suppressed)).toBeGreaterThanOrEqual(secondaryCost(problem, result.suppressed));
  });

  it('works on tables linked other than by a grid', async () => {
    // A total split three ways and two ways; 3 and 6 are confidential.
    const t = linkedTable([60, 3, 20, 37, 6, 54], [{ total: 0, parts: [1, 2, 3] }, { total: 0, parts: [4, 5] }], ['All', 'a', 'b', 'c', 'x', 'y']);
    const problem = suppressionProblem(t, parseSdcRules({}));
    const heuristic = await heuristicSecondary(problem, solver);
    const optimal = await optimalSecondary(problem, solver, heuristic.suppressed, { timeLimitSeconds: 10 });
    expect(heuristic.audit.passed).toBe(true);
    expect(optimal.provenOptimal).toBe(true);
    // Each confidential cell needs another cell of its split: b (20) for a and y (54) for x cost 74, while All (60)
    // serves both splits at once.
    expect(t.labels.filter((_, i) => optimal.suppressed[i])).toEqual(['All', 'a', 'x']);
    expect(secondaryCost(problem, optimal.suppressed)).toBe(60);
  });
});
