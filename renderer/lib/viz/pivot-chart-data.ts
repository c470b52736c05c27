// Visualisation layer, pure: reads a laid-out pivot (PivotLayout) as chart data — categories from the row items,
// one series per column item, numbers from one value's `shown` array — plus the small numeric helpers charts
// need (100 % normalisation, a shared "nice" axis maximum, number formats). Kept apart from pivot-chart.ts so the
// pivot-reading rules (skip subtotals and the grand total, collapsed groups count with their total) live in one
// place and can be tested without ECharts option shapes.
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import type { Scalar } from '../query/pivot/spec.ts';
import { formatNumber } from './format.ts';

export type ChartNumberFormat = 'plain' | 'thousands' | 'percent';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** Per value: the shorthand it is withheld under ("[c]") in a protected pivot, else null; absent when none is. */
  withheld?: (string | null)[];
}

export interface PivotChartData {
  /** The value's label ("Sum of referrals"), or '' when the value index is out of range. */
  valueLabel: string;
  categories: string[];
  series: ChartSeries[];
  /** How many charted values are withheld by disclosure control (marked with their shorthand, never drawn as 0). */
  withheld: number;
}

/**
 * Items drawn as categories (rows) or series (columns): items at the innermost visible level, and collapsed
 * groups (whatever their kind) standing for their total. Subtotals of expanded groups and the grand total are
 * skipped — except on an axis with no fields, where the grand total is the only item and is used.
 */
export function chartAxisIndices(items: AxisItem[], fieldCount: number, max = Infinity): number[] {
  if (fieldCount === 0) {
    const total = items.findIndex((i) => i.kind === 'grand_total');
    return total >= 0 ? [total] : items.length > 0 ? [0] : [];
  }
  const out: number[] = [];
  for (let i = 0; i < items.length && out.length < max; i++) if (charted(items[i]!)) out.push(i);
  return out;
}

const charted = (item: AxisItem) => item.kind === 'item' || (item.kind === 'subtotal' && item.collapsed);

function chartAxisCount(items: AxisItem[], fieldCount: number): number {
  if (fieldCount === 0) return items.length > 0 ? 1 : 0;
  let n = 0;
  for (const item of items) if (charted(item)) n++;
  return n;
}

function scalarLabel(v: Scalar): string {
  if (v === null) return '(blank)';
  return String(v);
}

/** "2023 / Adult": each level's display label (from the axis's own items when present), joined with " / ". */
export function itemPathLabel(item: AxisItem, labelsByKey: ReadonlyMap<string, string>): string {
  if (item.path.length === 0) return item.label;
  return item.path
    .map((v, i) => (i === item.path.length - 1 ? item.label : (labelsByKey.get(JSON.stringify(item.path.slice(0, i + 1))) ?? scalarLabel(v))))
    .join(' / ');
}

/** Labels of the group items (subtotals, collapsed groups) by path: what a longer path's prefixes are called. */
function labelMap(items: AxisItem[]): Map<string, string> {
  return new Map(items.filter((i) => i.kind !== 'item').map((i) => [JSON.stringify(i.path), i.label]));
}

/**
 * Most series and categories a chart draws. Past these a chart is unreadable and slow to draw (a pivot of 50,000
 * columns would be 50,000 series): the chart takes the first ones and says so; the table keeps them all.
 */
export const MAX_CHART_SERIES = 40;
export const MAX_CHART_CATEGORIES = 250;

/** How many categories and series the whole pivot would give a chart. */
export function chartSize(layout: PivotLayout): { categories: number; series: number } {
  return { categories: chartAxisCount(layout.rows, layout.rowFields.length), series: chartAxisCount(layout.columns, layout.columnFields.length) };
}

export function pivotChartData(layout: PivotLayout, valueIndex: number, max = { categories: Infinity, series: Infinity }): PivotChartData {
  const value = layout.values[valueIndex];
  if (!value) return { valueLabel: '', categories: [], series: [], withheld: 0 };
  const rowIdx = chartAxisIndices(layout.rows, layout.rowFields.length, max.categories);
  const colIdx = chartAxisIndices(layout.columns, layout.columnFields.length, max.series);
  const rowLabels = labelMap(layout.rows);
  const colLabels = labelMap(layout.columns);
  const width = layout.columns.length;
  const categories = rowIdx.map((r) => itemPathLabel(layout.rows[r] as AxisItem, rowLabels));
  const withheld = value.withheld;
  const series = colIdx.map((c) => ({
    name: layout.columnFields.length === 0 ? value.value.label : itemPathLabel(layout.columns[c] as AxisItem, colLabels),
    values: rowIdx.map((r) => {
      const v = value.shown[r * width + c];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }),
    ...(withheld ? { withheld: rowIdx.map((r) => withheld[r * width + c] ?? null) } : {}),
  }));
  const count = series.reduce((n, s) => n + (s.withheld?.filter(Boolean).length ?? 0), 0);
  return { valueLabel: value.value.label, categories, series, withheld: count };
}

/**
 * Each category's series as percentages of the category's total (nulls count as 0 here, and only here). A category
 * whose total is 0 gets 0 for every series, never NaN.
 */
export function normaliseTo100(series: ChartSeries[]): ChartSeries[] {
  const n = series[0]?.values.length ?? 0;
  const totals = Array.from({ length: n }, (_, c) => series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0));
  return series.map((s) => ({
    name: s.name,
    ...(s.withheld ? { withheld: s.withheld } : {}),
    values: s.values.map((v, c) => {
      const total = totals[c] ?? 0;
      return total === 0 ? 0 : ((v ?? 0) / total) * 100;
    }),
  }));
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above |x| (signed like x); 0 for 0. */
export function niceBound(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const mag = Math.abs(x);
  const base = 10 ** Math.floor(Math.log10(mag));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * base >= mag * (1 - 1e-12)) ?? 10;
  return Math.sign(x) * step * base;
}

/** Shared [min, max] for panels that must compare: min is 0 unless there are negatives. */
export function sharedExtent(series: ChartSeries[]): { min: number; max: number } {
  let lo = 0;
  let hi = 0;
  for (const s of series) for (const v of s.values) if (v !== null) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const max = niceBound(hi);
  const min = niceBound(lo);
  return { min, max: max === 0 && min === 0 ? 1 : max };
}

const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20, useGrouping: false });

/** A formatter for axis labels and tooltips: 'plain' 12345.5, 'thousands' 12,345.5, 'percent' 12.5% (of 12.5). */
export function chartNumberFormatter(format: ChartNumberFormat): (n: number) => string {
  if (format === 'plain') return (n) => (Number.isFinite(n) ? plain.format(n) : String(n));
  if (format === 'percent') return (n) => `${formatNumber(n)}%`;
  return formatNumber;
}
