// The audit against worked examples: the feasibility interval of the Handbook on Statistical Disclosure Control's
// Example 3, and the disclosive and safe patterns of easySdcTable's "singletonsAndZeros" vignette — checked against
// an attacker written separately (test-independent-audit.ts) as well as the numbers printed in the sources.
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { audit } from './audit.ts';
import type { LpSolver } from './lp.ts';
import { suppressionProblem } from './primary.ts';
import { parseSdcRules } from './rules.ts';
import { flatTable } from './table.ts';
import { attackerIntervals, gridFloors, gridRelations, type SolveLpText, type Tree } from './test-independent-audit.ts';

let solver: LpSolver;
let solveText: SolveLpText;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
});

/** Cells of a flat table suppressed by their labels ("r1 × B"). */
function pattern(labels: readonly string[], suppressedLabels: readonly string[]): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (const l of suppressedLabels) {
    const i = labels.indexOf(l);
    if (i < 0) throw new Error(`no cell ${l}`);
    out[i] = 1;
  }
  return out;
}

describe('Handbook on SDC, §4.2.2 Example 3 (Geurts 1992, Table 10): feasibility interval', () => {
  // Rows 1–2 × columns 1–2 suppressed; row 3 (3, 3), the margins 7, 3, 6 and 9, 7, 16 published. The handbook gives
  // X11 ∈ [3, 6]. The inner values are not printed; any consistent ones do (here 4, 3 / 2, 1).
  const table = flatTable([[4, 3], [2, 1], [3, 3]], { rowLabels: ['1', '2', '3'], colLabels: ['1', '2'] });
  const hidden = pattern(table.labels, ['1 × 1', '1 × 2', '2 × 1', '2 × 2']);
  // No primary rule here: the example is about the interval alone, with cells known to be ≥ 0.
  const problem = suppressionProblem(table, parseSdcRules({ threshold: 1, suppressZeros: true }));

  it('derives X11 ∈ [3, 6] and the other intervals by LP', async () => {
    const result = await audit(problem, hidden, solver);
    const by = Object.fromEntries(result.cells.map((c) => [c.label, [c.min, c.max]]));
    expect(by).toEqual({ '1 × 1': [3, 6], '1 × 2': [1, 4], '2 × 1': [0, 3], '2 × 2': [0, 3] });
    expect(result.passed).toBe(true); // nothing primary to protect
    expect(result.summary).toBe('Audit passed: no suppressed cell can be narrowed down below its required protection (4 checked).');
  });
});

describe("easySdcTable vignette 'singletonsAndZeros' (sdcTable's singleton and zero problems)", () => {
  // data1a, maxN = 3 (counts 1–3 confidential, our threshold 4), zeros published.
  const rows = ['r1', 'r2'];
  const cols = ['A', 'B', 'H', 'M', 'W'];
  const data1a = [[0, 1, 7, 1, 0], [2, 0, 0, 2, 8]];
  const table = flatTable(data1a, { rowLabels: rows, colLabels: cols });
  const rules = parseSdcRules({ threshold: 4, protection: { upperPercent: 0, lowerPercent: 0, minimum: 0, width: 1 } });
  const problem = suppressionProblem(table, rules);
  const tree = (labels: string[]): Tree => ({ label: 'Total', children: labels.map((label) => ({ label })) });
  const independent = (hidden: Uint8Array) =>
    attackerIntervals(
      [...table.values],
      gridRelations(tree(rows), tree(cols)),
      [...hidden].map(Boolean),
      gridFloors(tree(rows), tree(cols), (r, c) => (r > 0 && c > 0 ? data1a[r - 1]![c - 1]! : 0), true),
      solveText,
    );

  it("finds s1a (SIMPLEHEURISTIC_OLD) disclosive: both [c] in r1 must be 1 — as the vignette says", async () => {
    const s1a = pattern(table.labels, ['r1 × B', 'r1 × M', 'r2 × A', 'r2 × M', 'Total × A', 'Total × B', 'Total × M']);
    const result = await audit(problem, s1a, solver);
    expect(result.passed).toBe(false);
    const failing = result.failures.map((f) => [f.label, f.min, f.max]);
    expect(failing).toContainEqual(['r1 × B', 1, 1]);
    expect(failing).toContainEqual(['r1 × M', 1, 1]);
    expect(result.summary).toMatch(/^Audit failed: \d+ confidential cells can be narrowed down too far/);
    // The separately written attacker agrees on every interval.
    const other = independent(s1a);
    for (const c of result.cells) expect(other.get(c.cell)).toEqual([c.min, c.max]);
  });

  it('finds s1aSingle (detectSingletons) safe: nothing can be worked out exactly', async () => {
    const s1aSingle = pattern(table.labels, ['r1 × B', 'r1 × H', 'r1 × M', 'r2 × A', 'r2 × M', 'Total × A', 'Total × B', 'Total × H', 'Total × M']);
    const result = await audit(problem, s1aSingle, solver);
    expect(result.passed).toBe(true);
    const other = independent(s1aSingle);
    for (const c of result.cells) {
      expect(other.get(c.cell)).toEqual([c.min, c.max]);
      if (c.primary) expect(c.max - c.min).toBeGreaterThanOrEqual(1);
    }
  });

  it('finds s0a disclosive with zeros suppressed: the two [c] in r1 must be 0', async () => {
    const data0a = flatTable([[5, 0, 7, 0, 9], [5, 9, 9, 5, 8]], { rowLabels: rows, colLabels: cols });
    const zeros = suppressionProblem(data0a, parseSdcRules({ threshold: 4, suppressZeros: true, protection: { upperPercent: 0, lowerPercent: 0, minimum: 0, width: 1 } }));
    const s0a = pattern(data0a.labels, ['r1 × B', 'r1 × M', 'r2 × B', 'r2 × M']);
    const result = await audit(zeros, s0a, solver);
    expect(result.failures.map((f) => [f.label, f.min, f.max])).toEqual([
      ['r1 × B', 0, 0],
      ['r1 × M', 0, 0],
    ]);
  });

  it('refuses a pattern that publishes a confidential cell', async () => {
    await expect(audit(problem, new Uint8Array(table.size), solver)).rejects.toThrow('The confidential cell "Total × A" is not suppressed.');
  });

  it('passes a table with nothing to suppress', async () => {
    const big = flatTable([[10, 20], [30, 40]]);
    const result = await audit(suppressionProblem(big, parseSdcRules({})), new Uint8Array(big.size), solver);
    expect(result).toMatchObject({ passed: true, cells: [], summary: 'Nothing is suppressed, so there is nothing an attacker could work out; audit passed.' });
  });
});
