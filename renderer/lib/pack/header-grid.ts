// Pack layer, pure: a table's multi-level header rows as cells with row and column spans — how the print view draws
// them and how the DOCX writer merges Word's header cells, so both read the same headings over the same columns.
import type { DocTable } from './document.ts';

export interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  numeric: boolean;
}

/**
 * The multi-level header rows as cells with spans. '' continues a group: under a label column it continues the
 * cell above (a row span), elsewhere the cell to its left in the same row (a column span).
 */
export function headerGrid(table: Pick<DocTable, 'headerRows' | 'columns'>): HeaderCell[][] {
  const rows = table.headerRows.length > 0 ? table.headerRows : [table.columns.map((c) => c.header)];
  const owner: Array<Array<HeaderCell | null>> = rows.map(() => table.columns.map(() => null));
  const grid: HeaderCell[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const text = row[c] ?? '';
      const above = (r > 0 ? owner[r - 1]![c] : null) ?? null;
      const left = (c > 0 ? owner[r]![c - 1] : null) ?? null;
      const extendAbove = above !== null && above.colspan === 1;
      if (text === '' && column.kind === 'label' && extendAbove) {
        above.rowspan++;
        owner[r]![c] = above;
      } else if (text === '' && left && left.rowspan === 1 && grid[r]!.includes(left)) {
        left.colspan++;
        owner[r]![c] = left;
      } else if (text === '' && extendAbove) {
        above.rowspan++;
        owner[r]![c] = above;
      } else {
        const cell = { text, colspan: 1, rowspan: 1, numeric: column.kind === 'number' };
        grid[r]!.push(cell);
        owner[r]![c] = cell;
      }
    });
  });
  return grid;
}

