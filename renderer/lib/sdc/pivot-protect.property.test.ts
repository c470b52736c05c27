// Property test of protection applied to pivots (the adapter from a laid-out pivot to the count table and back):
// random small tables pivoted with subtotals on or off and groups collapsed, run on the real engine and the real
// solver. After protection every count under the threshold shows [c], the audit passes, every published total
// equals the sum of its published parts, and a table with nothing small is published exactly as it is.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../engine/node-native.ts';
import type { Engine } from '../engine/types.ts';
import { PivotRunner } from '../engine/pivot-runner.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { quoteLiteral } from '../query/quote.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import type { LpSolver } from './lp.ts';
import { pivotSdcTable, protectedPivot } from './pivot-protect.ts';
import { protectTable } from './protect.ts';
import { parseSdcRules } from './rules.ts';
import { isConfidential } from './status.ts';

let engine: Engine;
let solver: LpSolver;
let n = 0;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  solver = await loadNodeHighsSolver();
}, 60_000);
afterAll(() => engine.close());

const rowArb = fc.record({ a: fc.constantFrom('a1', 'a2', 'a3'), b: fc.constantFrom('b1', 'b2', 'b3'), c: fc.constantFrom('c1', 'c2'), n: fc.integer({ min: 1, max: 40 }) });
const caseArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 25 }),
  subtotals: fc.boolean(),
  collapse: fc.boolean(),
  threshold: fc.constantFrom(5, 10, 20),
  mode: fc.constantFrom('heuristic' as const, 'optimal' as const),
});

describe('protecting pivots (property)', () => {
  it('withholds every small count, passes the audit, and keeps published totals consistent', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ rows, subtotals, collapse, threshold, mode }) => {
        const table = `pp_${n++}`;
        await engine.query(`CREATE TABLE ${table} AS SELECT * FROM (VALUES ${rows.map((r) => `(${quoteLiteral(r.a)}, ${quoteLiteral(r.b)}, ${quoteLiteral(r.c)}, ${r.n})`).join(', ')}) t(a, b, c, n)`);
        try {
          const spec = parsePivotSpec({
            source: { kind: 'table', table },
            rows: ['a', 'b'],
            columns: ['c'],
            values: [{ field: 'n', aggregate: 'sum' }],
            fieldOptions: { a: { subtotals } },
            collapsed: { rows: collapse ? ['["a1"]'] : [], columns: [] },
          });
          const runner = new PivotRunner(engine);
          const { layout } = await runner.run(spec, await runner.schema(spec.source));
          const rules = parseSdcRules({ threshold, mode });
          const sdc = pivotSdcTable(layout, 0);
          const result = await protectTable(sdc.table, rules, solver, { timeLimitSeconds: 10 });
          expect(result.audit.passed).toBe(true);
          const view = protectedPivot(spec, layout, 0, sdc, result, rules);
          const nc = layout.columns.length;
          const raw = layout.values[0]!.raw;
          const small = raw.some((v) => v !== null && v >= 1 && v < threshold);
          raw.forEach((v, i) => {
            const s = view.status[0]![i] ?? null;
            if (v !== null && v >= 1 && v < threshold) expect(isConfidential(s)).toBe(true);
            if (!isConfidential(s) && view.shown[0]![i] !== null) expect(view.shown[0]![i]).toBe(v ?? 0);
          });
          if (!small) expect(view.status[0]!.every((s) => s === null)).toBe(true);
          // Published row groups: a shown subtotal equals the sum of its shown children where all are published.
          layout.rows.forEach((r, i) => {
            if (r.kind === 'item' || r.collapsed) return;
            const kids = layout.rows.flatMap((x, k) => (x.depth === r.depth + 1 && JSON.stringify(x.path.slice(0, r.depth)) === JSON.stringify(r.path) && x.kind !== 'grand_total' ? [k] : []));
            for (let j = 0; j < nc; j++) {
              const total = view.counts[i * nc + j];
              const parts = kids.map((k) => view.counts[k * nc + j]);
              if (total === null || total === undefined || parts.some((p) => p === null || p === undefined)) continue;
              expect(parts.reduce((a, b) => a! + b!, 0)).toBe(total);
            }
          });
          // And across: the total column equals the sum of the published columns, row by row.
          const grand = layout.columns.findIndex((c) => c.kind === 'grand_total');
          const items = layout.columns.flatMap((c, j) => (c.kind === 'item' ? [j] : []));
          layout.rows.forEach((_, i) => {
            const total = view.counts[i * nc + grand];
            const parts = items.map((j) => view.counts[i * nc + j]);
            if (grand < 0 || total === null || total === undefined || parts.some((p) => p === null || p === undefined)) return;
            expect(parts.reduce((a, b) => a! + b!, 0)).toBe(total);
          });
        } finally {
          await engine.query(`DROP TABLE ${table}`);
        }
      }),
      { numRuns: Number(process.env.SDC_PIVOT_PROPERTY_RUNS ?? 25) },
    );
  }, 120_000);
});
