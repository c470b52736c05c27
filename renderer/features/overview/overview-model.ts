// Overview feature, pure: turns the overview queries' Arrow results into the rows, chart option and
// reconciliation the view shows. Small results only (15, 12 and 17 rows).
import type { Table } from 'apache-arrow';
import { barChartOption } from '../../lib/viz/bar-chart.ts';
import { numberColumn, textColumn } from '../../lib/viz/columns.ts';
import { reconcile, type Reconciliation } from '../../lib/sdc/reconcile.ts';
import type { StatedTotal } from '../../lib/engine/manifest.ts';
import type { EChartsOption } from 'echarts';

export interface YearRow { year: number; adults: number | null; children: number | null; unknown: number | null; total: number | null }
export interface RegionRow { region: string; referrals: number | null }
export interface VintageRow {
  year: number;
  firstPublished: number | null;
  firstSource: string | null;
  current: number | null;
  currentSource: string | null;
  difference: number | null;
}

export function yearRows(table: Table): YearRow[] {
  const [year, adults, children, unknown, total] = ['year', 'adults', 'children', 'age_unknown', 'total'].map((n) => numberColumn(table, n));
  return year!.map((y, i) => ({ year: y ?? 0, adults: adults![i] ?? null, children: children![i] ?? null, unknown: unknown![i] ?? null, total: total![i] ?? null }));
}

export function yearChart(rows: YearRow[]): EChartsOption {
  return barChartOption({
    title: 'NRM referrals per year by age at exploitation',
    categories: rows.map((r) => String(r.year)),
    series: [
      { name: 'Adults (18 or over)', values: rows.map((r) => r.adults) },
      { name: 'Children (17 or under)', values: rows.map((r) => r.children) },
      { name: 'Age not specified or unknown', values: rows.map((r) => r.unknown) },
    ],
    xAxisName: 'Year',
    yAxisName: 'Referrals',
    stacked: true,
  });
}

export function regionRows(table: Table): RegionRow[] {
  const names = textColumn(table, 'police_region');
  const values = numberColumn(table, 'referrals_2011');
  return names.map((n, i) => ({ region: n ?? '', referrals: values[i] ?? null }));
}

export function regionReconciliation(rows: RegionRow[], stated: StatedTotal | undefined): Reconciliation | null {
  if (!stated) return null;
  return reconcile(stated.label, stated.value, rows.map((r) => r.referrals));
}

export function vintageRows(table: Table): VintageRow[] {
  const year = numberColumn(table, 'year');
  const first = numberColumn(table, 'total_first_published');
  const firstSource = textColumn(table, 'first_published_source');
  const current = numberColumn(table, 'total_current_series');
  const currentSource = textColumn(table, 'current_series_source');
  const difference = numberColumn(table, 'difference');
  return year.map((y, i) => ({
    year: y ?? 0,
    firstPublished: first[i] ?? null,
    firstSource: firstSource[i] ?? null,
    current: current[i] ?? null,
    currentSource: currentSource[i] ?? null,
    difference: difference[i] ?? null,
  }));
}
