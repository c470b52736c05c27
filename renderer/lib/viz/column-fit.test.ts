// A grid column's fitted width: from its header or its widest first rows as shown, never past the cap.
import { describe, expect, it } from 'vitest';
import { fittedWidth, type FittedColumn } from './column-fit.ts';

const column = (values: unknown[], extra: Partial<FittedColumn> = {}): FittedColumn => ({
  name: 'n', type: 'INTEGER', code: false, temporal: null, vector: { get: (r) => values[r] }, ...extra,
});

describe('a fitted column width', () => {
  it('follows the header, or the widest of the first rows as the grid writes them, up to 480 px', () => {
    expect(fittedWidth(column([1, 2]), 2)).toBe(Math.round(9 * 7.5 + 28)); // "n INTEGER"
    expect(fittedWidth(column([1234567]), 1)).toBe(Math.round(9 * 7.5 + 28));
    expect(fittedWidth(column([123456789012]), 1)).toBe(Math.round(15 * 7.5 + 28)); // "123,456,789,012"
    expect(fittedWidth(column([1711843200000], { temporal: 'date' }), 1)).toBe(Math.round(10 * 7.5 + 28)); // "2024-03-31"
    expect(fittedWidth(column(['x'.repeat(500)], { type: 'VARCHAR' }), 1)).toBe(480);
    expect(fittedWidth(column([null, 'x'.repeat(40)]), 1)).toBe(Math.round(9 * 7.5 + 28)); // only the rows there are
  });
});
