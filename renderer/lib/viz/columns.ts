// Visualisation layer, pure: reads a small Arrow result column-wise into plain arrays for charts and summary
// tables. Only for small results (tens of rows); big results stay Arrow and are paged by the grid.
import type { Table } from 'apache-arrow';

export function numberColumn(table: Table, name: string): (number | null)[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`The result has no column "${name}".`);
  const out: (number | null)[] = [];
  for (let i = 0; i < col.length; i++) {
    const v: unknown = col.get(i);
    out.push(v === null || v === undefined ? null : Number(v));
  }
  return out;
}

export function textColumn(table: Table, name: string): (string | null)[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`The result has no column "${name}".`);
  const out: (string | null)[] = [];
  for (let i = 0; i < col.length; i++) {
    const v: unknown = col.get(i);
    out.push(v === null || v === undefined ? null : String(v));
  }
  return out;
}
