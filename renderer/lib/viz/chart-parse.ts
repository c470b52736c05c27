// Visualisation layer, pure: a pivot's chart settings read back from anything stored (a saved pivot, a pack item, a
// workbook file), checked key by key rather than cast, so a chart that would draw nonsense — an unknown kind, a value
// index that is not a whole number, a setting from a newer version — is refused in words before any chart is drawn.
import type { ChartNumberFormat } from './pivot-chart-data.ts';
import type { PivotChartKind, PivotChartSpec } from './pivot-chart.ts';

export const CHART_KINDS: readonly PivotChartKind[] = ['bar', 'stacked_bar', 'stacked_bar_100', 'line', 'area', 'pie', 'donut', 'heatmap'];
const NUMBER_FORMATS: readonly ChartNumberFormat[] = ['plain', 'thousands', 'percent'];
const KEYS = ['kind', 'valueIndex', 'title', 'xAxisName', 'yAxisName', 'smallMultiples', 'showLegend', 'numberFormat'];

/** Why stored chart settings were refused; `where` names the chart for the message ("the saved pivot "A"'s chart"). */
export class ChartFormatError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChartFormatError';
  }
}

/** Chart settings as stored, or null for "no chart chosen"; throws ChartFormatError naming the first problem. */
export function parsePivotChartSpec(v: unknown, where = 'chart'): PivotChartSpec | null {
  if (v === undefined || v === null) return null;
  const fail = (problem: string): never => {
    throw new ChartFormatError(where, `The ${where} ${problem}`);
  };
  if (typeof v !== 'object' || Array.isArray(v)) fail('should be a set of chart settings.');
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KEYS.includes(key)) fail(`has an unknown setting "${key}"; it may come from a newer version of the workbench.`);
  if (!CHART_KINDS.includes(o.kind as PivotChartKind)) fail(`is of an unknown kind (${JSON.stringify(o.kind)}).`);
  if (typeof o.valueIndex !== 'number' || !Number.isInteger(o.valueIndex) || o.valueIndex < 0) fail('should chart a value by its position (a whole number from 0).');
  const text = (x: unknown, what: string): string => (typeof x === 'string' ? x : fail(`${what} should be text.`));
  const flag = (x: unknown, what: string): boolean => (typeof x === 'boolean' ? x : fail(`setting "${what}" should be true or false.`));
  const optional = (x: unknown, what: string) => (x === undefined ? {} : { [what]: text(x, what) });
  const numberFormat = o.numberFormat ?? 'plain';
  if (!NUMBER_FORMATS.includes(numberFormat as ChartNumberFormat)) fail(`number format should be one of ${NUMBER_FORMATS.join(', ')}.`);
  return {
    kind: o.kind as PivotChartKind,
    valueIndex: o.valueIndex as number,
    title: o.title === undefined ? '' : text(o.title, 'title'),
    ...optional(o.xAxisName, 'xAxisName'),
    ...optional(o.yAxisName, 'yAxisName'),
    smallMultiples: o.smallMultiples === undefined ? false : flag(o.smallMultiples, 'smallMultiples'),
    showLegend: o.showLegend === undefined ? true : flag(o.showLegend, 'showLegend'),
    numberFormat: numberFormat as ChartNumberFormat,
  };
}
