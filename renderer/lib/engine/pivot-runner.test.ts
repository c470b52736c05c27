// Pivots on the real engine over the real figures: reference totals from the published tables, base-aggregate
// reuse when fields move, and show-as computed from the same result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from './node-builtin.ts';
import type { Engine } from './types.ts';
import { PivotRunner } from './pivot-runner.ts';
import type { PivotSpec, PivotValue } from '../query/pivot/spec.ts';
import type { PivotLayout } from '../query/pivot/types.ts';

let engine: Engine;
let published: Map<number, number>;
beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
  const { table } = await engine.query('SELECT year, total_current_series AS t FROM nrm_annual_totals_vintages WHERE t IS NOT NULL');
  published = new Map(table.toArray().map((r) => [Number(r.year), Number(r.t)]));
});
afterAll(() => engine.close());

const sum = (field: string, showAs: PivotValue['showAs'] = 'raw'): PivotValue => ({ field, aggregate: 'sum', label: `Sum of ${field}`, showAs });

function spec(partial: Partial<PivotSpec> & Pick<PivotSpec, 'source'>): PivotSpec {
  return { version: 1, rows: [], columns: [], values: [], filters: [], fieldOptions: {}, grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, ...partial };
}

/** The shown value at (row label path, column label path) for value k. */
function at(layout: PivotLayout, row: string[], col: string[], k = 0): number | null {
  const ri = layout.rows.findIndex((r) => JSON.stringify(r.path.map(String)) === JSON.stringify(row));
  const ci = layout.columns.findIndex((c) => JSON.stringify(c.path.map(String)) === JSON.stringify(col));
  if (ri < 0 || ci < 0) throw new Error(`no cell ${row} × ${col}`);
  return layout.values[k]!.shown[ri * layout.columns.length + ci] ?? null;
}

describe('reference pivots', () => {
  it('referrals by year × age: every year total equals the published current series', async () => {
    const runner = new PivotRunner(engine);
    const s = spec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], columns: ['age_at_exploitation'], values: [sum('referrals')] });
    const { layout } = await runner.run(s, await runner.schema(s.source));
    for (const [year, total] of published) expect(at(layout, [String(year)], []), String(year)).toBe(total);
    expect(at(layout, ['2011'], ['Child (17 or under)'])).toBe(294);
    expect(at(layout, [], [])).toBe([...published.values()].reduce((a, b) => a + b, 0));
  });

  it('the Q4 2023 detail table by first responder type sums to 4,141', async () => {
    const runner = new PivotRunner(engine);
    const s = spec({ source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' }, rows: ['first_responder_type'], values: [sum('referrals')] });
    const { layout } = await runner.run(s, await runner.schema(s.source));
    const items = layout.rows.filter((r) => r.kind === 'item');
    expect(items.length).toBeGreaterThan(1);
    expect(items.reduce((a, r) => a + (at(layout, r.path.map(String), []) ?? 0), 0)).toBe(4141);
    expect(at(layout, [], [])).toBe(4141);
  });
});

describe('re-pivoting', () => {
  it('moving a field between rows and columns reuses the base aggregate and gives the same figures', async () => {
    const runner = new PivotRunner(engine);
    const s = spec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year', 'quarter'], columns: ['age_at_exploitation'], values: [sum('referrals')] });
    const schema = await runner.schema(s.source);
    const first = await runner.run(s, schema);
    expect(first.reusedBase).toBe(false);
    expect(first.sql[0]).toMatch(/^CREATE OR REPLACE TEMP TABLE/);
    const moved = await runner.run({ ...s, rows: ['age_at_exploitation', 'quarter'], columns: ['year'] }, schema);
    expect(moved.reusedBase).toBe(true);
    // Provenance is whole and session-free: the base's statement too, under the one recorded name, and it runs.
    expect(moved.sql).toHaveLength(2);
    expect(moved.sql[0]).toBe(first.sql[0]);
    expect(moved.sql.join('\n')).not.toMatch(/__pivot_base_\d/);
    await engine.query(moved.sql[0]!);
    expect((await engine.query(moved.sql[1]!)).table.numRows).toBeGreaterThan(0);
    expect(at(moved.layout, ['Child (17 or under)'], ['2011'])).toBe(at(first.layout, ['2011'], ['Child (17 or under)']));
    expect(at(moved.layout, [], [])).toBe(at(first.layout, [], []));
  });

  it('% of row total: no query runs again, the row parts add up to 100 and match raw / row total', async () => {
    const runner = new PivotRunner(engine);
    const raw = spec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], columns: ['age_at_exploitation'], values: [sum('referrals')] });
    const schema = await runner.schema(raw.source);
    expect((await runner.run(raw, schema)).relaidOut).toBe(false);
    const s = { ...raw, values: [sum('referrals', 'pct_row')] };
    const run = await runner.run(s, schema);
    expect(run.relaidOut).toBe(true);
    const { layout } = run;
    const cols = layout.columns.filter((c) => c.kind === 'item');
    const parts = cols.map((c) => at(layout, ['2011'], c.path.map(String)) ?? 0);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(at(layout, ['2011'], ['Child (17 or under)'])).toBeCloseTo((294 / 936) * 100, 10);
  });
});

describe('data changes', () => {
  it('after invalidate() (data may have changed) the pivot queries again and sees the change', async () => {
    const runner = new PivotRunner(engine);
    await engine.query('CREATE OR REPLACE TABLE t_change AS SELECT 1 AS k, 10 AS v');
    const s = spec({ source: { kind: 'table', table: 't_change' }, rows: ['k'], values: [sum('v')] });
    const schema = await runner.schema(s.source);
    expect(at((await runner.run(s, schema)).layout, [], [])).toBe(10);
    await engine.query('INSERT INTO t_change VALUES (2, 5)');
    await runner.invalidate();
    const again = await runner.run(s, schema);
    expect(again.relaidOut).toBe(false);
    expect(at(again.layout, [], [])).toBe(15);
  });
});
