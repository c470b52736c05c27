// Tables published together, protected as one, with the real HiGHS solver and judged by the attacker written apart
// from the audit (test-independent-audit.ts) reading every published figure of both tables at once. The issue's
// smallest leak is the regression: protected one by one, table A's hidden 5 comes back exactly once table B
// publishes the row total A hid; protected together, no confidential count narrows below its protection.
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { LinkedMismatchError, linkTables, protectLinked } from './linked.ts';
import type { LpSolver } from './lp.ts';
import { protectTable, type ProtectedCell } from './protect.ts';
import { parseSdcRules, type SdcRules } from './rules.ts';
import { gridValues, type SolveLpText, type Tree } from './test-independent-audit.ts';
import { leaks as leaksWith, sdcOf, type Grid } from './test-linked-attack.ts';

let solver: LpSolver;
let solveText: SolveLpText;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
});

const tree = (label: string, n: number): Tree => ({ label, children: Array.from({ length: n }, (_, k) => ({ label: `${label}${k}` })) });
const leaks = (grids: Grid[], published: ProtectedCell[][], rules: SdcRules) => leaksWith(grids, published, rules, solveText);

// The smallest case: A hides its first row's total (25), B publishes it.
const ROWS = tree('R', 3);
const A: Grid = { rows: ROWS, cols: tree('C', 3), leaf: (r, c) => [[5, 0, 20], [40, 0, 36], [30, 0, 0]][r - 1]![c - 1]! };
const B: Grid = { rows: ROWS, cols: tree('D', 2), leaf: (r, c) => [[12, 13], [40, 36], [15, 15]][r - 1]![c - 1]! };
const RULES = parseSdcRules({ threshold: 10 });

describe('linked tables', () => {
  it('one by one, the second table gives the first one\'s hidden count back', async () => {
    const alone = [await protectTable(sdcOf(A).table, RULES, solver), await protectTable(sdcOf(B).table, RULES, solver)];
    expect(alone.every((r) => r.audit.passed)).toBe(true);
    expect(leaks([A, B], alone.map((r) => [...r.cells]), RULES)).toEqual(['R0 × C0 in [5, 5]']);
  });

  for (const mode of ['heuristic', 'optimal'] as const) {
    it(`protected together (${mode}), nothing narrows below its protection and a shared margin is one cell`, async () => {
      const rules = { ...RULES, mode };
      const together = await protectLinked([sdcOf(A), sdcOf(B)], rules, solver);
      expect(together.joint.audit.passed).toBe(true);
      expect(leaks([A, B], together.members.map((r) => [...r.cells]), rules)).toEqual([]);
      const [a, b] = together.members;
      for (let r = 0; r < 4; r++) expect(a!.cells[r * 4]!.status, `row ${r}`).toEqual(b!.cells[r * 3]!.status);
      expect(together.summary).toMatch(/^2 tables protected together: \d+ cells suppressed, 1 primary, \d+ secondary; audit passed$/);
      expect(a!.summary).toMatch(/\(protected together with 1 other table\)$/);
      expect(a!.cells.map((c) => c.value)).toEqual(gridValues(A.rows, A.cols, A.leaf).values);
    });
  }

  it('refuses tables that disagree on a shared cell, naming both', () => {
    const other = sdcOf({ ...B, leaf: (r, c) => (r === 1 && c === 1 ? 11 : B.leaf(r, c)) });
    const error = (() => {
      try {
        linkTables([sdcOf(A), other]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LinkedMismatchError);
    expect((error as LinkedMismatchError).values).toEqual([131, 130]); // the grand totals differ first
  });

  it('keeps a relation both tables hold once, and every cell once', () => {
    const { table, cellOf } = linkTables([sdcOf(A), sdcOf(A)]);
    expect(table.size).toBe(16);
    expect(table.relations.length).toBe(sdcOf(A).table.relations.length);
    expect([...cellOf[1]!]).toEqual([...cellOf[0]!]);
  });
});
