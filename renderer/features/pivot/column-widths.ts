// Pivot feature, pure: how wide each display column and the row-label column are drawn. A virtualised table
// cannot let the browser size columns from content it never draws, so widths are estimated from what will be
// written: each value's widest figure (from its largest magnitude, not by formatting every cell) and each
// column's own header. Headers of groups wider than their columns are not counted: they are drawn clipped to the
// view with their label kept in sight.
import type { ShowAs } from '../../lib/query/pivot/spec.ts';
import type { PivotLayout, ValueExtent } from '../../lib/query/pivot/types.ts';
import { formatPivotCell, isPercent } from '../../lib/viz/pivot-format.ts';
import type { HeaderCell } from './header-rows.ts';
import { runSteps, STEP, type Steps } from '../../lib/query/pivot/steps.ts';

/** Pixels per character of the table's 15 px text (a little over the average, so figures are not cut). */
export const CHAR_PX = 8.8;
const PADDING_PX = 20;
const TOGGLE_PX = 30;
export const MIN_COLUMN_PX = 56;
export const MAX_COLUMN_PX = 320;
const MAX_LABEL_PX = 420;
/** Non-integers are formatted (they keep every digit) for at most this many cells per value. */
const SAMPLE = 2000;

const px = (chars: number, extra = 0) => Math.ceil(chars * CHAR_PX + PADDING_PX + extra);

/**
 * The widest figure value `shown` can hold once written, in characters (at least that of "[c]1" when protected).
 * With the layout's extent of the figures, whole numbers need no scan at all.
 */
export function figureChars(shown: (number | null)[], showAs: ShowAs, protectedCells: boolean, extent?: ValueExtent): number {
  let maxAbs = extent?.maxAbs ?? 0;
  let negative = extent?.negative ?? false;
  let widest = protectedCells ? 4 : 1;
  let sampled = 0;
  const percent = isPercent(showAs);
  if (!extent || (!extent.integers && !percent)) {
    for (let i = 0; i < shown.length; i++) {
      const v = shown[i];
      if (v === null || v === undefined) continue;
      if (percent || Number.isInteger(v) || sampled >= SAMPLE) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
        negative ||= v < 0;
      } else {
        sampled++;
        widest = Math.max(widest, formatPivotCell(v, showAs).length);
      }
    }
  }
  // A percentage is written to 2 decimals: 999.995% rounds up to "1,000.00%", a digit more than its integer part.
  const top = percent ? maxAbs + 0.005 : maxAbs;
  const digits = top < 1 ? 1 : Math.floor(Math.log10(top)) + 1;
  const grouped = digits + Math.floor((digits - 1) / 3);
  const sign = negative || showAs === 'diff_previous' ? 1 : 0;
  const decimals = percent ? 4 : 0; // ".00%"
  return Math.max(widest, grouped + sign + decimals);
}

/** Width of every display column (column item × value), in pixels. */
export function displayColumnWidths(layout: PivotLayout, headers: HeaderCell[][], shown: (k: number) => (number | null)[], protectedCells: boolean): Float64Array {
  return runSteps(displayColumnWidthsSteps(layout, headers, shown, protectedCells));
}

/** displayColumnWidths, pausing every STEP columns. */
export function* displayColumnWidthsSteps(layout: PivotLayout, headers: HeaderCell[][], shown: (k: number) => (number | null)[], protectedCells: boolean): Steps<Float64Array> {
  const nv = layout.values.length;
  const width = layout.columns.length * nv;
  // The layout's extent describes the true figures: protected ones (rounded, withheld) are scanned instead.
  const figures = layout.values.map((v, k) => px(figureChars(shown(k), v.value.showAs, protectedCells, protectedCells ? undefined : v.extent)));
  const base = layout.values.map((v, k) => Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, figures[k]!, nv > 1 ? px(v.value.label.length) : 0)));
  const out = new Float64Array(width);
  for (let d = 0; d < width; d++) out[d] = base[d % nv]!;
  yield;
  let work = 0;
  for (const row of headers) {
    for (const h of row) {
      if (++work % STEP === 0) yield;
      if (h.colspan > nv) continue; // a group over several columns: clipped, not widened for
      const need = Math.min(MAX_COLUMN_PX, px(h.label.length, h.collapsible ? TOGGLE_PX : 0) / h.colspan);
      for (let d = h.start; d < h.start + h.colspan && d < width; d++) if (out[d]! < need) out[d] = need;
    }
  }
  return out;
}

/** Width of the row-label column: the longest label at its indent (and toggle), or the corner's field names. */
export function rowLabelWidth(layout: PivotLayout, cornerLabel: string): number {
  return runSteps(rowLabelWidthSteps(layout, cornerLabel));
}

export function* rowLabelWidthSteps(layout: PivotLayout, cornerLabel: string): Steps<number> {
  let widest = cornerLabel.length * CHAR_PX;
  for (let i = 0; i < layout.rows.length; i++) {
    const r = layout.rows[i]!;
    const indent = 8 + Math.max(0, r.depth - 1) * 16.5 + (r.hasChildren && r.kind === 'subtotal' ? TOGGLE_PX : 0);
    widest = Math.max(widest, r.label.length * CHAR_PX + indent);
    if (i % (8 * STEP) === 8 * STEP - 1) yield;
  }
  return Math.min(MAX_LABEL_PX, px(0, widest));
}
