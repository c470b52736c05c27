// Geometry of the virtualised pivot table: column offsets and lookups, the windows of rows and columns drawn
// (small axes whole), the active cell always drawn, scrolling a cell out from under the sticky headers, and keys.
import { describe, expect, it } from 'vitest';
import { OVERSCAN_PX, OVERSCAN_ROWS, ROW_HEIGHT, WHOLE_COLUMNS, WHOLE_ROWS, columnWindow, indexesWith, itemAt, keyMove, offsetsOf, revealScroll, rowWindow } from './grid-geometry.ts';

describe('columns', () => {
  const offsets = offsetsOf(Array.from({ length: 50000 }, (_, i) => (i % 2 ? 100 : 60)));

  it('offsets are running sums and itemAt finds the column under a position', () => {
    expect(Array.from(offsetsOf([10, 20, 30]))).toEqual([0, 10, 30, 60]);
    expect(itemAt(offsets, 0)).toBe(0);
    expect(itemAt(offsets, 59.9)).toBe(0);
    expect(itemAt(offsets, 60)).toBe(1);
    expect(itemAt(offsets, 160)).toBe(2);
    expect(itemAt(offsets, 1e12)).toBe(49999);
    expect(itemAt(offsets, -5)).toBe(0);
    expect(itemAt(offsetsOf([]), 10)).toBe(0);
  });

  it('draws the columns in view plus OVERSCAN_PX either side, wherever the view is', () => {
    const at = 80 * 20000; // 20,000 columns of 60 + 100 px in
    const { first, last } = columnWindow(offsets, at, 900);
    expect(offsets[first]!).toBeLessThanOrEqual(at - OVERSCAN_PX);
    expect(offsets[first + 1]!).toBeGreaterThan(at - OVERSCAN_PX);
    expect(offsets[last]!).toBeGreaterThanOrEqual(at + 900 + OVERSCAN_PX);
    expect(last - first).toBeLessThan(40);
    const end = columnWindow(offsets, offsets[50000]! - 900, 900);
    expect(end.last).toBe(50000);
  });

  it('draws a small axis whole', () => {
    expect(columnWindow(offsetsOf(new Array(WHOLE_COLUMNS).fill(500)), 4000, 300)).toEqual({ first: 0, last: WHOLE_COLUMNS });
    expect(rowWindow(WHOLE_ROWS, 2000, 300)).toEqual({ first: 0, last: WHOLE_ROWS });
  });
});

describe('rows', () => {
  it('draws the rows in view plus OVERSCAN_ROWS either side, clamped to the table', () => {
    expect(rowWindow(10000, 0, 280)).toEqual({ first: 0, last: 10 + OVERSCAN_ROWS });
    expect(rowWindow(10000, 100 * ROW_HEIGHT, 280)).toEqual({ first: 100 - OVERSCAN_ROWS, last: 110 + OVERSCAN_ROWS });
    expect(rowWindow(10000, 9995 * ROW_HEIGHT, 280)).toEqual({ first: 9995 - OVERSCAN_ROWS, last: 10000 });
  });

  it('adds the active row or column to what is drawn when it is out of view, in order', () => {
    expect(indexesWith({ first: 5, last: 8 }, 6)).toEqual([5, 6, 7]);
    expect(indexesWith({ first: 5, last: 8 }, 1)).toEqual([1, 5, 6, 7]);
    expect(indexesWith({ first: 5, last: 8 }, 40)).toEqual([5, 6, 7, 40]);
    expect(indexesWith({ first: 0, last: 0 }, -1)).toEqual([]);
  });
});

describe('revealScroll', () => {
  // A 500 px view whose first 60 px are under a sticky header.
  it('leaves the scroll alone when the cell is in the uncovered part of the view', () => {
    expect(revealScroll(1000, 500, 60, 1100, 1128)).toBe(1000);
  });
  it('scrolls back so a cell hidden under the sticky header sits just below it', () => {
    expect(revealScroll(1000, 500, 60, 1040, 1068)).toBe(980);
    expect(revealScroll(1000, 500, 60, 20, 48)).toBe(0);
  });
  it('scrolls on so a cell past the end of the view ends at its edge', () => {
    expect(revealScroll(1000, 500, 60, 1600, 1628)).toBe(1128);
  });
  it('a cell wider than the uncovered view shows its start', () => {
    expect(revealScroll(0, 500, 60, 1000, 1800)).toBe(940);
  });
});

describe('keyMove', () => {
  const at = { r: 5, c: 5 };
  it('arrows, pages, Home and End move the active cell within the grid', () => {
    expect(keyMove('ArrowDown', false, at, 10, 10, 3)).toEqual({ r: 6, c: 5 });
    expect(keyMove('ArrowUp', false, at, 10, 10, 3)).toEqual({ r: 4, c: 5 });
    expect(keyMove('ArrowRight', false, at, 10, 10, 3)).toEqual({ r: 5, c: 6 });
    expect(keyMove('ArrowLeft', false, at, 10, 10, 3)).toEqual({ r: 5, c: 4 });
    expect(keyMove('PageDown', false, at, 10, 10, 3)).toEqual({ r: 8, c: 5 });
    expect(keyMove('PageDown', false, { r: 8, c: 5 }, 10, 10, 3)).toEqual({ r: 9, c: 5 });
    expect(keyMove('PageUp', false, at, 10, 10, 30)).toEqual({ r: 0, c: 5 });
    expect(keyMove('Home', false, at, 10, 10, 3)).toEqual({ r: 5, c: 0 });
    expect(keyMove('End', false, at, 10, 50001, 3)).toEqual({ r: 5, c: 50000 });
    expect(keyMove('Home', true, at, 10, 10, 3)).toEqual({ r: 0, c: 0 });
    expect(keyMove('End', true, at, 10, 10, 3)).toEqual({ r: 9, c: 9 });
    expect(keyMove('ArrowLeft', false, { r: 0, c: 0 }, 10, 10, 3)).toEqual({ r: 0, c: 0 });
  });
  it('other keys, and an empty grid, move nothing', () => {
    expect(keyMove('Enter', false, at, 10, 10, 3)).toBeNull();
    expect(keyMove('ArrowDown', false, at, 0, 10, 3)).toBeNull();
  });
});
