// Visualisation layer, pure: (categories, series) → an ECharts option for a stacked bar chart. Patterns (decals)
// and the ARIA description make the series distinguishable without colour and readable by screen readers.
import type { EChartsOption } from 'echarts';
import { formatNumber } from './format.ts';
import { PALETTE } from './palette.ts';

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

export interface BarChartSpec {
  title: string;
  categories: string[];
  series: BarSeries[];
  xAxisName: string;
  yAxisName: string;
  stacked: boolean;
}

export function barChartOption(spec: BarChartSpec): EChartsOption {
  return {
    color: PALETTE,
    animation: false,
    aria: { enabled: true, decal: { show: true } },
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')) },
    legend: { bottom: 0 },
    grid: { left: 64, right: 16, top: 48, bottom: 64 },
    xAxis: { type: 'category', data: spec.categories, name: spec.xAxisName, nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'value',
      name: spec.yAxisName,
      nameLocation: 'middle',
      nameGap: 52,
      axisLabel: { formatter: (v: number) => formatNumber(v) },
    },
    series: spec.series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.values,
      ...(spec.stacked ? { stack: 'total' } : {}),
    })),
  };
}
