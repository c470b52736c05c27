// Pivot feature, pure: the column header rows of a laid-out pivot — one row per column field, runs of columns
// sharing a group merged with colspan, subtotal and total columns spanning the levels below them.
import type { AxisItem } from '../../lib/query/pivot/types.ts';

export interface HeaderCell {
  label: string;
  colspan: number;
  rowspan: number;
  /** Key of the group this header stands for (for collapse/expand), or null. */
  groupKey: string | null;
  collapsible: boolean;
  collapsed: boolean;
  total: boolean;
}

export function columnHeaderRows(columns: AxisItem[], fieldCount: number, valueCount: number): HeaderCell[][] {
  const levels = Math.max(1, fieldCount);
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < levels; level++) {
    const row: HeaderCell[] = [];
    let i = 0;
    while (i < columns.length) {
      const c = columns[i]!;
      if (c.depth < level || (fieldCount === 0 && level > 0)) {
        i++;
        continue; // covered by a rowspan from above
      }
      if (c.depth === level && c.kind !== 'item') {
        const label = c.kind === 'grand_total' ? 'Total' : `${c.label} total`;
        row.push({ label, colspan: valueCount, rowspan: levels - level, groupKey: null, collapsible: false, collapsed: false, total: true });
        i++;
        continue;
      }
      const prefix = JSON.stringify(c.path.slice(0, level + 1));
      let j = i + 1;
      while (j < columns.length && columns[j]!.depth > level && JSON.stringify(columns[j]!.path.slice(0, level + 1)) === prefix) j++;
      const collapsed = c.collapsed && c.depth === level + 1;
      row.push({
        label: String(c.path[level] === null ? '(blank)' : (c.path[level] ?? c.label)),
        colspan: (j - i) * valueCount,
        rowspan: collapsed ? levels - level : 1,
        groupKey: level + 1 < fieldCount ? prefix : null,
        collapsible: level + 1 < fieldCount,
        collapsed,
        total: false,
      });
      i = j;
    }
    rows.push(row);
  }
  return rows;
}
