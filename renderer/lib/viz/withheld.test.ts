// Withheld values in charts: a protected pivot's [c] cells are marked where their bar would start (never a silent
// gap that reads as zero), in every cartesian kind and in heatmaps, and the chart says how many are withheld.
import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import { type PivotChartSpec, pivotChartOption } from './pivot-chart.ts';
import { withheldSentence } from './withheld.ts';

const item = (path: (string | number)[], label: string, kind: AxisItem['kind'] = 'item'): AxisItem => ({ key: JSON.stringify(path), path, depth: path.length, label, kind, hasChildren: false, collapsed: false });
const rows = [item([2021], '2021'), item([2022], '2022'), item([2023], '2023')];
const columns = [item(['adult'], 'Adult'), item(['child'], 'Child'), item([], 'Total', 'grand_total')];
const shown = [100, 300, 400, 200, null, 200, 30, 60, 90];
const value = { value: { field: 'referrals', aggregate: 'sum' as const, label: 'Referrals', showAs: 'raw' as const }, raw: shown, shown, grand: null };
const plain: PivotLayout = { rowFields: ['year'], columnFields: ['age'], rowLabels: ['Year'], columnLabels: ['Age'], rows, columns, values: [value] };
// 2022's Child figure withheld: row 2022 is index 1, the Child column index 1.
const published: PivotLayout = { ...plain, values: [{ ...value, withheld: shown.map((_, i) => (i === 1 * 3 + 1 ? '[c]' : null)) }] };

const spec = (over: Partial<PivotChartSpec> = {}): PivotChartSpec => ({ kind: 'bar', valueIndex: 0, title: 'Referrals', smallMultiples: false, showLegend: true, numberFormat: 'thousands', ...over });
type Marked = { markPoint?: { data: Array<{ coord: [number, number]; value: string }> } };
const marks = (o: EChartsOption) => (o as unknown as { series: Marked[] }).series.map((s) => s.markPoint?.data.map((d) => [d.coord, d.value]) ?? []);
const subtext = (o: EChartsOption) => (o as unknown as { title: Array<{ subtext?: string }> }).title[0]?.subtext;

describe('withheld values in a chart', () => {
  it('marks each withheld point "[c]" at its bar\'s baseline, and says how many are withheld', () => {
    const o = pivotChartOption(published, spec());
    expect(marks(o)).toEqual([[], [[[1, 0], '[c]']]]);
    expect(subtext(o)).toBe('1 value withheld [c]');
  });

  it('puts the marker where a stacked segment would start, and keeps it in a 100 % stack and in small multiples', () => {
    expect(marks(pivotChartOption(published, spec({ kind: 'stacked_bar' })))).toEqual([[], [[[1, 200], '[c]']]]);
    expect(marks(pivotChartOption(published, spec({ kind: 'stacked_bar_100' })))).toEqual([[], [[[1, 100], '[c]']]]);
    expect(marks(pivotChartOption(published, spec({ kind: 'line', smallMultiples: true })))).toEqual([[], [[[1, 0], '[c]']]]);
  });

  it('labels a withheld heatmap cell "[c]", and a chart with nothing withheld says nothing', () => {
    const o = pivotChartOption(published, spec({ kind: 'heatmap' })) as unknown as { series: Array<{ data: Array<{ label: { formatter?: string } }> }> };
    expect(o.series[0]!.data.filter((d) => d.label.formatter === '[c]')).toHaveLength(1);
    expect(subtext(pivotChartOption(plain, spec()))).toBe('');
    expect(marks(pivotChartOption(plain, spec()))).toEqual([[], []]);
  });

  it('words the figure\'s sentence once, for the caption and the text alternative', () => {
    expect(withheldSentence(0)).toBe('');
    expect(withheldSentence(1)).toBe('1 value is withheld ([c]) so that no individual can be identified; the chart marks it [c].');
    expect(withheldSentence(2)).toBe('2 values are withheld ([c]) so that no individual can be identified; the chart marks them [c].');
  });
});
