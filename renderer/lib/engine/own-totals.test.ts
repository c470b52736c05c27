// Own totals on the real engine: the built-in tables carry none (so nothing is left out of their pivots), a table
// with "Total" rows and a total column is found and checked, and the pivot's exclusion filter leaves the parts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from './node-builtin.ts';
import type { Engine } from './types.ts';
import { PivotRunner } from './pivot-runner.ts';
import { findOwnTotals } from './own-totals.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { Manifest } from './manifest.ts';

let engine: Engine;
let manifest: Manifest;
beforeAll(async () => {
  ({ engine, manifest } = await openWithBuiltins());
  await engine.query(`CREATE TABLE sheet AS SELECT * FROM (VALUES
    (2011, 'Adult', 642), (2011, 'Child', 294), (2011, 'Total', 936),
    (2012, 'Adult', 800), (2012, 'Child', 378), (2012, 'All ages', 1200)
  ) t(year, age, referrals)`);
  await engine.query(`CREATE TABLE wide AS SELECT * FROM (VALUES (2011, 642, 294, 0, 936), (2012, 800, 378, 0, 1178), (2013, 1000, 500, 246, 1745)) t(year, adults, children, age_unknown, total)`);
}, 60_000);
afterAll(() => engine.close());

describe('findOwnTotals', () => {
  it('finds no totals in any built-in table', async () => {
    const runner = new PivotRunner(engine);
    for (const d of manifest.datasets) {
      const source = { kind: 'table', table: d.id } as const;
      const found = await findOwnTotals(engine, source, await runner.schema(source));
      expect(found, d.id).toEqual({ rows: [], columns: [] });
    }
  });

  it('finds "Total" and "All ages" rows and checks them against the other rows, year by year', async () => {
    const source = { kind: 'table', table: 'sheet' } as const;
    const found = await findOwnTotals(engine, source, await new PivotRunner(engine).schema(source));
    expect(found.rows).toHaveLength(1);
    const { finding, check } = found.rows[0]!;
    expect(finding).toEqual({ column: 'age', labels: ['All ages', 'Total'], rows: 2 });
    expect(check.passes).toBe(false);
    expect(check.mismatches).toEqual([expect.objectContaining({ group: { year: 2012 }, label: 'All ages', valueColumn: 'referrals', stated: 1200, sumOfParts: 1178, difference: 22 })]);
    expect(found.columns).toEqual([]);
  });

  it('finds a total column and checks it row by row against the other quantities (not the year)', async () => {
    const source = { kind: 'table', table: 'wide' } as const;
    const found = await findOwnTotals(engine, source, await new PivotRunner(engine).schema(source));
    expect(found.rows).toEqual([]);
    expect(found.columns).toEqual([
      expect.objectContaining({ total: 'total', parts: ['adults', 'children', 'age_unknown'], rowsChecked: 3, mismatchCount: 1, passes: false }),
    ]);
    expect(found.columns[0]!.mismatches).toEqual([{ row: 3, stated: 1745, sumOfParts: 1746, difference: -1 }]);
  });

  it('a pivot that leaves the total rows out counts each referral once', async () => {
    const runner = new PivotRunner(engine);
    const spec = parsePivotSpec({
      source: { kind: 'table', table: 'sheet' },
      rows: ['year'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
      filters: [{ field: 'age', op: 'not_in', values: ['All ages', 'Total'] }],
    });
    const { layout } = await runner.run(spec, await runner.schema(spec.source));
    expect(layout.values[0]!.grand).toBe(642 + 294 + 800 + 378);
  });
});
