// Viz logic, pure: which rows of a long result a virtualised grid draws, and where. Browsers cap an element's height
// (Chromium near 33.5M px: 1.2M rows of 28 px), so past MAX_SCROLL_PX the scroll range is scaled: the scrollbar
// spans the whole result, each pixel of it stands for several pixels of rows, and the rows in view are drawn where
// the viewport is. At the end of the range the last row sits at the bottom, exactly.

/** The tallest scroll range a grid asks of the browser (well under Chromium's and Firefox's caps). */
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  /** The height rows can be seen in (the viewport less its header). */
  viewHeight: number;
}

/** The scroll range the grid's body takes: the rows' own height, or MAX_SCROLL_PX when that is more. */
export function spacerHeight(g: ScrollGeometry): number {
  return Math.min(g.rowCount * g.rowHeight, MAX_SCROLL_PX);
}

/** Pixels of rows per pixel of scroll (1 unless the range is scaled). */
function scale(g: ScrollGeometry): number {
  const scroll = spacerHeight(g) - g.viewHeight;
  const rows = g.rowCount * g.rowHeight - g.viewHeight;
  return scroll > 0 && rows > scroll ? rows / scroll : 1;
}

/** The offset into the rows (px) a scroll position shows. */
export function rowOffset(g: ScrollGeometry, scrollTop: number): number {
  const max = Math.max(0, g.rowCount * g.rowHeight - g.viewHeight);
  return Math.min(max, Math.max(0, scrollTop * scale(g)));
}

/** The scroll position that shows the rows from `offset` (px). */
export function scrollFor(g: ScrollGeometry, offset: number): number {
  return offset / scale(g);
}

/**
 * The rows to draw for a row offset — those in view and `overscan` either side — and where each goes in the body:
 * relative to the viewport's top (`scrollTop`), which unscaled is each row's own place.
 */
export function rowsToDraw(g: ScrollGeometry, offset: number, scrollTop: number, overscan: number): { first: number; last: number; top: (row: number) => number } {
  const first = Math.max(0, Math.floor(offset / g.rowHeight) - overscan);
  const last = Math.min(g.rowCount, Math.ceil((offset + g.viewHeight) / g.rowHeight) + overscan);
  return { first, last, top: (row) => row * g.rowHeight + scrollTop - offset };
}

/** The rows wholly or partly in view, 1-based, as "rows a–b of N" says them (0–0 with none). */
export function rowsInView(g: ScrollGeometry, offset: number): { from: number; to: number } {
  if (g.rowCount === 0) return { from: 0, to: 0 };
  const from = Math.floor(offset / g.rowHeight) + 1;
  const to = Math.min(g.rowCount, Math.ceil((offset + g.viewHeight) / g.rowHeight));
  return { from, to: Math.max(from, to) };
}

/** The row offset that brings `row` into view from `offset`, moving as little as possible. */
export function offsetToShow(g: ScrollGeometry, offset: number, row: number): number {
  const top = row * g.rowHeight;
  if (top < offset) return top;
  if (top + g.rowHeight > offset + g.viewHeight) return Math.max(0, top + g.rowHeight - g.viewHeight);
  return offset;
}
