// Visualisation layer, pure: reads a small Arrow result column-wise into plain arrays for charts and summary
// tables. Only for small results (tens of rows); big results stay Arrow and are paged by the grid.
import type { Table } from 'apache-arrow';

function readColumn<T>(table: Table, name: string, convert: (v: unknown) => T): (T | null)[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`The result has no column "${name}".`);
  const out: (T | null)[] = [];
  for (let i = 0; i < col.length; i++) {
    const v: unknown = col.get(i);
    out.push(v === null || v === undefined ? null : convert(v));
  }
  return out;
}

export const numberColumn = (table: Table, name: string): (number | null)[] => readColumn(table, name, Number);
export const textColumn = (table: Table, name: string): (string | null)[] => readColumn(table, name, String);
