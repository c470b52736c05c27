// Pivot feature, pure: the column header rows of a laid-out pivot — one row per column field, runs of columns
// sharing a group merged (colspan), subtotal and total columns spanning the levels below them (rowspan) — with
// each header's first display column, so a virtualised table can draw only the headers over the columns in view
// (a group wider than the view is drawn clipped to it, still with its label). Display columns are
// column item × value: item ci, value k is display column ci × valueCount + k.
import type { AxisItem } from '../../lib/query/pivot/types.ts';
import { runSteps, STEP, type Steps } from '../../lib/query/pivot/steps.ts';

export interface HeaderCell {
  label: string;
  /** First display column the header stands over. */
  start: number;
  colspan: number;
  rowspan: number;
  /** Key of the group this header stands for (for collapse/expand), or null. */
  groupKey: string | null;
  collapsible: boolean;
  collapsed: boolean;
  total: boolean;
}

function samePrefix(a: AxisItem, b: AxisItem, level: number): boolean {
  for (let l = 0; l <= level; l++) if (a.path[l] !== b.path[l]) return false;
  return true;
}

export function columnHeaderRows(columns: AxisItem[], fieldCount: number, valueCount: number): HeaderCell[][] {
  return runSteps(columnHeaderRowsSteps(columns, fieldCount, valueCount));
}

/** columnHeaderRows, pausing every STEP columns (50,000 columns make 50,000 headers). */
export function* columnHeaderRowsSteps(columns: AxisItem[], fieldCount: number, valueCount: number): Steps<HeaderCell[][]> {
  const levels = Math.max(1, fieldCount);
  let work = 0;
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < levels; level++) {
    const row: HeaderCell[] = [];
    let i = 0;
    while (i < columns.length) {
      if (++work % STEP === 0) yield;
      const c = columns[i]!;
      // Covered by a rowspan from above: a total's or a collapsed group's header spans every level below it.
      if (c.depth < level || (c.collapsed && c.depth <= level) || (fieldCount === 0 && level > 0)) {
        i++;
        continue;
      }
      const start = i * valueCount;
      if (c.depth === level && c.kind !== 'item') {
        const label = c.kind === 'grand_total' ? 'Total' : `${c.label} total`;
        row.push({ label, start, colspan: valueCount, rowspan: levels - level, groupKey: null, collapsible: false, collapsed: false, total: true });
        i++;
        continue;
      }
      let j = i + 1;
      while (j < columns.length && columns[j]!.depth > level && samePrefix(columns[j]!, c, level)) j++;
      const collapsed = c.collapsed && c.depth === level + 1;
      const collapsible = level + 1 < fieldCount;
      row.push({
        label: String(c.path[level] === null ? '(blank)' : (c.path[level] ?? c.label)),
        start,
        colspan: (j - i) * valueCount,
        rowspan: collapsed ? levels - level : 1,
        groupKey: collapsible ? JSON.stringify(c.path.slice(0, level + 1)) : null,
        collapsible,
        collapsed,
        total: false,
      });
      i = j;
    }
    rows.push(row);
  }
  return rows;
}

/** The headers of one row that lie over display columns [from, to), in order (found by binary search). */
export function headersIn(row: HeaderCell[], from: number, to: number): HeaderCell[] {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const h = row[mid]!;
    if (h.start + h.colspan <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: HeaderCell[] = [];
  for (let i = lo; i < row.length && row[i]!.start < to; i++) out.push(row[i]!);
  return out;
}
