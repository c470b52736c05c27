// Wide pivots on the real engine: a pivot of 50,000 columns is laid out in slices — the same layout as straight
// through, with pauses between slices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from './node-native.ts';
import type { Engine } from './types.ts';
import { PivotRunner } from './pivot-runner.ts';
import { runInSlices } from './slices.ts';
import { compilePivot } from '../query/pivot/compile.ts';
import { layoutSteps } from '../query/pivot/layout.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  await engine.query('CREATE TABLE wide AS SELECT i % 50000 AS k, i % 7 AS g, 1 AS n FROM range(200000) t(i)');
});
afterAll(() => engine.close());

const count = { field: null, aggregate: 'count' as const, label: 'Count of records', showAs: 'raw' as const };
function spec(partial: Partial<PivotSpec>): PivotSpec {
  return { version: 1, source: { kind: 'table', table: 'wide' }, rows: [], columns: [], values: [count], filters: [], fieldOptions: {}, grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, ...partial };
}

describe('laying out 50,000 columns', () => {
  it('runs in slices, pausing often, and gives the same layout as straight through', async () => {
    const s = spec({ rows: ['g'], columns: ['k'] });
    const runner = new PivotRunner(engine);
    const plan = compilePivot(s, await runner.schema(s.source));
    await engine.query(plan.base!.sql('wide_base'));
    const { table } = await engine.query(plan.sql('wide_base'));
    const steps = layoutSteps(table, s);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    const layout = next.value;
    expect(pauses).toBeGreaterThan(100);
    expect(layout.columns).toHaveLength(50001);
    expect(layout.rows).toHaveLength(8);
    expect(layout.columns.at(-2)).toMatchObject({ label: '49999', kind: 'item' });
    // Row 3, column 49,999: i ≡ 3 (mod 7) and i ≡ 49,999 (mod 50,000) once in 0 … 199,999 (i = 199,999).
    expect(layout.values[0]!.raw[3 * 50001 + 49999]).toBe(1);
    expect(layout.values[0]!.grand).toBe(200000);
    expect(await runInSlices(layoutSteps(table, s))).toEqual(layout);
  });
});
