// Visualisation layer, pure: how pivot cells are written and shaded. Percentages show two decimals (the exact
// figure stays available as the cell's title); everything else uses the house number format. Heatmap shading is
// a light blue ramp whose darkest step keeps black text above 7:1 contrast (WCAG AAA), computed per scope.
import type { ShowAs } from '../query/pivot/spec.ts';
import type { AxisItem } from '../query/pivot/types.ts';
import { formatNumber } from './format.ts';
import { runSteps, STEP, type Steps } from '../query/pivot/steps.ts';

const PERCENT: ReadonlySet<ShowAs> = new Set(['pct_row', 'pct_column', 'pct_total', 'pct_parent_row', 'pct_parent_column', 'pct_change_previous']);

export function isPercent(mode: ShowAs): boolean {
  return PERCENT.has(mode);
}

export function formatPivotCell(v: number | null, mode: ShowAs): string {
  if (v === null) return '';
  if (isPercent(mode)) return `${v.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' })}%`;
  if (mode === 'diff_previous' && v > 0) return `+${formatNumber(v)}`;
  return formatNumber(v);
}

export type HeatmapScope = 'none' | 'table' | 'rows' | 'columns';

/**
 * Shade strength 0..1 per cell (row-major), from the cells of kind 'item' × 'item' only; totals stay unshaded.
 * One pass for the ranges and one for the levels: a pivot of hundreds of thousands of cells costs milliseconds.
 */
export function heatmapLevels(shown: (number | null)[], rows: AxisItem[], columns: AxisItem[], scope: HeatmapScope): (number | null)[] {
  return runSteps(heatmapLevelsSteps(shown, rows, columns, scope));
}

/** heatmapLevels, pausing every STEP rows' worth of cells or so. */
export function* heatmapLevelsSteps(shown: (number | null)[], rows: AxisItem[], columns: AxisItem[], scope: HeatmapScope): Steps<(number | null)[]> {
  const out = new Array<number | null>(shown.length).fill(null);
  if (scope === 'none') return out;
  const nc = columns.length;
  const groups = scope === 'table' ? 1 : scope === 'rows' ? rows.length : nc;
  const lo = new Float64Array(groups).fill(Infinity);
  const hi = new Float64Array(groups).fill(-Infinity);
  function* each(visit: (i: number, g: number, v: number) => void): Steps<void> {
    let work = 0;
    for (let ri = 0; ri < rows.length; ri++) {
      if (rows[ri]!.kind !== 'item') continue;
      for (let ci = 0; ci < nc; ci++) {
        if (++work % (4 * STEP) === 0) yield;
        const i = ri * nc + ci;
        const v = shown[i];
        if (columns[ci]!.kind !== 'item' || v === null || v === undefined) continue;
        visit(i, scope === 'table' ? 0 : scope === 'rows' ? ri : ci, v);
      }
    }
  }
  yield* each((_i, g, v) => {
    lo[g] = Math.min(lo[g]!, v);
    hi[g] = Math.max(hi[g]!, v);
  });
  yield* each((i, g, v) => {
    const [min, max] = [lo[g]!, hi[g]!];
    out[i] = max === min ? 0.5 : (v - min) / (max - min);
  });
  return out;
}

/** Background colour for a level: white → #6baed6. */
export function heatmapColour(level: number | null): string | undefined {
  if (level === null) return undefined;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * level);
  return `rgb(${mix(255, 0x6b)}, ${mix(255, 0xae)}, ${mix(255, 0xd6)})`;
}
