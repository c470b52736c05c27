// Column header rows of a laid-out pivot, with each header's first display column: groups merge runs of columns,
// totals and collapsed groups span the levels below them, and the headers over a window of columns are found by
// binary search — a group only partly in the window included.
import { describe, expect, it } from 'vitest';
import type { AxisItem } from '../../lib/query/pivot/types.ts';
import { columnHeaderRows, headersIn } from './header-rows.ts';

const item = (path: (string | number)[], kind: AxisItem['kind'] = 'item', collapsed = false): AxisItem => ({
  key: JSON.stringify(path),
  path,
  depth: path.length,
  label: String(path.at(-1) ?? 'Total'),
  kind,
  hasChildren: kind !== 'item',
  collapsed,
});

// year × age, subtotals after each year; 2012 collapsed.
const columns = [item([2011, 'Adult']), item([2011, 'Child']), item([2011], 'subtotal'), item([2012], 'subtotal', true), item([], 'grand_total')];

describe('columnHeaderRows', () => {
  it('merges groups, spans totals and collapsed groups down, and knows where each header starts', () => {
    const [top, bottom] = columnHeaderRows(columns, 2, 1);
    // 2011 stands over its ages and its total; the collapsed 2012 and the grand total reach down to the lower row.
    expect(top!.map((h) => [h.label, h.start, h.colspan, h.rowspan])).toEqual([
      ['2011', 0, 3, 1],
      ['2012', 3, 1, 2],
      ['Total', 4, 1, 2],
    ]);
    expect(top![0]).toMatchObject({ collapsible: true, collapsed: false, groupKey: '[2011]' });
    expect(top![1]).toMatchObject({ collapsible: true, collapsed: true, groupKey: '[2012]' });
    expect(bottom!.map((h) => [h.label, h.start, h.total])).toEqual([['Adult', 0, false], ['Child', 1, false], ['2011 total', 2, true]]);
    expect(bottom!.every((h) => !h.collapsible)).toBe(true);
  });

  it('counts display columns (column × value) when there are several values', () => {
    const [top, bottom] = columnHeaderRows(columns, 2, 3);
    expect(top!.map((h) => [h.start, h.colspan])).toEqual([[0, 9], [9, 3], [12, 3]]);
    expect(bottom!.map((h) => [h.start, h.colspan])).toEqual([[0, 3], [3, 3], [6, 3]]);
  });

  it('a pivot without column fields has one header row: the total', () => {
    expect(columnHeaderRows([item([], 'grand_total')], 0, 1)).toEqual([[expect.objectContaining({ label: 'Total', start: 0, colspan: 1, rowspan: 1 })]]);
  });
});

describe('headersIn', () => {
  const wide = Array.from({ length: 3 }, (_, g) => Array.from({ length: 1000 }, (_, k) => item([g, k]))).flat();
  const [groups, leaves] = columnHeaderRows(wide, 2, 1);

  it('finds the headers over a window of columns, a group that starts before it and one that runs past it included', () => {
    expect(headersIn(groups!, 990, 1010).map((h) => [h.label, h.start, h.colspan])).toEqual([['0', 0, 1000], ['1', 1000, 1000]]);
    expect(headersIn(groups!, 1500, 1520).map((h) => h.label)).toEqual(['1']);
    expect(headersIn(leaves!, 1500, 1503).map((h) => [h.label, h.start])).toEqual([['500', 1500], ['501', 1501], ['502', 1502]]);
    expect(headersIn(leaves!, 2998, 5000).map((h) => h.start)).toEqual([2998, 2999]);
    expect(headersIn(leaves!, 10, 10)).toEqual([]);
  });
});
