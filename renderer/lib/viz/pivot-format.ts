// Visualisation layer, pure: how pivot cells are written and shaded. Percentages show two decimals (the exact
// figure stays available as the cell's title); everything else uses the house number format. Heatmap shading is
// a light blue ramp whose darkest step keeps black text above 7:1 contrast (WCAG AAA), computed per scope.
import type { ShowAs } from '../query/pivot/spec.ts';
import type { AxisItem } from '../query/pivot/types.ts';
import { formatNumber } from './format.ts';

const PERCENT: ReadonlySet<ShowAs> = new Set(['pct_row', 'pct_column', 'pct_total', 'pct_parent_row', 'pct_parent_column', 'pct_change_previous']);

export function isPercent(mode: ShowAs): boolean {
  return PERCENT.has(mode);
}

export function formatPivotCell(v: number | null, mode: ShowAs): string {
  if (v === null) return '';
  if (isPercent(mode)) return `${v.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
  if (mode === 'diff_previous' && v > 0) return `+${formatNumber(v)}`;
  return formatNumber(v);
}

export type HeatmapScope = 'none' | 'table' | 'rows' | 'columns';

/** Shade strength 0..1 per cell (row-major), from the cells of kind 'item' × 'item' only; totals stay unshaded. */
export function heatmapLevels(shown: (number | null)[], rows: AxisItem[], columns: AxisItem[], scope: HeatmapScope): (number | null)[] {
  const out: (number | null)[] = shown.map(() => null);
  if (scope === 'none') return out;
  const nc = columns.length;
  const groups = new Map<number, number[]>();
  rows.forEach((r, ri) => {
    if (r.kind !== 'item') return;
    columns.forEach((c, ci) => {
      const i = ri * nc + ci;
      if (c.kind !== 'item' || shown[i] === null || shown[i] === undefined) return;
      const g = scope === 'table' ? 0 : scope === 'rows' ? ri : ci;
      const list = groups.get(g) ?? [];
      list.push(i);
      groups.set(g, list);
    });
  });
  for (const cells of groups.values()) {
    const vals = cells.map((i) => shown[i] as number);
    const min = Math.min(...vals);
    const max = Math.max(...vals);
    for (const i of cells) out[i] = max === min ? 0.5 : ((shown[i] as number) - min) / (max - min);
  }
  return out;
}

/** Background colour for a level: white → #6baed6. */
export function heatmapColour(level: number | null): string | undefined {
  if (level === null) return undefined;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * level);
  return `rgb(${mix(255, 0x6b)}, ${mix(255, 0xae)}, ${mix(255, 0xd6)})`;
}
