// The grid's scroll window: unscaled for results that fit the browser's height cap; scaled past it, with the whole
// result reachable, the last row exactly at the bottom at the end, and any row brought into view by the keyboard.
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, offsetToShow, rowOffset, rowsInView, rowsToDraw, scrollFor, spacerHeight } from './scroll-window.ts';

const g = (rowCount: number) => ({ rowCount, rowHeight: 28, viewHeight: 280 });

describe('the scroll window', () => {
  it('is the rows themselves for a result that fits', () => {
    const small = g(1000);
    expect(spacerHeight(small)).toBe(28_000);
    expect(rowOffset(small, 560)).toBe(560);
    expect(scrollFor(small, 560)).toBe(560);
    const drawn = rowsToDraw(small, 560, 560, 2);
    expect([drawn.first, drawn.last, drawn.top(20)]).toEqual([18, 32, 560]);
    expect(rowsInView(small, 560)).toEqual({ from: 21, to: 30 });
  });

  it('scales past the cap: 10M rows fit the range, and the end shows the true last row at the bottom', () => {
    const big = g(10_000_000);
    const spacer = spacerHeight(big);
    expect(spacer).toBe(MAX_SCROLL_PX);
    const end = spacer - big.viewHeight; // the largest scrollTop
    const offset = rowOffset(big, end);
    expect(offset).toBe(10_000_000 * 28 - 280);
    const drawn = rowsToDraw(big, offset, end, 8);
    expect(drawn.last).toBe(10_000_000);
    // The last row's bottom is the viewport's bottom, in the body's own coordinates.
    expect(drawn.top(9_999_999) + 28).toBeCloseTo(end + big.viewHeight, 6);
    expect(rowsInView(big, offset)).toEqual({ from: 9_999_991, to: 10_000_000 });
    // Halfway down the scrollbar is halfway down the rows.
    expect(Math.round(rowOffset(big, end / 2) / 28)).toBe(Math.round((10_000_000 * 28 - 280) / 2 / 28));
  });

  it('brings a row into view moving as little as possible, and maps it back to a scroll position', () => {
    const big = g(10_000_000);
    expect(offsetToShow(big, 0, 5)).toBe(0);
    expect(offsetToShow(big, 0, 10)).toBe(11 * 28 - 280);
    expect(offsetToShow(big, 28_000, 3)).toBe(84);
    const target = offsetToShow(big, 0, 9_999_999);
    expect(rowOffset(big, scrollFor(big, target))).toBeCloseTo(target, 3);
    expect(rowsInView(g(0), 0)).toEqual({ from: 0, to: 0 });
  });
});
