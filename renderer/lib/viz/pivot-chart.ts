// Visualisation layer, pure: a laid-out pivot + a chart spec → an ECharts option (bar, stacked, 100 % stacked, line,
// area, pie, donut, heatmap; optionally small multiples). The same option drives the on-screen chart and the SVG
// export (lib/io/chart-svg.ts). Every chart uses the Okabe–Ito palette, ARIA with decal patterns (and, for lines,
// distinct symbols and dash styles) so series never depend on colour alone, and nulls stay gaps, never zeros.
import type {
  BarSeriesOption,
  EChartsOption,
  GridComponentOption,
  LineSeriesOption,
  PieSeriesOption,
  TitleComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import type { PivotSpec, PivotValue } from '../query/pivot/spec.ts';
import { fieldLabel, inPhrase, NO_SOURCE_LABELS, valueLabel, type SourceLabels } from '../query/pivot/field-labels.ts';
import type { PivotLayout } from '../query/pivot/types.ts';
import { PALETTE } from './palette.ts';
import { labelStyleOn, rampColour } from './contrast.ts';
import { stackBases, withheldMarkPoint, withheldSubtext } from './withheld.ts';
import {
  type ChartNumberFormat,
  type ChartSeries,
  chartNumberFormatter,
  chartSize,
  MAX_CHART_CATEGORIES,
  MAX_CHART_SERIES,
  normaliseTo100,
  pivotChartData,
  sharedExtent,
} from './pivot-chart-data.ts';

export type PivotChartKind = 'bar' | 'stacked_bar' | 'stacked_bar_100' | 'line' | 'area' | 'pie' | 'donut' | 'heatmap';

export interface PivotChartSpec {
  kind: PivotChartKind;
  /** Index into layout.values: the value charted. */
  valueIndex: number;
  title: string;
  xAxisName?: string;
  yAxisName?: string;
  /** One panel per series (bar/line/area) or one pie per series (pie/donut). */
  smallMultiples: boolean;
  showLegend: boolean;
  numberFormat: ChartNumberFormat;
}

/** Most panels small multiples draw; the rest are counted in the subtitle. */
export const MAX_PANELS = 12;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle'];
const DASHES = ['solid', 'dashed', 'dotted'] as const;
/** Sequential ramp for heatmaps: monotonic in lightness, so it reads in greyscale and for colour-blind viewers. */
export const HEAT = ['#EAF3FA', '#56B4E9', '#0072B2', '#002E4D'];

const TIME_LIKE = /(^|_)(year|yr|quarter|month|week|date|period)$/i;

function listAnd(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What a first chart is decided from: the pivot's fields (names and labels) and values (a layout has them all). */
export type ChartFields = Pick<PivotLayout, 'rowFields' | 'columnFields' | 'rowLabels' | 'columnLabels'> & {
  values: ReadonlyArray<{ value: Pick<PivotValue, 'label' | 'showAs'> }>;
};

/** The fields and values of a pivot spec, labelled as its layout would be, for a chart decided before it runs. */
export function specChartFields(spec: Pick<PivotSpec, 'rows' | 'columns' | 'values' | 'labels'>, source: SourceLabels = NO_SOURCE_LABELS): ChartFields {
  const label = (f: string) => fieldLabel(f, spec, source);
  return { rowFields: spec.rows, columnFields: spec.columns, rowLabels: spec.rows.map(label), columnLabels: spec.columns.map(label), values: spec.values.map((v) => ({ value: { label: valueLabel(v, spec, source), showAs: v.showAs } })) };
}

/**
 * A sensible first chart: lines over a time-like innermost row field, bars otherwise, titled from the pivot's field
 * labels. Decided from the fields alone, never from the figures, so it is the same whichever run landed first.
 */
export function defaultPivotChartSpec(layout: ChartFields): PivotChartSpec {
  const value = layout.values[0]?.value;
  const label = value?.label ?? '';
  const fields = [...layout.rowLabels, ...layout.columnLabels].map(inPhrase);
  const inner = layout.rowFields[layout.rowFields.length - 1] ?? '';
  return {
    kind: TIME_LIKE.test(inner) ? 'line' : 'bar',
    valueIndex: 0,
    title: fields.length > 0 ? `${label} by ${listAnd(fields)}` : label,
    xAxisName: layout.rowLabels.join(' / '),
    yAxisName: label,
    smallMultiples: false,
    showLegend: true,
    numberFormat: value?.showAs.startsWith('pct_') ? 'percent' : 'thousands',
  };
}

/**
 * The chart after its pivot changed: settings the analyst has not edited (still equal to the default they were
 * given, `was`) follow the new default `auto`; edited ones are kept.
 */
export function followChartDefaults(chart: PivotChartSpec, was: PivotChartSpec, auto: PivotChartSpec): PivotChartSpec {
  const next = { ...chart };
  for (const key of ['kind', 'title', 'xAxisName', 'yAxisName', 'numberFormat'] as const) if ((chart[key] ?? '') === (was[key] ?? '')) Object.assign(next, { [key]: auto[key] });
  return next;
}

/** Grid cells for n panels, as percentages of the chart: top-left corner plus size. */
interface Cell {
  left: number;
  top: number;
  width: number;
  height: number;
  firstColumn: boolean;
  lastRow: boolean;
}

function cells(n: number, top: number, bottom: number): Cell[] {
  const cols = n <= 3 ? n : Math.min(4, Math.ceil(Math.sqrt(n)));
  const rows = Math.ceil(n / cols);
  const w = 100 / cols;
  const h = (100 - top - bottom) / rows;
  return Array.from({ length: n }, (_, i) => {
    const [c, r] = [i % cols, Math.floor(i / cols)];
    return { left: c * w, top: top + r * h, width: w, height: h, firstColumn: c === 0, lastRow: i + cols >= n };
  });
}

const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

function lineLook(i: number): Partial<LineSeriesOption> {
  return { symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 7, showSymbol: true, lineStyle: { type: DASHES[Math.floor(i / SYMBOLS.length) % DASHES.length] ?? 'solid' } };
}

function cartesianSeries(kind: PivotChartKind, s: ChartSeries, i: number, axis: number, stacked: boolean): BarSeriesOption | LineSeriesOption {
  const at = { xAxisIndex: axis, yAxisIndex: axis };
  if (kind === 'line' || kind === 'area') {
    return { type: 'line', name: s.name, data: s.values, connectNulls: false, ...at, ...lineLook(i), ...(kind === 'area' ? { areaStyle: { opacity: 0.3 } } : {}) };
  }
  return { type: 'bar', name: s.name, data: s.values, ...at, ...(stacked ? { stack: 'total' } : {}) };
}

/** A cartesian series with its withheld values marked (at 0, or where its stack segment starts). */
function withMarks<T extends BarSeriesOption | LineSeriesOption>(option: T, s: ChartSeries, base?: (c: number) => number): T {
  const markPoint = withheldMarkPoint(s.withheld, base);
  return markPoint ? { ...option, markPoint } : option;
}

/** The subtitle of a chart that shows only the first categories or series of a big pivot, or ''. */
function tooManyToChart(size: { categories: number; series: number }): string {
  const parts: string[] = [];
  if (size.categories > MAX_CHART_CATEGORIES) parts.push(`${MAX_CHART_CATEGORIES} of ${size.categories.toLocaleString('en-GB')} categories`);
  if (size.series > MAX_CHART_SERIES) parts.push(`${MAX_CHART_SERIES} of ${size.series.toLocaleString('en-GB')} series`);
  return parts.length ? `Too many to chart: the first ${parts.join(' and the first ')} (the table has them all)` : '';
}

/** How many values a chart of this layout marks as withheld (its charted points only). */
export function chartedWithheld(layout: PivotLayout, chart: PivotChartSpec): number {
  return pivotChartData(layout, chart.valueIndex, { categories: MAX_CHART_CATEGORIES, series: MAX_CHART_SERIES }).withheld;
}

export function pivotChartOption(layout: PivotLayout, chart: PivotChartSpec): EChartsOption {
  const data = pivotChartData(layout, chart.valueIndex, { categories: MAX_CHART_CATEGORIES, series: MAX_CHART_SERIES });
  const cut = tooManyToChart(chartSize(layout));
  const is100 = chart.kind === 'stacked_bar_100';
  const series = is100 ? normaliseTo100(data.series) : data.series;
  const fmt = is100 ? (n: number) => `${Math.round(n * 10) / 10}%` : chartNumberFormatter(chart.numberFormat);
  const valueFormatter = (v: unknown): string => {
    const x = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
    return typeof x === 'number' ? fmt(x) : '–';
  };
  const pie = chart.kind === 'pie' || chart.kind === 'donut';
  const multiples = chart.smallMultiples && chart.kind !== 'heatmap' && series.length > 1;
  const shown = multiples ? series.slice(0, MAX_PANELS) : series;
  const hidden = series.length - shown.length;
  const empty = data.categories.length === 0 || series.length === 0;
  const onePieOfMany = pie && !multiples && series.length > 1;
  const subtext = empty
    ? 'No data to chart'
    : cut
      ? cut
      : hidden > 0
        ? `${hidden} more series not shown (first ${MAX_PANELS} of ${series.length})`
        : onePieOfMany
          ? `${series[0]?.name ?? ''} (the first of ${series.length} series)`
          : '';
  const withheld = empty ? '' : withheldSubtext(data.withheld);
  const titles: TitleComponentOption[] = [{ text: chart.title, subtext: [subtext, withheld].filter(Boolean).join('. '), left: 'center', textStyle: { fontSize: 14 } }];
  const legendNames = pie ? data.categories : shown.map((s) => s.name);
  const base: EChartsOption = {
    color: PALETTE,
    animation: false,
    aria: { enabled: true, decal: { show: true } },
    title: titles,
    tooltip: { trigger: pie || chart.kind === 'heatmap' ? 'item' : 'axis', valueFormatter },
    legend: chart.showLegend && legendNames.length > 1 && chart.kind !== 'heatmap' ? { show: true, type: 'scroll', bottom: 0, data: legendNames } : { show: false },
  };
  if (empty) return base;
  const top = subtext || withheld ? 16 : 12;
  const bottom = base.legend && !Array.isArray(base.legend) && base.legend.show ? 12 : 6;
  const whole: Cell = { left: 0, top, width: 100, height: 100 - top - bottom, firstColumn: true, lastRow: true };

  if (pie) {
    const panels = multiples ? shown : series.slice(0, 1);
    const boxes = cells(panels.length, top, bottom);
    const pies: PieSeriesOption[] = panels.map((s, i) => {
      const b = boxes[i] ?? whole;
      if (multiples) titles.push({ text: s.name, left: pct(b.left + b.width / 2), top: pct(b.top), textAlign: 'center', textStyle: { fontSize: 12 } });
      const r = multiples ? 28 : 62;
      return {
        type: 'pie',
        name: s.name,
        center: [pct(b.left + b.width / 2), pct(b.top + b.height / 2 + (multiples ? 2 : 0))],
        radius: chart.kind === 'donut' ? [`${r * 0.55}%`, `${r}%`] : `${r}%`,
        label: { show: !multiples, formatter: '{b}' },
        // '-' is ECharts' own "no value": the slice is left out, not drawn as 0.
        data: data.categories.map((name, c) => ({ name, value: s.values[c] ?? '-' })),
      };
    });
    return { ...base, series: pies };
  }

  const longLabels = data.categories.length > 6 && data.categories.some((c) => c.length > 8);
  const xAxisBase: XAXisComponentOption = { type: 'category', data: data.categories, axisLabel: { hideOverlap: true, rotate: longLabels ? 30 : 0 } };
  const valueAxis: YAXisComponentOption = { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } };

  if (chart.kind === 'heatmap') {
    const cellsData: [number, number, number | null][] = [];
    const marks: (string | null)[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    series.forEach((s, y) =>
      s.values.forEach((v, x) => {
        cellsData.push([x, y, v]);
        marks.push(s.withheld?.[x] ?? null);
        if (v !== null) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      }),
    );
    if (lo > hi) [lo, hi] = [0, 1];
    if (lo === hi) hi = lo + 1;
    return {
      ...base,
      grid: { left: 120, right: 24, top: subtext || withheld ? 72 : 56, bottom: 112 },
      xAxis: { ...xAxisBase, name: chart.xAxisName, nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
      yAxis: { type: 'category', data: series.map((s) => s.name), splitArea: { show: true } },
      visualMap: { type: 'continuous', min: lo, max: hi, calculable: true, orient: 'horizontal', left: 'center', bottom: 4, inRange: { color: HEAT }, formatter: (v: unknown) => valueFormatter(v) },
      series: [
        {
          type: 'heatmap',
          name: data.valueLabel,
          // Each label in near-black or white, whichever keeps 4.5:1 on its cell's colour (or on a box of its own).
          // A withheld cell shows its shorthand ("[c]"), always, however many cells there are.
          data: cellsData.map((value, i) => {
            const style = labelStyleOn(rampColour(HEAT, value[2] === null ? 0 : (value[2] - lo) / (hi - lo)));
            return { value, label: marks[i] ? { ...style, show: true, formatter: marks[i] } : style };
          }),
          label: { show: cellsData.length <= 150, formatter: (p: { value?: unknown }) => valueFormatter(p.value) },
        },
      ],
    };
  }

  const stacked = chart.kind === 'stacked_bar' || is100;
  const bases = stackBases(series.map((s) => s.values));
  if (!multiples) {
    return {
      ...base,
      grid: { left: 72, right: 24, top: subtext || withheld ? 72 : 56, bottom: bottom === 12 ? 84 : 60 },
      xAxis: { ...xAxisBase, name: chart.xAxisName, nameLocation: 'middle', nameGap: longLabels ? 56 : 30 },
      yAxis: { ...valueAxis, name: chart.yAxisName, nameLocation: 'middle', nameGap: 56, ...(is100 ? { min: 0, max: 100 } : {}) },
      series: series.map((s, i) => withMarks(cartesianSeries(chart.kind, s, i, 0, stacked), s, stacked ? bases[i] : undefined)),
    };
  }

  // Small multiples: one grid per series, every panel on the same value scale so heights compare.
  const extent = is100 ? { min: 0, max: 100 } : sharedExtent(shown);
  const boxes = cells(shown.length, top + 2, bottom);
  const grids: GridComponentOption[] = [];
  const xAxes: XAXisComponentOption[] = [];
  const yAxes: YAXisComponentOption[] = [];
  shown.forEach((s, i) => {
    const b = boxes[i] ?? whole;
    titles.push({ text: s.name, left: pct(b.left + b.width / 2), top: pct(b.top), textAlign: 'center', textStyle: { fontSize: 12 } });
    grids.push({ left: pct(b.left + 7), width: pct(b.width - 10), top: pct(b.top + 5), height: pct(b.height - 13) });
    // Axis names once per row / column of panels, not on every panel.
    xAxes.push({ ...xAxisBase, gridIndex: i, ...(b.lastRow ? { name: chart.xAxisName, nameLocation: 'middle', nameGap: 26 } : {}) });
    yAxes.push({ ...valueAxis, gridIndex: i, min: extent.min, max: extent.max, ...(b.firstColumn ? { name: chart.yAxisName, nameLocation: 'middle', nameGap: 44 } : {}) });
  });
  return {
    ...base,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series: shown.map((s, i) => withMarks(cartesianSeries(chart.kind, s, i, i, false), s)),
  };
}
