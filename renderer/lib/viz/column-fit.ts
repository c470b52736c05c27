// Visualisation layer, pure: a results-grid column's fixed width, fitted to its header and its first rows as the grid
// shows them. Fixed widths let the browser lay a drawn row out without measuring its text, so a scrolled frame stays
// a screenful of text set in known boxes (components/DataGrid.svelte); the analyst's own widths win over these.
import { formatCell } from './format.ts';

/** Rows read to fit a column's width, and the widest a fitted column gets (wider text is cut with an ellipsis). */
const SAMPLE_ROWS = 100;
const MAX_FITTED = 480;
const CHAR_PX = 7.5;
const PADDING_PX = 28;

export interface FittedColumn {
  name: string;
  /** The type shown beside the name in the header (INTEGER, VARCHAR…). */
  type: string;
  code: boolean;
  temporal: 'date' | 'timestamp' | null;
  vector: { get(row: number): unknown } | null;
}

/** The column's width in px: the longest of its header and its first rows as shown, 7.5 px a character. */
export function fittedWidth(c: FittedColumn, rowCount: number): number {
  let longest = Math.max(c.name.length + c.type.length + 1, 8);
  for (let r = 0; r < Math.min(rowCount, SAMPLE_ROWS); r += 1) {
    const v = c.vector?.get(r);
    longest = Math.max(longest, v === null || v === undefined ? 4 : formatCell(v, c.code, c.temporal).length);
  }
  return Math.min(MAX_FITTED, Math.round(longest * CHAR_PX + PADDING_PX));
}
