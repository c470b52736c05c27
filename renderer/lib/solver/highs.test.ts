// The HiGHS adapter in Node, against optima worked out by hand: an LP, a MIP, infeasible and unbounded models, the
// dual convention the optimal mode's cuts rely on, MIP starts and time limits, and sessions re-solving after
// changed costs and bounds (with and without the native session, whose fallback re-sends the model).
import { beforeAll, describe, expect, it } from 'vitest';
import { openSession, type LpModel, type LpSolver } from '../sdc/lp.ts';
import { loadNodeHighsSolver } from './highs-node.ts';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
});

const INF = Number.POSITIVE_INFINITY;

/** min x + 2y s.t. x + y ≥ 2, x − y = 0, x, y ≥ 0: optimum 3 at (1, 1). */
const lp: LpModel = {
  cost: [1, 2],
  lower: [0, 0],
  upper: [INF, INF],
  rows: [
    { indices: [0, 1], coefficients: [1, 1], lower: 2, upper: INF },
    { indices: [0, 1], coefficients: [1, -1], lower: 0, upper: 0 },
  ],
};

describe('highs adapter', () => {
  it('solves an LP to its known optimum', async () => {
    const r = await solver.solve(lp);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(3, 9);
    expect([...r.values!]).toEqual([1, 1]);
  });

  it('reports row duals with reduced cost = cost − Aᵀ·duals', async () => {
    const r = await solver.solve(lp);
    const [p0, p1] = r.rowDuals!;
    // Both columns are basic, so both reduced costs are zero: 1 − (p0 + p1) = 0 and 2 − (p0 − p1) = 0.
    expect(p0!).toBeCloseTo(1.5, 9);
    expect(p1!).toBeCloseTo(-0.5, 9);
  });

  it('solves a MIP to its known optimum, which the LP relaxation would not give', async () => {
    // max x + y with 2x + 2y ≤ 7, integers: 3 (the relaxation gives 3.5).
    const mip: LpModel = { sense: 'maximize', cost: [1, 1], lower: [0, 0], upper: [10, 10], integer: [1, 1], rows: [{ indices: [0, 1], coefficients: [2, 2], lower: -INF, upper: 7 }] };
    const r = await solver.solve(mip);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(3, 9);
    expect(r.values![0]! + r.values![1]!).toBeCloseTo(3, 9);
    expect(r.rowDuals).toBeNull();
    const relaxed = await solver.solve({ ...mip, integer: undefined });
    expect(relaxed.objective).toBeCloseTo(3.5, 9);
  });

  it('keeps a MIP start and reports a bound', async () => {
    // Knapsack: max 5a + 4b + 3c, 2a + 3b + c ≤ 4, binary: optimum 8 (a, c).
    const knap: LpModel = { sense: 'maximize', cost: [5, 4, 3], lower: [0, 0, 0], upper: [1, 1, 1], integer: [1, 1, 1], rows: [{ indices: [0, 1, 2], coefficients: [2, 3, 1], lower: -INF, upper: 4 }], start: [0, 1, 1] };
    const r = await solver.solve(knap);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(8, 9);
    expect(r.bound).toBeCloseTo(8, 6);
  });

  it('reports an infeasible model as infeasible, not as an error', async () => {
    const r = await solver.solve({ cost: [1], lower: [0], upper: [1], rows: [{ indices: [0], coefficients: [1], lower: 2, upper: 3 }] });
    expect(r.status).toBe('infeasible');
    expect(r.values).toBeNull();
    expect(r.objective).toBeNaN();
  });

  it('reports an unbounded model as unbounded', async () => {
    const r = await solver.solve({ cost: [-1, 0], lower: [0, 0], upper: [INF, INF], rows: [{ indices: [0, 1], coefficients: [1, -1], lower: 0, upper: 0 }] });
    expect(r.status).toBe('unbounded');
  });

  it('turns solver errors into a failed status with the reason', async () => {
    const r = await solver.solve({ cost: [1], lower: [0], upper: [1], rows: [{ indices: [5], coefficients: [1], lower: 0, upper: 1 }] });
    expect(r.status).toBe('failed');
    expect(r.message).toBeTruthy();
  });

  for (const native of [true, false]) {
    it(`re-solves a session after changed costs and bounds (${native ? 'native session' : 'fallback session'})`, async () => {
      const s = native ? solver : { solve: solver.solve.bind(solver) };
      const session = openSession(s, lp);
      try {
        expect((await session.solve()).objective).toBeCloseTo(3, 9);
        session.setCosts([3, 1]); // min 3x + y on x = y ≥ 1: 4
        expect((await session.solve()).objective).toBeCloseTo(4, 9);
        session.setBounds([1], [2], [5]); // y ≥ 2 forces x = y = 2: 8
        const r = await session.solve();
        expect(r.objective).toBeCloseTo(8, 9);
        expect([...r.values!]).toEqual([2, 2]);
        session.setBounds([0], [0], [1]); // x ≤ 1 but x = y ≥ 2: infeasible
        expect((await session.solve()).status).toBe('infeasible');
      } finally {
        session.dispose();
      }
    });
  }

  it('stops at a time limit without claiming optimality', async () => {
    // A 0/1 knapsack large enough that a 1 ms limit cannot prove anything.
    const n = 60;
    const w = Array.from({ length: n }, (_, i) => 17 + ((i * 37) % 41));
    const v = w.map((x, i) => x + ((i * 13) % 7));
    const r = await solver.solve(
      { sense: 'maximize', cost: v, lower: new Array(n).fill(0), upper: new Array(n).fill(1), integer: new Array(n).fill(1), rows: [{ indices: w.map((_, i) => i), coefficients: w, lower: -INF, upper: 1000.5 }] },
      { timeLimitSeconds: 0.001 },
    );
    expect(r.status).toBe('time-limit');
    // Whatever point it has (if any) must still be feasible.
    if (r.values) expect(w.reduce((s, x, i) => s + x * Math.round(r.values![i]!), 0)).toBeLessThanOrEqual(1000.5);
  });
});
