// Visualisation layer tests: hand-built PivotLayouts (with subtotal and grand-total items that charts must skip)
// turned into ECharts options; assertions on the option objects themselves.
import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import type { AxisItem, AxisItemKind, PivotLayout } from '../query/pivot/types.ts';
import type { Scalar, ShowAs } from '../query/pivot/spec.ts';
import { PALETTE } from './palette.ts';
import { readableName } from '../query/pivot/field-labels.ts';
import { MAX_PANELS, type PivotChartSpec, defaultPivotChartSpec, followChartDefaults, pivotChartOption, specChartFields } from './pivot-chart.ts';
import { MAX_CHART_CATEGORIES, MAX_CHART_SERIES, chartNumberFormatter, niceBound, normaliseTo100, pivotChartData } from './pivot-chart-data.ts';
import { heatmapLevels } from './pivot-format.ts';

function item(path: Scalar[], label: string, kind: AxisItemKind = 'item', extra: Partial<AxisItem> = {}): AxisItem {
  return { key: JSON.stringify(path), path, depth: path.length, label, kind, hasChildren: false, collapsed: false, ...extra };
}
const total = (): AxisItem => item([], 'Total', 'grand_total');

function layout(rowFields: string[], columnFields: string[], rows: AxisItem[], columns: AxisItem[], grid: (number | null)[][], showAs: ShowAs = 'raw'): PivotLayout {
  const shown = grid.flat();
  expect(shown).toHaveLength(rows.length * columns.length);
  return { rowFields, columnFields, rowLabels: rowFields.map(readableName), columnLabels: columnFields.map(readableName), rows, columns, values: [{ value: { field: 'referrals', aggregate: 'sum', label: 'Sum of referrals', showAs }, raw: shown, shown, grand: null }] };
}

// 3 years × adult/child; the grand-total row comes first and the grand-total column last: both must be skipped.
const years = layout(
  ['year'],
  ['age_group'],
  [total(), item([2021], '2021'), item([2022], '2022'), item([2023], '2023')],
  [item(['adult'], 'Adult'), item(['child'], 'Child'), total()],
  [
    [330, 360, 690],
    [100, 300, 400],
    [200, null, 200],
    [30, 60, 90],
  ],
);

// Interface for the parts of the option the tests read (the option's own types are wide unions).
interface Loose {
  title: { text?: string; subtext?: string }[];
  legend: { show?: boolean; data?: string[] };
  tooltip: { trigger?: string; valueFormatter: (v: unknown) => string };
  grid: { left?: string }[] | object;
  xAxis: { data?: string[]; name?: string; gridIndex?: number } | { data?: string[]; name?: string }[];
  yAxis: { max?: number; min?: number; data?: string[]; name?: string } | { max?: number; min?: number; gridIndex?: number }[];
  visualMap: { min: number; max: number };
  series: { type: string; name?: string; data: unknown[]; stack?: string; areaStyle?: object; symbol?: string; connectNulls?: boolean; radius?: unknown; center?: string[]; xAxisIndex?: number }[];
  aria: { enabled: boolean; decal: { show: boolean } };
  color: string[];
  animation: boolean;
}
const loose = (o: EChartsOption): Loose => o as unknown as Loose;

const spec = (over: Partial<PivotChartSpec> = {}): PivotChartSpec => ({
  kind: 'bar',
  valueIndex: 0,
  title: 'Referrals',
  xAxisName: 'Year',
  yAxisName: 'Referrals',
  smallMultiples: false,
  showLegend: true,
  numberFormat: 'thousands',
  ...over,
});

describe('pivotChartData', () => {
  it('takes item rows as categories and item columns as series, skipping totals', () => {
    const d = pivotChartData(years, 0);
    expect(d.categories).toEqual(['2021', '2022', '2023']);
    expect(d.series).toEqual([
      { name: 'Adult', values: [100, 200, 30] },
      { name: 'Child', values: [300, null, 60] },
    ]);
  });

  it('labels nested items by path, skips expanded subtotals and counts a collapsed group with its total', () => {
    const rows = [
      item(['N'], 'North', 'subtotal', { hasChildren: true }),
      item(['N', 2022], '2022'),
      item(['N', 2023], '2023'),
      item(['S'], 'South', 'subtotal', { hasChildren: true, collapsed: true }),
      item(['W'], 'West', 'item', { hasChildren: true, collapsed: true }),
      item([null], '(blank)', 'subtotal', { hasChildren: true }),
      item([null, 2022], '2022'),
      total(),
    ];
    const l = layout(['region', 'year'], [], rows, [total()], [[50], [20], [30], [7], [8], [4], [4], [69]]);
    const d = pivotChartData(l, 0);
    expect(d.categories).toEqual(['North / 2022', 'North / 2023', 'South', 'West', '(blank) / 2022']);
    // No column fields: one series, the grand-total column, named after the value.
    expect(d.series).toEqual([{ name: 'Sum of referrals', values: [20, 30, 7, 8, 4] }]);
  });

  it('returns nothing for a value index out of range', () => {
    expect(pivotChartData(years, 3)).toEqual({ valueLabel: '', categories: [], series: [], withheld: 0 });
  });
});

describe('helpers', () => {
  it('normalises to 100 with nulls as 0 and zero totals as 0, never NaN', () => {
    const n = normaliseTo100([
      { name: 'a', values: [1, 0, null, 2] },
      { name: 'b', values: [3, 0, null, null] },
    ]);
    expect(n[0]?.values).toEqual([25, 0, 0, 100]);
    expect(n[1]?.values).toEqual([75, 0, 0, 0]);
  });

  it('rounds axis bounds to nice numbers and formats numbers three ways', () => {
    expect([niceBound(330), niceBound(0.07), niceBound(-3), niceBound(100), niceBound(0)]).toEqual([500, 0.1, -5, 100, 0]);
    expect(chartNumberFormatter('plain')(1234567.25)).toBe('1234567.25');
    expect(chartNumberFormatter('thousands')(1234567)).toBe('1,234,567');
    expect(chartNumberFormatter('percent')(12.5)).toBe('12.5%');
  });
});

describe('pivotChartOption', () => {
  it('draws bars with the palette, ARIA decals, titles, axis names, legend and a formatted tooltip', () => {
    const o = loose(pivotChartOption(years, spec()));
    expect(o.color).toEqual(PALETTE);
    expect(o.animation).toBe(false);
    expect(o.aria).toEqual({ enabled: true, decal: { show: true } });
    expect(o.title[0]?.text).toBe('Referrals');
    expect(o.legend).toMatchObject({ show: true, data: ['Adult', 'Child'] });
    expect(o.xAxis).toMatchObject({ data: ['2021', '2022', '2023'], name: 'Year' });
    expect(o.yAxis).toMatchObject({ name: 'Referrals' });
    expect(o.series.map((s) => [s.type, s.name, s.data, s.stack])).toEqual([
      ['bar', 'Adult', [100, 200, 30], undefined],
      ['bar', 'Child', [300, null, 60], undefined],
    ]);
    expect(o.tooltip.valueFormatter(12345)).toBe('12,345');
    expect(o.tooltip.valueFormatter(null)).toBe('–');
  });

  it('hides the legend when asked or when there is one series', () => {
    expect(loose(pivotChartOption(years, spec({ showLegend: false }))).legend.show).toBe(false);
    const one = layout(['year'], [], [item([2021], '2021'), total()], [total()], [[5], [5]]);
    const o = loose(pivotChartOption(one, spec()));
    expect(o.legend.show).toBe(false);
    expect(o.series.map((s) => s.name)).toEqual(['Sum of referrals']);
  });

  it('stacks bars', () => {
    const o = loose(pivotChartOption(years, spec({ kind: 'stacked_bar' })));
    expect(o.series.map((s) => s.stack)).toEqual(['total', 'total']);
    expect(o.series[1]?.data).toEqual([300, null, 60]);
  });

  it('100 % stacks sum to 100 per category, and a zero-total category gives 0s', () => {
    const l = layout(
      ['year'],
      ['age_group'],
      [item([2021], '2021'), item([2022], '2022'), item([2023], '2023'), item([2024], '2024')],
      [item(['adult'], 'Adult'), item(['child'], 'Child')],
      [[1, 3], [200, null], [0, 0], [null, null]],
    );
    const o = loose(pivotChartOption(l, spec({ kind: 'stacked_bar_100' })));
    const [a, c] = o.series.map((s) => s.data as number[]);
    expect(a).toEqual([25, 100, 0, 0]);
    expect(c).toEqual([75, 0, 0, 0]);
    expect(o.series.every((s) => s.stack === 'total')).toBe(true);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100 });
    expect([0, 1].map((i) => (a?.[i] ?? NaN) + (c?.[i] ?? NaN))).toEqual([100, 100]);
    expect(o.tooltip.valueFormatter(100 / 3)).toBe('33.3%');
  });

  it('keeps nulls as gaps in lines and tells lines apart by symbol; areas fill', () => {
    const o = loose(pivotChartOption(years, spec({ kind: 'line' })));
    expect(o.series[1]).toMatchObject({ type: 'line', data: [300, null, 60], connectNulls: false });
    expect(new Set(o.series.map((s) => s.symbol)).size).toBe(2);
    const a = loose(pivotChartOption(years, spec({ kind: 'area' })));
    expect(a.series.every((s) => s.type === 'line' && s.areaStyle !== undefined)).toBe(true);
  });

  it('builds heatmap triples with categories on x and series on y, and a visualMap over the values', () => {
    const o = loose(pivotChartOption(years, spec({ kind: 'heatmap', numberFormat: 'plain' })));
    expect(o.xAxis).toMatchObject({ data: ['2021', '2022', '2023'] });
    expect(o.yAxis).toMatchObject({ data: ['Adult', 'Child'] });
    const cells = o.series[0]?.data as { value: unknown; label: { color: string } }[];
    expect(cells.map((c) => c.value)).toEqual([
      [0, 0, 100],
      [1, 0, 200],
      [2, 0, 30],
      [0, 1, 300],
      [1, 1, null],
      [2, 1, 60],
    ]);
    // The lightest cell (the minimum, 30) has a dark label; the darkest (300) a white one.
    expect(cells[2]!.label.color).toBe('#0b0c0c');
    expect(cells[3]!.label.color).toBe('#ffffff');
    expect(o.visualMap).toMatchObject({ min: 30, max: 300 });
    expect(o.tooltip.valueFormatter([1, 0, 2000])).toBe('2000');
  });

  it('small multiples: one grid and axis pair per series, on a shared scale', () => {
    const o = loose(pivotChartOption(years, spec({ smallMultiples: true })));
    expect(o.grid).toHaveLength(2);
    expect(o.xAxis).toHaveLength(2);
    const y = o.yAxis as { max?: number; min?: number }[];
    expect(y.map((a) => a.max)).toEqual([500, 500]);
    expect(y.map((a) => a.min)).toEqual([0, 0]);
    expect(o.series.map((s) => [s.name, s.xAxisIndex])).toEqual([['Adult', 0], ['Child', 1]]);
    expect(o.title.map((t) => t.text)).toEqual(['Referrals', 'Adult', 'Child']);
  });

  it('small multiples stop at 12 panels and say how many were left out', () => {
    const cols = Array.from({ length: 15 }, (_, i) => item([`g${i}`], `Group ${i}`));
    const l = layout(['year'], ['group'], [item([2021], '2021')], cols, [cols.map((_, i) => i * 10)]);
    const o = loose(pivotChartOption(l, spec({ kind: 'line', smallMultiples: true })));
    expect(o.grid).toHaveLength(MAX_PANELS);
    expect(o.series).toHaveLength(MAX_PANELS);
    expect(o.title[0]?.subtext).toBe('3 more series not shown (first 12 of 15)');
    expect(new Set((o.yAxis as { max?: number }[]).map((a) => a.max))).toEqual(new Set([200]));
  });

  it('pies the categories of the first series, leaving nulls out; donuts have a hole', () => {
    const o = loose(pivotChartOption(years, spec({ kind: 'pie' })));
    expect(o.tooltip.trigger).toBe('item');
    expect(o.series).toHaveLength(1);
    expect(o.series[0]?.data).toEqual([
      { name: '2021', value: 100 },
      { name: '2022', value: 200 },
      { name: '2023', value: 30 },
    ]);
    expect(o.legend.data).toEqual(['2021', '2022', '2023']);
    expect(o.title[0]?.subtext).toBe('Adult (the first of 2 series)');
    const d = loose(pivotChartOption(years, spec({ kind: 'donut' })));
    expect(Array.isArray(d.series[0]?.radius)).toBe(true);
    const m = loose(pivotChartOption(years, spec({ kind: 'pie', smallMultiples: true })));
    expect(m.series.map((s) => s.name)).toEqual(['Adult', 'Child']);
    expect(m.series[1]?.data).toContainEqual({ name: '2022', value: '-' });
    expect(new Set(m.series.map((s) => String(s.center)))).toHaveProperty('size', 2);
  });

  it('a pivot of thousands of columns charts its first series only, and says so (the table has them all)', () => {
    const cols = Array.from({ length: 2000 }, (_, i) => item([i], String(i)));
    const rows = Array.from({ length: 260 }, (_, r) => item([`r${r}`], `Row ${r}`));
    const l = layout(['row'], ['k'], rows, cols, rows.map((_, r) => cols.map((_, c) => r + c)));
    const o = loose(pivotChartOption(l, spec()));
    expect(o.series).toHaveLength(MAX_CHART_SERIES);
    expect(o.series[MAX_CHART_SERIES - 1]?.data).toHaveLength(MAX_CHART_CATEGORIES);
    expect(o.title[0]?.subtext).toBe(`Too many to chart: the first ${MAX_CHART_CATEGORIES} of 260 categories and the first ${MAX_CHART_SERIES} of 2,000 series (the table has them all)`);
    expect(defaultPivotChartSpec(l).kind).toBe('bar');
  });

  it('says there is no data for an empty pivot or a missing value', () => {
    const o = loose(pivotChartOption(years, spec({ valueIndex: 5 })));
    expect(o.title[0]?.subtext).toBe('No data to chart');
    expect(o.series).toBeUndefined();
  });
});

describe('defaultPivotChartSpec', () => {
  it('titles from the fields, lines over years, percent for shares', () => {
    expect(defaultPivotChartSpec(years)).toMatchObject({ kind: 'line', valueIndex: 0, title: 'Sum of referrals by year and age group', numberFormat: 'thousands' });
    const pctLayout = layout(['region'], [], [item(['N'], 'North'), total()], [total()], [[40], [40]], 'pct_column');
    expect(defaultPivotChartSpec(pctLayout)).toMatchObject({ kind: 'bar', numberFormat: 'percent', title: 'Sum of referrals by region' });
  });

  it('is decided from the fields alone: a run with one year and a run with fifteen give the same chart as the spec', () => {
    const one = layout(['year'], [], [item([2023], '2023'), total()], [total()], [[17004], [17004]]);
    const spec = { rows: ['year'], columns: ['age_group'], values: [years.values[0]!.value] };
    expect(defaultPivotChartSpec(one).kind).toBe('line');
    // From the spec, the value reads as people write it (the layout here keeps the label it was given).
    expect(defaultPivotChartSpec(specChartFields(spec))).toEqual({ ...defaultPivotChartSpec(years), title: 'Referrals by year and age group', yAxisName: 'Referrals' });
  });

  it('keeps what the analyst edited and lets the rest follow the pivot', () => {
    const was = defaultPivotChartSpec(years);
    const edited = { ...was, title: 'Referrals since 2009' };
    const auto = defaultPivotChartSpec(specChartFields({ rows: ['region'], columns: [], values: [years.values[0]!.value] }));
    expect(followChartDefaults(edited, was, auto)).toMatchObject({ kind: 'bar', title: 'Referrals since 2009', xAxisName: 'Region' });
  });
});

describe('heatmapLevels', () => {
  // Rows: 2021, 2022 (items) and the total; columns: adult, child (items) and the total.
  const rows = [item([2021], '2021'), item([2022], '2022'), total()];
  const cols = [item(['adult'], 'Adult'), item(['child'], 'Child'), total()];
  const shown = [10, 20, 30, 30, null, 30, 40, 20, 60];

  it('shades item cells from lightest to darkest over the chosen scope; totals and blanks stay unshaded', () => {
    expect(heatmapLevels(shown, rows, cols, 'table')).toEqual([0, 0.5, null, 1, null, null, null, null, null]);
    expect(heatmapLevels(shown, rows, cols, 'rows')).toEqual([0, 1, null, 0.5, null, null, null, null, null]);
    expect(heatmapLevels(shown, rows, cols, 'columns')).toEqual([0, 0.5, null, 1, null, null, null, null, null]);
    expect(heatmapLevels(shown, rows, cols, 'none').every((v) => v === null)).toBe(true);
  });

  it('copes with hundreds of thousands of cells', () => {
    const many = Array.from({ length: 50000 }, (_, i) => item([i], String(i)));
    const big = Array.from({ length: 8 * 50000 }, (_, i) => i % 1000);
    const levels = heatmapLevels(big, Array.from({ length: 8 }, (_, r) => item([r], String(r))), many, 'table');
    expect(levels[999]).toBe(1);
    expect(levels[1000]).toBe(0);
  });
});
