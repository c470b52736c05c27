// Property tests of protection with the real HiGHS solver: random small hierarchical count tables under random rules,
// protected in both modes, judged by an attacker written separately from the audit (test-independent-audit.ts):
// every primary cell's interval meets its protection, published totals agree with published parts, an untouched
// table is published as it came, and the optimal mode never loses more than the heuristic. On tiny tables, brute
// force over every pattern confirms the optimal mode's proof. `SDC_PROPERTY_RUNS` raises the number of runs.
import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import type { LpSolver } from './lp.ts';
import { protectTable, type ProtectionResult } from './protect.ts';
import { roundToBase } from './rounding.ts';
import { parseSdcRules, type SdcRules } from './rules.ts';
import { hierarchicalTable } from './table.ts';
import { attackerIntervals, flatten, gridFloors, gridRelations, gridValues, required, singletonPairs, type SolveLpText, type Tree } from './test-independent-audit.ts';

const RUNS = Number(process.env.SDC_PROPERTY_RUNS ?? 25);

let solver: LpSolver;
let solveText: SolveLpText;
beforeAll(async () => {
  solver = await loadNodeHighsSolver();
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
});

// ---------------------------------------------------------------------------------------------------------------
// Random tables and rules

/** A total over 1–3 parts, each a category or a subtotal of 1–3 categories. */
const treeArb = (name: string): fc.Arbitrary<Tree> =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).map((groups) => ({
    label: `${name}`,
    children: groups.map((size, g) => (size === 0 ? { label: `${name}${g}` } : { label: `${name}${g}`, children: Array.from({ length: size }, (_, k) => ({ label: `${name}${g}.${k}` })) })),
  }));

const countArb = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 4 }, { arbitrary: fc.integer({ min: 10, max: 60 }), weight: 5 });

const PROTECTIONS = [
  undefined, // the default: 1 either way
  { upperPercent: 0, lowerPercent: 0, minimum: 0, width: 1 }, // not exact
  { upperPercent: 30, lowerPercent: 30, minimum: 2, width: 1 },
];

interface Case {
  rows: Tree;
  cols: Tree;
  /** Leaf counts by (row node, column node) index; only leaf × leaf entries are read. */
  counts: number[];
  rules: SdcRules;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({ rows: treeArb('R'), cols: treeArb('C') })
  .chain(({ rows, cols }) => {
    const size = flatten(rows).labels.length * flatten(cols).labels.length;
    return fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      counts: fc.array(countArb, { minLength: size, maxLength: size }),
      rules: fc
        .record({
          threshold: fc.constantFrom(4, 10),
          suppressZeros: fc.boolean(),
          roundingBase: fc.constantFrom(null, 5),
          roundingMethod: fc.constantFrom('nearest' as const, 'controlled' as const),
          protection: fc.constantFrom(...PROTECTIONS),
        })
        .map((r) => parseSdcRules(r.protection ? r : { ...r, protection: undefined })),
    });
  });

function leafOf(c: Case): (r: number, col: number) => number {
  const nc = flatten(c.cols).labels.length;
  return (r, col) => c.counts[r * nc + col]!;
}

function build(c: Case) {
  return hierarchicalTable(c.rows, c.cols, (r, col) => leafOf(c)(r.index, col.index), { computeTotals: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Independent checks

function checkProtected(c: Case, result: ProtectionResult): void {
  const { values, cells } = gridValues(c.rows, c.cols, leafOf(c));
  expect(result.cells.map((x) => x.label)).toEqual(cells.map((x) => x.label));
  expect(result.cells.map((x) => x.value)).toEqual(values);
  const { threshold, suppressZeros, protection, roundingBase } = c.rules;
  const relations = gridRelations(c.rows, c.cols);
  const floors = gridFloors(c.rows, c.cols, leafOf(c), !suppressZeros);
  const hidden = result.cells.map((x) => x.status?.code === 'c');

  result.cells.forEach((x, i) => {
    const small = x.value === 0 ? suppressZeros : x.value < threshold;
    // Primary exactly where the rule says; zeros never hidden while zeros are published.
    expect(x.status?.code === 'c' && x.status.kind === 'primary', x.label).toBe(small);
    if (hidden[i] && !suppressZeros) expect(x.value, x.label).toBeGreaterThan(0);
    if (result.rounding?.method !== 'controlled') {
      expect(x.published, x.label).toBe(hidden[i] ? null : roundingBase === null ? x.value : roundToBase(x.value, roundingBase));
    } else if (hidden[i]) expect(x.published, x.label).toBeNull();
  });

  // (a) every primary cell's interval, by the separate attacker, meets its required protection.
  const intervals = attackerIntervals(values, relations, hidden, floors, solveText);
  result.cells.forEach((x, i) => {
    if (x.status?.code !== 'c' || x.status.kind !== 'primary') return;
    const [min, max] = intervals.get(i)!;
    const need = required(x.value, floors[i]!, protection);
    expect(max - x.value, `${x.label} up`).toBeGreaterThanOrEqual(need.up - 1e-6);
    expect(x.value - min, `${x.label} down`).toBeGreaterThanOrEqual(need.down - 1e-6);
    expect(max - min, `${x.label} width`).toBeGreaterThanOrEqual(need.width - 1e-6);
  });

  // (a′) no withheld 1 shares a relation with just one other withheld cell when a third could go.
  const canHide = (i: number) => values[i]! > 0 || c.rules.suppressZeros;
  expect(singletonPairs(values, relations, hidden, canHide)).toEqual([]);

  // (b) where a relation is fully published (and not rounded, or rounded under control), its published parts add up
  // to its published total; controlled rounding moves each figure to a multiple of the base next to the true one.
  if (result.rounding?.method === 'controlled') {
    result.cells.forEach((x) => {
      if (x.published === null) return;
      expect(x.published % roundingBase!, x.label).toBe(0);
      expect(Math.abs(x.published - x.value), x.label).toBeLessThan(roundingBase!);
    });
  }
  if (roundingBase === null || result.rounding?.method === 'controlled') {
    for (const [total, ...parts] of relations) {
      if ([total!, ...parts].some((i) => hidden[i])) continue;
      expect(parts.reduce((s, p) => s + result.cells[p]!.published!, 0)).toBe(result.cells[total!]!.published);
    }
  }

  // (c) with nothing suppressed and no rounding, the published table is the input and sums correctly.
  if (!hidden.some(Boolean) && roundingBase === null) {
    expect(result.cells.map((x) => x.published)).toEqual(values);
    for (const [total, ...parts] of relations) expect(parts.reduce((s, p) => s + values[p]!, 0)).toBe(values[total!]);
  }
}

describe('protection properties (real HiGHS)', () => {
  it('protects every random table in both modes; the optimal mode never loses more', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const table = build(c);
        const heuristic = await protectTable(table, c.rules, solver);
        const optimal = await protectTable(table, { ...c.rules, mode: 'optimal' }, solver, { timeLimitSeconds: 20 });
        for (const result of [heuristic, optimal]) {
          expect(result.audit.passed).toBe(true);
          checkProtected(c, result);
        }
        expect(optimal.informationLoss.secondaryTotal).toBeLessThanOrEqual(heuristic.informationLoss.secondaryTotal);
        expect(optimal.provenOptimal).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('the optimal mode finds the least loss that brute force over every pattern finds (tiny tables)', async () => {
    const tiny: fc.Arbitrary<Case> = fc
      .record({ cols: fc.integer({ min: 2, max: 3 }), counts: fc.array(countArb, { minLength: 12, maxLength: 12 }), zeros: fc.boolean(), protection: fc.constantFrom(...PROTECTIONS) })
      .map(({ cols, counts, zeros, protection }) => ({
        rows: { label: 'R', children: [{ label: 'R0' }, { label: 'R1' }] },
        cols: { label: 'C', children: Array.from({ length: cols }, (_, k) => ({ label: `C${k}` })) },
        counts,
        rules: parseSdcRules({ threshold: 10, suppressZeros: zeros, protection, mode: 'optimal' }),
      }));
    await fc.assert(
      fc.asyncProperty(tiny, async (c) => {
        const result = await protectTable(build(c), c.rules, solver);
        expect(result.provenOptimal).toBe(true);
        expect(result.informationLoss.secondaryTotal).toBe(bruteForceLeastLoss(c));
      }),
      { numRuns: Math.max(5, Math.round(RUNS / 3)) },
    );
  }, 120_000);
});

/** The least secondary loss over every suppression pattern, each judged by the independent attacker. */
function bruteForceLeastLoss(c: Case): number {
  const { values } = gridValues(c.rows, c.cols, leafOf(c));
  const relations = gridRelations(c.rows, c.cols);
  const floors = gridFloors(c.rows, c.cols, leafOf(c), !c.rules.suppressZeros);
  const primary = values.map((v) => (v === 0 ? c.rules.suppressZeros : v < c.rules.threshold));
  const candidates = values.map((v, i) => i).filter((i) => !primary[i] && (values[i]! > 0 || c.rules.suppressZeros));
  const patterns = Array.from({ length: 1 << candidates.length }, (_, mask) => ({
    mask,
    loss: candidates.reduce((s, cell, k) => s + (mask & (1 << k) ? values[cell]! : 0), 0),
  })).sort((a, b) => a.loss - b.loss);
  for (const { mask, loss } of patterns) {
    const hidden = values.map((_, i) => primary[i]! || candidates.some((cell, k) => cell === i && (mask & (1 << k)) !== 0));
    const intervals = attackerIntervals(values, relations, hidden, floors, solveText);
    const safe = values.every((v, i) => {
      if (!primary[i]) return true;
      const [min, max] = intervals.get(i)!;
      const need = required(v, floors[i]!, c.rules.protection);
      return max - v >= need.up - 1e-6 && v - min >= need.down - 1e-6 && max - min >= need.width - 1e-6;
    });
    const canHide = (i: number) => values[i]! > 0 || c.rules.suppressZeros;
    if (safe && singletonPairs(values, relations, hidden, canHide).length === 0) return loss;
  }
  throw new Error('no pattern protects this table');
}
