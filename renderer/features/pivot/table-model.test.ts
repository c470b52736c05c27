// The table model of a laid-out pivot: the same headers, offsets, label width and heatmap levels as the one-pass
// functions give, built in steps that pause along the way for a big pivot.
import { describe, expect, it } from 'vitest';
import type { AxisItem, PivotLayout } from '../../lib/query/pivot/types.ts';
import { heatmapLevels } from '../../lib/viz/pivot-format.ts';
import { runSteps } from '../../lib/query/pivot/steps.ts';
import { columnHeaderRows } from './header-rows.ts';
import { displayColumnWidths, rowLabelWidth } from './column-widths.ts';
import { offsetsOf } from './grid-geometry.ts';
import { tableModelSteps } from './table-model.ts';

const item = (path: (string | number)[], kind: AxisItem['kind'] = 'item'): AxisItem => ({ key: JSON.stringify(path), path, depth: path.length, label: String(path.at(-1) ?? 'Total'), kind, hasChildren: kind !== 'item', collapsed: false });

function wide(columns: number, rows: number): PivotLayout {
  const cols = [...Array.from({ length: columns }, (_, i) => item([i])), item([], 'grand_total')];
  const rs = [...Array.from({ length: rows }, (_, i) => item([`row ${i}`])), item([], 'grand_total')];
  const shown = Array.from({ length: rs.length * cols.length }, (_, i) => i % 97);
  const value = { field: null, aggregate: 'count' as const, label: 'Count', showAs: 'raw' as const };
  return { rowFields: ['r'], columnFields: ['c'], rowLabels: ['R'], columnLabels: ['C'], rows: rs, columns: cols, values: [{ value, raw: shown, shown, grand: null, extent: { maxAbs: 96, negative: false, integers: true } }] };
}

describe('tableModelSteps', () => {
  it('gives what the one-pass functions give', () => {
    const layout = wide(300, 20);
    const model = runSteps(tableModelSteps(layout, null, 'rows'));
    const shown = (k: number) => layout.values[k]!.shown;
    expect(model.headers).toEqual(columnHeaderRows(layout.columns, 1, 1));
    expect(Array.from(model.offsets)).toEqual(Array.from(offsetsOf(displayColumnWidths(layout, model.headers, shown, false))));
    expect(model.labelWidth).toBe(rowLabelWidth(layout, 'r'));
    expect(model.levels).toEqual([heatmapLevels(shown(0), layout.rows, layout.columns, 'rows')]);
    expect(model).toMatchObject({ layout, protection: null, headRows: 1, cornerLabel: 'R' });
    expect(runSteps(tableModelSteps(layout, null, 'none')).levels).toEqual([]);
  });

  it('pauses often for a pivot of 50,000 columns', () => {
    const steps = tableModelSteps(wide(50000, 7), null, 'table');
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThan(50);
  });
});
