// Property test of linked protection with the real HiGHS solver: random packs of 2–4 count tables drawn from one
// random source (every table is the same records counted by the same rows, split by a different column field), so
// they share their row margins. Protected together, in both modes, with and without rounding (each figure on its
// own, or controlled), the attacker written apart from the audit, reading every figure of every table at once — and
// given the true value of every published one, which rounding only blurs — never narrows a confidential count below
// its protection; and every percentage of a row total the tables could show is computed from published figures
// alone (withheld where either count is), so reading the percentages tells the attacker nothing more.
// `SDC_PROPERTY_RUNS` raises the number of runs.
import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { protectLinked } from './linked.ts';
import type { LpSolver } from './lp.ts';
import { publishedPercentage } from './rounding.ts';
import { parseSdcRules } from './rules.ts';
import { isConfidential } from './status.ts';
import { flatten, type SolveLpText, type Tree } from './test-independent-audit.ts';
import { leaks, sdcOf, type Grid } from './test-linked-attack.ts';

const RUNS = Number(process.env.SDC_PROPERTY_RUNS ?? 20);

let solver: LpSolver;
let solveText: SolveLpText;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
});

const rowsArb: fc.Arbitrary<Tree> = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }).map((groups) => ({
  label: 'R',
  children: groups.map((size, g) => (size === 0 ? { label: `R${g}` } : { label: `R${g}`, children: Array.from({ length: size + 1 }, (_, k) => ({ label: `R${g}.${k}` })) })),
}));

const packArb = fc
  .record({
    rows: rowsArb,
    splits: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 2, maxLength: 4 }),
    zeros: fc.boolean(),
    mode: fc.constantFrom('heuristic' as const, 'optimal' as const),
    rounding: fc.constantFrom(null, 'nearest' as const, 'controlled' as const),
  })
  .chain(({ rows, splits, zeros, mode, rounding }) => {
    const records = flatten(rows).labels.length * splits.reduce((p, n) => p * n, 1);
    const count = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 3 }, { arbitrary: fc.integer({ min: 7, max: 30 }), weight: 3 });
    return fc.record({
      rows: fc.constant(rows),
      splits: fc.constant(splits),
      zeros: fc.constant(zeros),
      mode: fc.constant(mode),
      rounding: fc.constant(rounding),
      micro: fc.array(count, { minLength: records, maxLength: records }),
    });
  });

/** Table t: the records counted by row × the t-th split (the others summed out). */
function gridsOf(p: { rows: Tree; splits: number[]; micro: number[] }): Grid[] {
  const size = p.splits.reduce((s, n) => s * n, 1);
  const digit = (combo: number, t: number) => Math.floor(combo / p.splits.slice(t + 1).reduce((s, n) => s * n, 1)) % p.splits[t]!;
  return p.splits.map((n, t) => ({
    rows: p.rows,
    cols: { label: `S${t}`, children: Array.from({ length: n }, (_, k) => ({ label: `S${t}.${k}` })) },
    leaf: (r: number, c: number) => {
      let sum = 0;
      for (let combo = 0; combo < size; combo++) if (digit(combo, t) === c - 1) sum += p.micro[r * size + combo]!;
      return sum;
    },
  }));
}

describe('linked protection properties (real HiGHS)', () => {
  it('no table of a random pack gives back a confidential count of another', async () => {
    await fc.assert(
      fc.asyncProperty(packArb, async (p) => {
        const grids = gridsOf(p);
        const rounded = p.rounding ? { roundingBase: 5, roundingMethod: p.rounding } : {};
        const rules = parseSdcRules({ threshold: 10, suppressZeros: p.zeros, mode: p.mode, ...rounded });
        const members = grids.map(sdcOf);
        const result = await protectLinked(members, rules, solver, { timeLimitSeconds: 20 });
        expect(result.joint.audit.passed).toBe(true);
        expect(leaks(grids, result.members.map((m) => [...m.cells]), rules, solveText)).toEqual([]);
        // Percentages of each row's total, as a pivot would show them (% of row): from published figures only.
        result.members.forEach((m, t) => {
          const width = m.cells.length / members[t]!.table.grid!.rows.labels.length;
          m.cells.forEach((cell, i) => {
            const total = m.cells[i - (i % width)]!;
            const pct = publishedPercentage(cell, total, rules);
            if (isConfidential(cell.status) || isConfidential(total.status)) expect(pct.value).toBeNull();
            else if (total.published) expect(pct.value).toBeCloseTo((100 * cell.published!) / total.published, 9);
          });
        });
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
