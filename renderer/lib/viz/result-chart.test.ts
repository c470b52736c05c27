// A console result charted as a pivot of it: duplicate categories summed, NULL values left as gaps (never 0),
// NULL categories as "(blank)" last, too many categories refused in words, and the option drawn through the pivot
// chart's own builder (palette, ARIA decals, line symbols) from labels, not database names.
import { describe, expect, it } from 'vitest';
import { Float64, Int32, Table, Utf8, makeTable, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import { pivotChartOption } from './pivot-chart.ts';
import { PALETTE } from './palette.ts';
import { chartableColumns, nothingToChart, resultChartData, resultChartDescription, resultChartSpec, resultPivotSpec, valueFor } from './result-chart.ts';

const source = { kind: 'query' as const, name: 'Query of Console 1', sql: 'SELECT * FROM t' };
const base = parsePivotSpec({ version: 1, source, values: [{ field: null, aggregate: 'count' }] });

function result(): Table {
  return new Table({
    age_group: vectorFromArray(['Child', 'Adult', 'Child', null, 'Unknown'], new Utf8()),
    referral_year: vectorFromArray([2023, 2023, 2022, 2023, 2023], new Int32()),
    referrals: vectorFromArray([10, 20, 5, 7, null], new Float64()),
  });
}

const fields = (t: Table) => t.schema.fields.map((f) => ({ name: f.name, type: f.type }));

describe('chartableColumns', () => {
  it('defaults the category to a year-like column and the value to the first other numeric one', () => {
    const c = chartableColumns(fields(result()));
    expect(c).toEqual({ columns: ['age_group', 'referral_year', 'referrals'], numeric: ['referral_year', 'referrals'], category: 'referral_year', value: 'referrals' });
  });

  it('falls back to the first text column, and keeps a chosen value unless it is the category', () => {
    const t = tableFromArrays({ region: ['North', 'South'], total: Float64Array.from([1, 2]), adults: Float64Array.from([1, 1]) });
    expect(chartableColumns(fields(t)).category).toBe('region');
    expect(chartableColumns(fields(t)).value).toBe('total');
    expect(valueFor(['total', 'adults'], 'region', 'adults')).toBe('adults');
    expect(valueFor(['total', 'adults'], 'total', 'total')).toBe('adults');
    expect(valueFor(['total'], 'total')).toBeNull();
    expect(valueFor(['referral_year', 'referrals'], 'age_group')).toBe('referrals');
    expect(valueFor(['referral_year'], 'age_group')).toBe('referral_year');
  });

  it('says in words why a result with no number has nothing to chart', () => {
    const t = new Table({ name: vectorFromArray(['a', 'b'], new Utf8()) });
    expect(nothingToChart(t, chartableColumns(fields(t)))).toMatch(/nothing to chart: the result has no numeric column/);
    expect(nothingToChart(result(), chartableColumns(fields(result())))).toBeNull();
  });
});

describe('resultPivotSpec', () => {
  it('is a pivot of the result: category on rows, the sum of the value, disclosure rules kept', () => {
    const spec = resultPivotSpec({ ...base, protection: { value: 0, rules: DEFAULT_SDC_RULES } }, 'age_group', 'referrals');
    expect(spec.source).toEqual(source);
    expect(spec.rows).toEqual(['age_group']);
    expect(spec.columns).toEqual([]);
    expect(spec.values).toEqual([expect.objectContaining({ field: 'referrals', aggregate: 'sum', showAs: 'raw' })]);
    expect(spec.protection?.value).toBe(0);
    expect(resultPivotSpec(base, 'age_group', 'referrals').protection).toBeNull();
  });

  it('titles its chart from labels, not database names', () => {
    const chart = resultChartSpec(resultPivotSpec(base, 'age_group', 'referrals'), 'line');
    expect(chart).toMatchObject({ kind: 'line', title: 'Referrals by age group', xAxisName: 'Age group', yAxisName: 'Referrals', valueIndex: 0 });
  });
});

describe('resultChartData', () => {
  const spec = resultPivotSpec(base, 'age_group', 'referrals');

  it('sums duplicate categories, sorts them by label with (blank) last, and leaves all-NULL sums as gaps', () => {
    const data = resultChartData(result(), spec);
    if (data.kind !== 'layout') throw new Error('expected a layout');
    expect(data.layout.rows.map((r) => r.label)).toEqual(['Adult', 'Child', 'Unknown', '(blank)']);
    expect(data.layout.values[0]!.shown).toEqual([20, 15, null, 7]);
    expect(data.layout.values[0]!.grand).toBe(42);
    expect(data.layout.rowLabels).toEqual(['Age group']);
  });

  it('sorts numeric categories by value', () => {
    const data = resultChartData(result(), resultPivotSpec(base, 'referral_year', 'referrals'));
    if (data.kind !== 'layout') throw new Error('expected a layout');
    expect(data.layout.rows.map((r) => r.label)).toEqual(['2022', '2023']);
    expect(data.layout.values[0]!.shown).toEqual([5, 37]);
  });

  it('refuses more categories than a chart can show, counting them without reading the values', () => {
    const n = 300;
    const t = tableFromArrays({ id: Array.from({ length: n }, (_, i) => `c${i}`), v: new Float64Array(n) });
    expect(resultChartData(t, resultPivotSpec(base, 'id', 'v'))).toEqual({ kind: 'too-many', categories: n });
    expect(resultChartData(t, resultPivotSpec(base, 'id', 'v'), 400).kind).toBe('layout');
  });

  it('reads big multi-batch results column-wise', () => {
    const batches = Array.from({ length: 4 }, (_, b) => makeTable({ k: Int32Array.from({ length: 25_000 }, (_, i) => i % 3), v: Float64Array.from({ length: 25_000 }, () => b + 1) }));
    const t = new Table(batches.flatMap((x) => x.batches));
    const data = resultChartData(t, resultPivotSpec(base, 'k', 'v'));
    if (data.kind !== 'layout') throw new Error('expected a layout');
    expect(data.layout.values[0]!.grand).toBe(25_000 * (1 + 2 + 3 + 4));
  });
});

describe('the chart and its description', () => {
  it('draws bars or a line through the pivot chart builder, with gaps for NULLs, ARIA decals and the palette', () => {
    const spec = resultPivotSpec(base, 'age_group', 'referrals');
    const data = resultChartData(result(), spec);
    if (data.kind !== 'layout') throw new Error('expected a layout');
    for (const kind of ['bar', 'line'] as const) {
      const option = pivotChartOption(data.layout, resultChartSpec(spec, kind)) as { series: { type: string; data: unknown[] }[]; aria: unknown; color: unknown; xAxis: { data: string[] } };
      expect(option.series).toHaveLength(1);
      expect(option.series[0]!.type).toBe(kind);
      expect(option.series[0]!.data).toEqual([20, 15, null, 7]);
      expect(option.xAxis.data).toEqual(['Adult', 'Child', 'Unknown', '(blank)']);
      expect(option.aria).toEqual({ enabled: true, decal: { show: true } });
      expect(option.color).toBe(PALETTE);
    }
  });

  it('describes what is charted, over which categories, its range and its gaps', () => {
    const spec = resultPivotSpec(base, 'age_group', 'referrals');
    const data = resultChartData(result(), spec);
    if (data.kind !== 'layout') throw new Error('expected a layout');
    const text = resultChartDescription(data.layout, resultChartSpec(spec, 'bar'));
    expect(text).toBe(
      'Bar chart of Referrals by age group; 4 categories: Adult, Child, Unknown, (blank); highest Adult (20), lowest (blank) (7); ' +
        '1 category has no value and is left as a gap; (blank) stands for rows with no age group. Summed from the query\'s result, which the grid shows in full.',
    );
  });
});
