// Visualisation layer, pure: a quick chart of a console's result, as a pivot of it — the category column on rows,
// the SUM of one value column — so the chart on screen and the pack item that redraws it from the result's SQL are
// the same thing (duplicate categories are added up, as the pivot would; NULL categories read "(blank)"; a category
// whose values are all NULL stays a gap, never a zero). The result stays Arrow: the category column is read first
// and counted, and the value column is read only when the chart can be drawn (at most MAX_CHART_CATEGORIES).
import type { DataType, Table } from 'apache-arrow';
import { fieldLabel, inPhrase } from '../query/pivot/field-labels.ts';
import { readColumn } from '../query/pivot/arrow-read.ts';
import { BLANK_LABEL, compareLabels, itemLabel, TOTAL_LABEL } from '../query/pivot/layout.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { PivotSpec, Scalar } from '../query/pivot/spec.ts';
import { runSteps } from '../query/pivot/steps.ts';
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import { isNumericType } from './arrow-types.ts';
import { formatNumber, isCodeLikeColumn } from './format.ts';
import { MAX_CHART_CATEGORIES } from './pivot-chart-data.ts';
import { defaultPivotChartSpec, specChartFields, type PivotChartSpec } from './pivot-chart.ts';

export type ResultChartKind = 'bar' | 'line';

/** What of a result can be charted: every column can be the category; only numeric ones can be summed. */
export interface ChartableColumns {
  columns: string[];
  numeric: string[];
  /** The first date- or year-like column, else the first non-numeric one, else the first column. */
  category: string | null;
  /** The first numeric column that is not the category (null: nothing to chart). */
  value: string | null;
}

const TIME_LIKE = /(^|_)(year|yr|quarter|month|week|date|period|day)$/i;
const isTemporal = (type: DataType) => /^(Date|Timestamp)/.test(String(type));

export function chartableColumns(fields: ReadonlyArray<{ name: string; type: DataType }>): ChartableColumns {
  const numeric = fields.filter((f) => isNumericType(f.type)).map((f) => f.name);
  const category =
    fields.find((f) => isTemporal(f.type) || TIME_LIKE.test(f.name))?.name ?? fields.find((f) => !isNumericType(f.type))?.name ?? fields[0]?.name ?? null;
  return { columns: fields.map((f) => f.name), numeric, category, value: valueFor(numeric, category) };
}

/**
 * The value column once the category is chosen: the one chosen before, unless it became the category; else the first
 * numeric column that is not the category, a quantity before a year or a code (a sum of years means nothing).
 */
export function valueFor(numeric: readonly string[], category: string | null, current: string | null = null): string | null {
  if (current !== null && current !== category && numeric.includes(current)) return current;
  const others = numeric.filter((n) => n !== category);
  return others.find((n) => !TIME_LIKE.test(n) && !isCodeLikeColumn(n)) ?? others[0] ?? null;
}

/** The pivot a result's chart is: `base` (a new pivot over the result's SQL, with its disclosure rules) arranged. */
export function resultPivotSpec(base: PivotSpec, category: string, value: string): PivotSpec {
  const spec = parsePivotSpec({ version: 1, source: base.source, rows: [category], values: [{ field: value, aggregate: 'sum' }] });
  return { ...spec, protection: base.protection ? { ...base.protection, value: 0 } : null };
}

/** The chart of that pivot: titled from its labels ("Referrals by year"), bars or a line. */
export function resultChartSpec(spec: PivotSpec, kind: ResultChartKind): PivotChartSpec {
  return { ...defaultPivotChartSpec(specChartFields(spec)), kind };
}

export type ResultChartData = { kind: 'layout'; layout: PivotLayout } | { kind: 'too-many'; categories: number };

/** The result summed by category, laid out as the pivot would be (categories sorted by label, "(blank)" last). */
export function resultChartData(table: Table, spec: PivotSpec, max = MAX_CHART_CATEGORIES): ResultChartData {
  const category = spec.rows[0]!;
  const value = spec.values[0]!;
  const catVector = table.getChild(category);
  const valVector = value.field === null ? null : table.getChild(value.field);
  if (!catVector || !valVector) throw new Error(`The result has no column "${catVector ? value.field : category}".`);
  const cats = runSteps(readColumn(catVector));
  const index = new Map<Scalar, number>();
  for (const c of cats) if (!index.has(c)) index.set(c, index.size);
  if (index.size > max) return { kind: 'too-many', categories: index.size };
  const vals = runSteps(readColumn(valVector));
  const sums = new Array<number | null>(index.size).fill(null);
  let grand: number | null = null;
  for (let i = 0; i < cats.length; i++) {
    const v = vals[i];
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    const k = index.get(cats[i]!)!;
    sums[k] = (sums[k] ?? 0) + v;
    grand = (grand ?? 0) + v;
  }
  const order = [...index.keys()].sort(compareLabels);
  const rows: AxisItem[] = order.map((c) => ({ key: JSON.stringify([c]), path: [c], depth: 1, label: itemLabel(c), kind: 'item', hasChildren: false, collapsed: false }));
  const shown = order.map((c) => sums[index.get(c)!]!);
  const label = (f: string) => fieldLabel(f, spec);
  const layout: PivotLayout = {
    rowFields: spec.rows,
    columnFields: [],
    rowLabels: spec.rows.map(label),
    columnLabels: [],
    rows,
    columns: [{ key: '[]', path: [], depth: 0, label: TOTAL_LABEL, kind: 'grand_total', hasChildren: false, collapsed: false }],
    values: [{ value: { ...value, label: specChartFields(spec).values[0]!.value.label }, raw: shown, shown, grand }],
  };
  return { kind: 'layout', layout };
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The chart's text alternative: what is charted, over which categories, the range of the figures and any gaps. */
export function resultChartDescription(layout: PivotLayout, chart: PivotChartSpec): string {
  const values = layout.values[0]?.shown ?? [];
  const labels = layout.rows.map((r) => r.label);
  const named = labels.length <= 12 ? `: ${labels.join(', ')}` : `, from ${labels[0]} to ${labels[labels.length - 1]}`;
  const figures = values.filter((v): v is number => v !== null);
  const gaps = values.length - figures.length;
  const parts = [`${chart.kind === 'line' ? 'Line' : 'Bar'} chart of ${chart.title}`, `${plural(labels.length, inPhrase(layout.rowLabels[0] ?? 'category'), 'categories')}${named}`];
  if (figures.length > 0) {
    const top = values.indexOf(Math.max(...figures));
    const low = values.indexOf(Math.min(...figures));
    parts.push(`highest ${labels[top]} (${formatNumber(values[top]!)}), lowest ${labels[low]} (${formatNumber(values[low]!)})`);
  }
  if (gaps > 0) parts.push(`${plural(gaps, 'category has', 'categories have')} no value and ${gaps === 1 ? 'is' : 'are'} left as a gap`);
  if (labels.includes(BLANK_LABEL)) parts.push(`${BLANK_LABEL} stands for rows with no ${inPhrase(layout.rowLabels[0] ?? 'category')}`);
  return `${parts.join('; ')}. Summed from the query's result, which the grid shows in full.`;
}

/** Why a result cannot be charted, in words, or null when it can. */
export function nothingToChart(table: Table, columns: ChartableColumns): string | null {
  if (table.numCols === 0) return 'There is nothing to chart: the result has no columns.';
  if (columns.numeric.length === 0) return 'There is nothing to chart: the result has no numeric column to add up (a chart shows a sum of numbers by category).';
  if (columns.numeric.length === 1 && columns.columns.length === 1) return 'There is nothing to chart: the result has one column, a number, and no column to group it by.';
  if (table.numRows === 0) return 'There is nothing to chart: the result has no rows.';
  return null;
}
