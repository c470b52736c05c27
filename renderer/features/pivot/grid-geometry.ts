// Pivot feature, pure: the geometry of the virtualised pivot table — where each display column starts, which rows
// and columns are in view (plus overscan), where to scroll so a cell is seen and not hidden under the sticky
// headers or row labels, and where a key moves the active cell. The table draws only what this says is in view,
// so a pivot of 50,000 columns costs a screenful of DOM.

export const ROW_HEIGHT = 28;
/** Rows drawn beyond the view, above and below. */
export const OVERSCAN_ROWS = 3;
/** Pixels of columns drawn beyond the view, left and right. */
export const OVERSCAN_PX = 160;
/**
 * Axes this small are drawn whole: they cost little, and "every row called X" stays in the page for people and
 * tests that look for it. Only past these are rows and columns drawn by the window.
 */
export const WHOLE_ROWS = 150;
export const WHOLE_COLUMNS = 50;

/** Prefix sums: offsets[i] is where item i starts, offsets[n] the total size. */
export function offsetsOf(sizes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++) out[i + 1] = out[i]! + sizes[i]!;
  return out;
}

/** The item at position x: the last whose start is at or before x, clamped to [0, n - 1] (0 when there are none). */
export function itemAt(offsets: Float64Array, x: number): number {
  const n = offsets.length - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export interface Span {
  first: number;
  /** One past the last. */
  last: number;
}

/** Columns [first, last) overlapping [start, start + size) widened by OVERSCAN_PX, or all of them when few. */
export function columnWindow(offsets: Float64Array, start: number, size: number): Span {
  const n = offsets.length - 1;
  if (n <= WHOLE_COLUMNS) return { first: 0, last: n };
  const first = itemAt(offsets, Math.max(0, start - OVERSCAN_PX));
  const last = Math.min(n, itemAt(offsets, start + size + OVERSCAN_PX) + 1);
  return { first, last };
}

/** Rows [first, last) of ROW_HEIGHT overlapping [start, start + size) plus OVERSCAN_ROWS, or all of them when few. */
export function rowWindow(count: number, start: number, size: number): Span {
  if (count <= WHOLE_ROWS) return { first: 0, last: count };
  const first = Math.max(0, Math.floor(start / ROW_HEIGHT) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((start + size) / ROW_HEIGHT) + OVERSCAN_ROWS);
  return { first, last: Math.max(first, last) };
}

/** The span's indexes, and `extra` too (in order) when it lies outside: the active cell is always drawn. */
export function indexesWith(span: Span, extra: number): number[] {
  const out: number[] = [];
  if (extra < span.first && extra >= 0) out.push(extra);
  for (let i = span.first; i < span.last; i++) out.push(i);
  if (extra >= span.last) out.push(extra);
  return out;
}

/**
 * The scroll position (along one axis) that shows the item [itemStart, itemEnd): the viewport shows
 * [scroll, scroll + size), of which the first `sticky` pixels are covered by sticky headers or labels.
 */
export function revealScroll(scroll: number, size: number, sticky: number, itemStart: number, itemEnd: number): number {
  if (itemStart < scroll + sticky) return Math.max(0, itemStart - sticky);
  if (itemEnd > scroll + size) return Math.max(0, Math.min(itemStart - sticky, itemEnd - size));
  return scroll;
}

export interface Cell {
  r: number;
  c: number;
}

/**
 * Where a key moves the active cell in a grid of `rows` × `cols` (clamped to it): arrows, Home/End (Ctrl: to the
 * first/last cell), PageUp/PageDown by `page` rows. Null for keys that do not move it.
 */
export function keyMove(key: string, ctrl: boolean, at: Cell, rows: number, cols: number, page: number): Cell | null {
  const to: Record<string, Cell> = {
    ArrowDown: { r: at.r + 1, c: at.c },
    ArrowUp: { r: at.r - 1, c: at.c },
    ArrowRight: { r: at.r, c: at.c + 1 },
    ArrowLeft: { r: at.r, c: at.c - 1 },
    PageDown: { r: at.r + page, c: at.c },
    PageUp: { r: at.r - page, c: at.c },
    Home: ctrl ? { r: 0, c: 0 } : { r: at.r, c: 0 },
    End: ctrl ? { r: rows - 1, c: cols - 1 } : { r: at.r, c: cols - 1 },
  };
  const cell = to[key];
  if (!cell || rows === 0 || cols === 0) return null;
  return { r: Math.max(0, Math.min(rows - 1, cell.r)), c: Math.max(0, Math.min(cols - 1, cell.c)) };
}
