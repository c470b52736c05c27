// One data cell of the pivot table as drawn: the figure as written (percentages with the exact figure as a tooltip),
// "[c]" with its marker and words when protected, heatmap shade, and whether it is in a total column.
import { describe, expect, it } from 'vitest';
import type { AxisItem, PivotLayout } from '../../lib/query/pivot/types.ts';
import type { ProtectedPivot } from '../../lib/sdc/pivot-protect.ts';
import { cellView } from './pivot-cells.ts';

const item = (path: string[], kind: AxisItem['kind'] = 'item'): AxisItem => ({ key: JSON.stringify(path), path, depth: path.length, label: path.at(-1) ?? 'Total', kind, hasChildren: kind !== 'item', collapsed: false });

// Two rows × (one column + total) × two values (a count and a % of row).
const layout: PivotLayout = {
  rowFields: ['r'],
  columnFields: ['c'],
  rowLabels: ['R'],
  columnLabels: ['C'],
  rows: [item(['a']), item(['b'])],
  columns: [item(['x']), item([], 'grand_total')],
  values: [
    { value: { field: null, aggregate: 'count', label: 'Count', showAs: 'raw' }, raw: [1234, 1234, 3, 3], shown: [1234, 1234, 3, 3], grand: 1237 },
    { value: { field: null, aggregate: 'count', label: '%', showAs: 'pct_row' }, raw: [1234, 1234, 3, 3], shown: [100, 100, 12.3456, 100], grand: 1237 },
  ],
};

describe('cellView', () => {
  it('reads display column d as column d ÷ values, value d mod values', () => {
    expect(cellView(layout, null, [], 0, 0)).toMatchObject({ text: '1,234', total: false, label: undefined, title: undefined });
    expect(cellView(layout, null, [], 1, 1)).toMatchObject({ text: '12.35%', title: '12.3456%' });
    expect(cellView(layout, null, [], 1, 2)).toMatchObject({ text: '3', total: true });
  });

  it('shades by the heatmap level of its value', () => {
    expect(cellView(layout, null, [[0, null, 1, null]], 1, 0).background).toBe('rgb(107, 174, 214)');
    expect(cellView(layout, null, [[0, null, 1, null]], 1, 2).background).toBeUndefined();
  });

  it('a protected cell shows [c] with its marker, and says why in words', () => {
    const protection = {
      valueIndex: 0,
      shown: [[1234, 1234, null, null], layout.values[1]!.shown],
      status: [[null, null, { code: 'c', kind: 'primary' }, { code: 'c', kind: 'secondary' }], [null, null, null, null]],
    } as unknown as ProtectedPivot;
    expect(cellView(layout, protection, [], 1, 0)).toMatchObject({ text: '[c]', marker: '1', primary: true, secondary: false, label: '[c] confidential (primary: below the threshold)' });
    expect(cellView(layout, protection, [], 1, 2)).toMatchObject({ text: '[c]', marker: '2', primary: false, secondary: true });
    expect(cellView(layout, protection, [], 0, 0)).toMatchObject({ text: '1,234', marker: '' });
  });
});
