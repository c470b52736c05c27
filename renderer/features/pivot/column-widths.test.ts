// Estimated widths of the virtualised pivot's columns: every figure fits the width estimated from its value's
// largest magnitude (checked against the real formatting), headers of a single column widen it, groups do not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AxisItem, PivotLayout } from '../../lib/query/pivot/types.ts';
import type { ShowAs } from '../../lib/query/pivot/spec.ts';
import { formatPivotCell } from '../../lib/viz/pivot-format.ts';
import { columnHeaderRows } from './header-rows.ts';
import { CHAR_PX, MAX_COLUMN_PX, MIN_COLUMN_PX, displayColumnWidths, figureChars, rowLabelWidth } from './column-widths.ts';

const item = (path: (string | number)[], kind: AxisItem['kind'] = 'item'): AxisItem => ({ key: JSON.stringify(path), path, depth: path.length, label: String(path.at(-1) ?? 'Total'), kind, hasChildren: kind !== 'item', collapsed: false });

function layout(columns: AxisItem[], values: { label: string; showAs: ShowAs; shown: (number | null)[] }[], rows: AxisItem[] = [item(['a'])]): PivotLayout {
  return {
    rowFields: ['r'],
    columnFields: ['c', 'd'],
    rowLabels: ['R'],
    columnLabels: ['C', 'D'],
    rows,
    columns,
    values: values.map((v) => ({ value: { field: null, aggregate: 'count', label: v.label, showAs: v.showAs }, raw: v.shown, shown: v.shown, grand: null })),
  };
}

describe('figureChars', () => {
  it('is never narrower than the widest figure as the table writes it', () => {
    const modes: ShowAs[] = ['raw', 'pct_row', 'diff_previous', 'running_total'];
    const figure = fc.oneof(fc.constant(null), fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }));
    fc.assert(
      fc.property(fc.array(figure, { minLength: 1, maxLength: 50 }), fc.constantFrom(...modes), (shown, mode) => {
        const widest = Math.max(1, ...shown.map((v) => formatPivotCell(v, mode).length));
        expect(figureChars(shown, mode, false)).toBeGreaterThanOrEqual(widest);
      }),
    );
  });

  it('counts digits, separators, sign and percent without formatting every integer', () => {
    expect(figureChars([1, 22, 333], 'raw', false)).toBe(3);
    expect(figureChars([1234567], 'raw', false)).toBe(9); // 1,234,567
    expect(figureChars([-5, 10], 'raw', false)).toBe(3);
    expect(figureChars([999999999.995], 'pct_row', false)).toBeGreaterThanOrEqual(formatPivotCell(999999999.995, 'pct_row').length);
    expect(formatPivotCell(-0, 'raw')).toBe('0'); // never "-0"
    expect(formatPivotCell(-0.000001, 'pct_row')).toBe('0.00%');
    expect(figureChars([100], 'pct_row', false)).toBe(7); // 100.00%
    expect(figureChars([null], 'raw', true)).toBe(4); // [c]1
  });
});

describe('displayColumnWidths', () => {
  it('fits figures and each column’s own header; a group’s header does not widen its columns', () => {
    const columns = [item(['A group with a very long name indeed', 1]), item(['A group with a very long name indeed', 'A rather long leaf label']), item([], 'grand_total')];
    const l = layout(columns, [{ label: 'Count', showAs: 'raw', shown: [5, 123456789, 5] }]);
    const widths = displayColumnWidths(l, columnHeaderRows(columns, 2, 1), (k) => l.values[k]!.shown, false);
    expect(widths).toHaveLength(3);
    const figure = Math.ceil(11 * CHAR_PX); // 123,456,789
    const leaf = Math.ceil('A rather long leaf label'.length * CHAR_PX);
    expect(widths[0]).toBeGreaterThanOrEqual(figure);
    expect(widths[0]).toBeLessThan(leaf);
    expect(widths[1]).toBeGreaterThanOrEqual(leaf);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(MIN_COLUMN_PX);
  });

  it('gives each value its own width when there are several, capped at MAX_COLUMN_PX', () => {
    const columns = [item(['x', 'y'])];
    const l = layout(columns, [
      { label: 'Count', showAs: 'raw', shown: [1] },
      { label: 'A value label far too long to be a sensible column width at all, really', showAs: 'raw', shown: [2] },
    ]);
    const widths = displayColumnWidths(l, columnHeaderRows(columns, 2, 2), (k) => l.values[k]!.shown, false);
    expect(widths[0]).toBeLessThan(100);
    expect(widths[1]).toBe(MAX_COLUMN_PX);
  });
});

describe('rowLabelWidth', () => {
  it('fits the longest label at its indent, or the corner’s field names', () => {
    const rows = [item(['Short']), item(['Short', 'A much longer label at level two'])];
    const l = layout([item([], 'grand_total')], [{ label: 'Count', showAs: 'raw', shown: [1, 1] }], rows);
    const deep = rowLabelWidth(l, 'r');
    expect(deep).toBeGreaterThan(Math.ceil('A much longer label at level two'.length * CHAR_PX));
    expect(rowLabelWidth(l, 'x'.repeat(60))).toBeGreaterThan(deep);
  });
});
