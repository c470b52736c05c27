// Pivot feature, pure: what one data cell of the pivot table shows — its figure as written (or "[c]" with its
// marker when protected), the words a screen reader hears and the tooltip, its heatmap shade and classes. Only
// cells in view are asked for, so this runs for a screenful of cells, never for all of a big pivot.
import type { PivotLayout } from '../../lib/query/pivot/types.ts';
import type { ProtectedPivot } from '../../lib/sdc/pivot-protect.ts';
import { describeForAnalyst, shorthand } from '../../lib/sdc/status.ts';
import { formatPivotCell, heatmapColour, isPercent } from '../../lib/viz/pivot-format.ts';

export interface CellView {
  text: string;
  /** "1" (primary) or "2" (secondary) after a suppressed cell's "[c]", or ''. */
  marker: string;
  label: string | undefined;
  title: string | undefined;
  background: string | undefined;
  total: boolean;
  primary: boolean;
  secondary: boolean;
  /** The cell's class list: "cell", then "total", "primary" or "secondary" as they apply. */
  classes: string;
}

const classesOf = (total: boolean, marker: string) => `cell${total ? ' total' : ''}${marker === '1' ? ' primary' : marker === '2' ? ' secondary' : ''}`;

/**
 * The cell at row `ri`, display column `d` (column item d ÷ values, value d mod values). `levels[k]` are value
 * k's heatmap levels (row-major over rows × column items), empty when there is no heatmap.
 */
export function cellView(layout: PivotLayout, protection: ProtectedPivot | null, levels: (number | null)[][], ri: number, d: number): CellView {
  const nv = layout.values.length;
  const ci = Math.floor(d / nv);
  const k = d % nv;
  const i = ri * layout.columns.length + ci;
  const value = layout.values[k]!;
  const shown = protection?.shown[k] ?? value.shown;
  const figure = shown[i] ?? null;
  const status = protection?.status[k]?.[i] ?? null;
  const marker = status?.code === 'c' ? (status.kind === 'primary' ? '1' : '2') : '';
  const total = layout.columns[ci]?.kind !== 'item';
  const background = heatmapColour(levels[k]?.[i] ?? null);
  if (status) {
    const words = describeForAnalyst(status);
    const symbol = shorthand(status) ?? '';
    return { text: symbol, marker, label: `${symbol} ${words}`, title: words, background, total, primary: marker === '1', secondary: marker === '2', classes: classesOf(total, marker) };
  }
  const title = isPercent(value.value.showAs) && figure !== null ? `${figure}%` : undefined;
  return { text: formatPivotCell(figure, value.value.showAs), marker: '', label: undefined, title, background, total, primary: false, secondary: false, classes: classesOf(total, '') };
}
