// Pivot feature, pure: everything the virtualised pivot table needs beyond the layout itself — the column header
// rows, each display column's offset, the row-label column's width, heatmap levels — built as steps, because for a
// pivot of 50,000 columns (or 400,000 cells of heatmap) each is a pass the page should not wait on in one go. The
// table shows a model only once it is complete, so what it draws always belongs to one layout.
import type { HeatmapScope } from '../../lib/viz/pivot-format.ts';
import { heatmapLevelsSteps } from '../../lib/viz/pivot-format.ts';
import type { PivotLayout } from '../../lib/query/pivot/types.ts';
import type { ProtectedPivot } from '../../lib/sdc/pivot-protect.ts';
import type { Steps } from '../../lib/query/pivot/steps.ts';
import { columnHeaderRowsSteps, type HeaderCell } from './header-rows.ts';
import { displayColumnWidthsSteps, rowLabelWidthSteps } from './column-widths.ts';
import { offsetsOf } from './grid-geometry.ts';

export interface TableModel {
  layout: PivotLayout;
  protection: ProtectedPivot | null;
  /** Value k's heatmap levels (row-major, like its figures); empty without a heatmap. */
  levels: (number | null)[][];
  headers: HeaderCell[][];
  /** Header rows: one per column field, and one naming the values when there are several. */
  headRows: number;
  /** offsets[d] is where display column d starts (after the row labels); offsets[columns × values] the total. */
  offsets: Float64Array;
  labelWidth: number;
  /** The corner's words: the row fields, or "Rows". */
  cornerLabel: string;
}

export function* tableModelSteps(layout: PivotLayout, protection: ProtectedPivot | null, heatmap: HeatmapScope): Steps<TableModel> {
  const nv = layout.values.length;
  const shownOf = (k: number): (number | null)[] => protection?.shown[k] ?? layout.values[k]?.shown ?? [];
  const cornerLabel = layout.rowLabels.length ? layout.rowLabels.join(' / ') : 'Rows';
  const headers = yield* columnHeaderRowsSteps(layout.columns, layout.columnFields.length, nv);
  const widths = yield* displayColumnWidthsSteps(layout, headers, shownOf, protection !== null);
  const offsets = offsetsOf(widths);
  yield;
  const labelWidth = yield* rowLabelWidthSteps(layout, cornerLabel);
  const levels: (number | null)[][] = [];
  if (heatmap !== 'none') for (let k = 0; k < nv; k++) levels.push(yield* heatmapLevelsSteps(shownOf(k), layout.rows, layout.columns, heatmap));
  return { layout, protection, levels, headers, headRows: headers.length + (nv > 1 ? 1 : 0), offsets, labelWidth, cornerLabel };
}
