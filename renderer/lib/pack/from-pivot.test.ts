// A real pivot (year × age from the built-in referrals) as a pack table: every row and total kept, figures typed
// and unrounded, headers flattened for spreadsheets and stacked for print; a protected pivot's [c] cells carried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { PivotRunner } from '../engine/pivot-runner.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { pivotSdcTable, protectedPivot } from '../sdc/pivot-protect.ts';
import { protectTable } from '../sdc/protect.ts';
import { parseSdcRules } from '../sdc/rules.ts';
import { pivotTableParts } from './from-pivot.ts';

let engine: Engine;
beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
}, 60_000);
afterAll(() => engine.close());

async function layoutOf(partial: Record<string, unknown>) {
  const spec = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, ...partial });
  const runner = new PivotRunner(engine);
  return { spec, layout: (await runner.run(spec, await runner.schema(spec.source))).layout };
}

describe('pivotTableParts', () => {
  it('year × age: a label column, one column per age and the total, every year and the grand total', async () => {
    const { layout } = await layoutOf({
      rows: ['year'],
      columns: ['age_at_exploitation'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
      filters: [{ field: 'year', op: 'between', values: [2011, 2013] }],
    });
    const t = pivotTableParts(layout);
    expect(t.columns.map((c) => c.header)).toEqual(['Year', 'Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown', 'Total']);
    expect(t.columns.slice(1).every((c) => c.kind === 'number' && c.numberFormat === '#,##0')).toBe(true);
    expect(t.headerRows).toEqual([['Year', 'Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown', 'Total']]);
    // Expected figures from an independent query, and the totals from the published current series (936, 1,178, 1,743).
    const { table } = await engine.query(`SELECT CAST(year AS VARCHAR) AS y,
        sum(referrals) FILTER (age_at_exploitation = 'Adult (18 or over)') AS a, sum(referrals) FILTER (age_at_exploitation = 'Child (17 or under)') AS c,
        coalesce(sum(referrals) FILTER (age_at_exploitation = 'Not specified or unknown'), 0) AS u, sum(referrals) AS t
      FROM nrm_referrals_quarterly WHERE year BETWEEN 2011 AND 2013 GROUP BY ROLLUP (year) ORDER BY year NULLS LAST`);
    const expected = table.toArray().map((r) => [r.y ?? 'Total', Number(r.a), Number(r.c), Number(r.u), Number(r.t)]);
    expect(t.rows.map((r) => r.cells.map((c) => c.value))).toEqual(expected);
    expect(expected.map((r) => r[4])).toEqual([936, 1178, 1743, 936 + 1178 + 1743]);
    expect(t.rows.at(-1)!.kind).toBe('total');
  });

  it('two row fields with subtotals, two values: subtotal rows labelled "Total", value labels in the headers', async () => {
    const { layout } = await layoutOf({
      rows: ['year', 'age_at_exploitation'],
      values: [{ field: 'referrals', aggregate: 'sum' }, { field: 'referrals', aggregate: 'sum', showAs: 'pct_total', label: '% of all' }],
      filters: [{ field: 'year', op: 'eq', values: [2011] }],
    });
    const t = pivotTableParts(layout);
    expect(t.columns.map((c) => [c.header, c.numberFormat, c.unit])).toEqual([
      ['Year', '@', ''], ['Age at exploitation', '@', ''], ['Referrals', '#,##0', ''], ['% of all', '#,##0.00', '%'],
    ]);
    expect(t.rows.map((r) => [r.kind, ...r.cells.slice(0, 3).map((c) => c.value)])).toEqual([
      ['subtotal', '2011', 'Total', 936],
      ['item', '2011', 'Adult (18 or over)', 642],
      ['item', '2011', 'Child (17 or under)', 294],
      ['item', '2011', 'Not specified or unknown', 0],
      ['total', 'Total', 'Total', 936],
    ]);
    expect(t.rows[1]!.cells[3]!.value).toBeCloseTo((642 / 936) * 100, 12); // unrounded: the format shows two decimals
  });

  it('a protected pivot carries [c] where protection withheld a figure, and the published figure elsewhere', async () => {
    const { spec, layout } = await layoutOf({
      source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' },
      rows: ['first_responder_type'],
      columns: ['gender'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
    });
    const rules = parseSdcRules({});
    const sdc = pivotSdcTable(layout, 0);
    const result = await protectTable(sdc.table, rules, await loadNodeHighsSolver());
    const view = protectedPivot(spec, layout, 0, sdc, result, rules);
    const t = pivotTableParts(layout, view);
    const numbers = t.rows.flatMap((r) => r.cells.slice(1));
    expect(numbers.filter((c) => c.status?.code === 'c')).toHaveLength(result.primaryCount + result.secondaryCount);
    expect(numbers.filter((c) => c.status).every((c) => c.value === null)).toBe(true);
    expect(t.rows.at(-1)!.cells.at(-1)!.value).toBe(4141);
  });
});
