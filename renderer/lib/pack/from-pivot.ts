// Pack layer, pure: a laid-out pivot (protected or not) as a pack table — one label column per row field, one
// number column per (column item × value) with a single flattened header for spreadsheets and the header rows for
// print, every subtotal and the grand total kept. Figures stay typed and unrounded; the number format only says how
// to show them, and a withheld cell carries its status ([c]) instead of a figure.
import type { PivotValue, ShowAs } from '../query/pivot/spec.ts';
import type { AxisItem, PivotLayout } from '../query/pivot/types.ts';
import type { ProtectedPivot } from '../sdc/pivot-protect.ts';
import type { DocColumn, DocTableRow } from './document.ts';

const PERCENT: ReadonlySet<ShowAs> = new Set(['pct_row', 'pct_column', 'pct_total', 'pct_parent_row', 'pct_parent_column', 'pct_change_previous']);

/** Excel number format and unit for a value as shown. */
export function valueFormat(value: PivotValue): { numberFormat: string; unit: string } {
  if (PERCENT.has(value.showAs)) return { numberFormat: '#,##0.00', unit: '%' };
  const whole = value.aggregate === 'count' || value.aggregate === 'count_distinct' || value.aggregate === 'sum';
  return { numberFormat: whole ? '#,##0' : '#,##0.0##', unit: '' };
}

function columnLabel(c: AxisItem): string {
  if (c.kind === 'grand_total') return 'Total';
  const labels = c.path.map((p) => (p === null ? '(blank)' : String(p)));
  return c.kind === 'subtotal' ? `${labels.join(': ')} total` : labels.join(': ');
}

export interface PivotTableParts {
  headerRows: string[][];
  columns: DocColumn[];
  rows: DocTableRow[];
}

export function pivotTableParts(layout: PivotLayout, protection: ProtectedPivot | null = null): PivotTableParts {
  const nv = layout.values.length;
  const nc = layout.columns.length;
  const labelCount = Math.max(1, layout.rowFields.length);
  const labelHeads = layout.rowLabels.length ? layout.rowLabels : [''];
  const columns: DocColumn[] = labelHeads.map((f) => ({ header: f, kind: 'label', numberFormat: '@', unit: '' }));
  layout.columns.forEach((c) => {
    for (const v of layout.values) {
      const parts = [layout.columnFields.length ? columnLabel(c) : '', nv > 1 || layout.columnFields.length === 0 ? v.value.label : ''].filter(Boolean);
      columns.push({ header: parts.join(': '), kind: 'number', ...valueFormat(v.value) });
    }
  });
  // Print header rows: one per column field (group labels once, '' where a group continues), then value labels.
  const headerRows: string[][] = [];
  const levels = layout.columnFields.length;
  for (let level = 0; level < levels; level++) {
    const row = labelHeads.map((h) => (level === 0 ? h : ''));
    let previous = '';
    layout.columns.forEach((c) => {
      const here = c.kind === 'grand_total' ? (level === 0 ? 'Total' : '') : c.depth <= level ? (level === c.depth && c.kind === 'subtotal' ? 'Total' : '') : String(c.path[level] ?? '(blank)');
      const key = JSON.stringify(c.path.slice(0, level + 1)) + c.kind;
      for (let k = 0; k < nv; k++) row.push(k === 0 && key !== previous ? here : '');
      previous = key;
    });
    headerRows.push(row);
  }
  if (nv > 1 || levels === 0) headerRows.push([...labelHeads.map((h) => (levels === 0 ? h : '')), ...layout.columns.flatMap(() => layout.values.map((v) => v.value.label))]);

  const rows: DocTableRow[] = [];
  layout.rows.forEach((r, i) => {
    const labels: string[] = [];
    for (let d = 0; d < labelCount; d++) {
      if (r.kind === 'grand_total') labels.push('Total');
      else if (d < r.path.length) labels.push(r.path[d] === null ? '(blank)' : String(r.path[d]));
      else labels.push('Total');
    }
    const cells = layout.columns.flatMap((_, j) =>
      layout.values.map((v, k) => {
        const at = i * nc + j;
        const status = protection?.status[k]?.[at] ?? null;
        const value = status ? null : (protection?.shown[k]?.[at] ?? v.shown[at] ?? null);
        return { value, status };
      }),
    );
    // A subtotal row shown without figures (subtotals off for its field) is a heading on screen, not data.
    if (r.kind === 'subtotal' && !r.collapsed && cells.every((c) => c.value === null && c.status === null)) return;
    const kind = r.kind === 'grand_total' ? 'total' : r.kind === 'subtotal' && !r.collapsed ? 'subtotal' : 'item';
    rows.push({ kind, depth: r.depth, cells: [...labels.map((l) => ({ value: l, status: null })), ...cells] });
  });
  return { headerRows, columns, rows };
}
