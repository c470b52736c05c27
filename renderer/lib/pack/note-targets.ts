// Pack layer, pure: notes attached to a table, one of its columns, one of its rows, or one cell. Markers follow the
// Analysis Function's guidance — in the column header or the row label, never inside a cell holding a figure — so a
// cell's note is marked on its row label and its column header, and every referenced note is listed with the table.
import type { DocTable } from './document.ts';

/** `column`: a column's header as first resolved; `row`: a row's labels joined with " / " (e.g. "2011" or "Adult / Total"). */
export interface NoteTarget {
  note: string;
  column: string | null;
  row: string | null;
}

export const rowKey = (labels: Array<string | number | null>) => labels.map((v) => String(v ?? '')).join(' / ');

/** The table with note markers added; a target that no longer exists (the pivot changed) is reported, not dropped. */
export function applyNoteTargets(table: DocTable, targets: NoteTarget[]): { table: DocTable; missing: string[] } {
  const columns = table.columns.map((c) => ({ ...c }));
  const headerRows = table.headerRows.map((r) => [...r]);
  const rows = table.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) }));
  const labelCount = columns.filter((c) => c.kind === 'label').length;
  const notes = [...table.notes];
  const missing: string[] = [];
  for (const t of targets) {
    let found = true;
    if (t.column !== null) {
      const j = table.columns.findIndex((c) => c.header === t.column);
      if (j < 0) found = false;
      else {
        columns[j]!.header += ` [${t.note}]`;
        const bottom = [...headerRows].reverse().find((r) => r[j]);
        if (bottom) bottom[j] += ` [${t.note}]`;
      }
    }
    if (t.row !== null) {
      const i = table.rows.findIndex((r) => rowKey(r.cells.slice(0, labelCount).map((c) => c.value)) === t.row);
      const label = rows[i]?.cells[Math.max(0, labelCount - 1)];
      if (i < 0 || !label) found = false;
      else label.value = `${String(label.value ?? '')} [${t.note}]`;
    }
    if (!found) missing.push(`[${t.note}] is attached to ${[t.row && `the row "${t.row}"`, t.column && `the column "${t.column}"`].filter(Boolean).join(' and ')}, which Table ${table.number} no longer has.`);
    if (!notes.includes(t.note)) notes.push(t.note);
  }
  return { table: { ...table, columns, headerRows, rows, notes }, missing };
}
