// Import/export layer tests: pivot charts rendered to SVG in Node through ECharts' server-side renderer.
import { describe, expect, it } from 'vitest';
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import { type PivotChartSpec, pivotChartOption } from '../viz/pivot-chart.ts';
import { renderChartSvg } from './chart-svg.ts';

const it_ = (path: (string | number)[], label: string, kind: AxisItem['kind'] = 'item'): AxisItem => ({
  key: JSON.stringify(path),
  path,
  depth: path.length,
  label,
  kind,
  hasChildren: false,
  collapsed: false,
});

const shown = [100, 300, 400, 200, null, 200, 0, 0, 0, 300, 300, 600];
const layout: PivotLayout = {
  rowFields: ['year'],
  columnFields: ['age_group'],
  rowLabels: ['Year'],
  columnLabels: ['Age group'],
  rows: [it_([2021], '2021'), it_([2022], '2022'), it_([2023], '2023'), it_([], 'Total', 'grand_total')],
  columns: [it_(['adult'], 'Adult'), it_(['child'], 'Child'), it_([], 'Total', 'grand_total')],
  values: [{ value: { field: 'referrals', aggregate: 'sum', label: 'Sum of referrals', showAs: 'raw' }, raw: shown, shown, grand: null }],
};

const spec = (over: Partial<PivotChartSpec>): PivotChartSpec => ({
  kind: 'bar',
  valueIndex: 0,
  title: 'Referrals by year',
  xAxisName: 'Year',
  yAxisName: 'Referrals',
  smallMultiples: false,
  showLegend: true,
  numberFormat: 'thousands',
  ...over,
});

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');

describe('renderChartSvg', () => {
  it('renders a bar chart as an <svg> with category labels, series names and titles as text', () => {
    const svg = renderChartSvg(pivotChartOption(layout, spec({})), 640, 400);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="640"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const t = texts(svg);
    for (const label of ['2021', '2022', '2023', 'Adult', 'Child', 'Referrals by year', 'Year']) expect(t).toContain(label);
    expect(t).not.toContain('Total');
  });

  it('renders a 100 % stacked chart with its 0–100 axis', () => {
    const svg = renderChartSvg(pivotChartOption(layout, spec({ kind: 'stacked_bar_100' })), 640, 400);
    const t = texts(svg);
    expect(t).toContain('100%');
    expect(t).toContain('Adult');
    expect(svg).not.toContain('NaN');
  });

  it('renders every other kind, and small multiples, without NaN', () => {
    for (const kind of ['stacked_bar', 'line', 'area', 'pie', 'donut', 'heatmap'] as const) {
      for (const smallMultiples of [false, true]) {
        const svg = renderChartSvg(pivotChartOption(layout, spec({ kind, smallMultiples })), 800, 500);
        expect(svg.startsWith('<svg'), kind).toBe(true);
        expect(svg, `${kind} ${smallMultiples}`).not.toContain('NaN');
      }
    }
  });

  it('rejects a zero size', () => {
    expect(() => renderChartSvg(pivotChartOption(layout, spec({})), 0, 400)).toThrow(/positive/);
  });
});
