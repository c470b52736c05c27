// Import/export layer: one part of a pack table as a real Word table for the DOCX writer — the rows of one column
// group that docx-layout.ts put on one page, under the caption (Caption style; the first part bookmarked for the
// list of tables, later ones "Table n (continued)"), header rows that repeat, rows that never split, figures
// formatted as the app shows them with shorthand for withheld cells, totals in bold, source and notes below. Column
// widths come from the content (fixed layout), so no figure and no word is ever broken inside.
import { AlignmentType, Bookmark, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import { headerGrid, type HeaderCell } from '../pack/header-grid.ts';
import type { DocCell, DocColumn, DocTable } from '../pack/document.ts';
import type { TablePart } from '../pack/paginate.ts';
import type { ColumnGroup } from '../pack/wide-table.ts';
import { groupTable } from '../pack/wide-table.ts';
import { shorthand, showsValue } from '../sdc/status.ts';
import { sourceAndNotes } from './docx-blocks.ts';
import { CELL_MARGIN } from './docx-styles.ts';

/** Word bookmark names allow letters, digits and underscores only. */
export const tableAnchor = (n: number): string => `Table_${n}`;

/**
 * A number as an Excel format shows it, for the formats the pack uses: '#,##0' → "1,178", '#,##0.0' → "12.5",
 * '0.0%' → "12.5%" (Excel multiplies by 100). Anything else falls back to thousands separators and up to 10 decimals.
 */
export function formatNumber(value: number, numberFormat: string): string {
  const percent = numberFormat.includes('%');
  const decimals = /\.(0+)/.exec(numberFormat)?.[1]?.length;
  const recognised = /[#0]/.test(numberFormat);
  const fmt = new Intl.NumberFormat('en-GB', {
    useGrouping: !recognised || numberFormat.includes(','),
    minimumFractionDigits: recognised ? (decimals ?? 0) : 0,
    maximumFractionDigits: recognised ? (decimals ?? 0) : 10,
  });
  return fmt.format(percent ? value * 100 : value) + (percent ? '%' : '');
}

/** A cell as published: its figure, its shorthand instead ("[c]"), or both ("12 [p]"). */
export function cellText(cell: DocCell, column: DocColumn): string {
  const { value, status } = cell;
  const figure = value === null ? '' : typeof value === 'number' ? formatNumber(value, column.numberFormat) : value;
  const symbol = shorthand(status);
  if (symbol === null) return figure;
  if (!showsValue(status) || figure === '') return symbol;
  return `${figure} ${symbol}`;
}

const HEADER_FILL = 'F3F2F1';

interface CellOptions { number: boolean; bold: boolean; header: boolean; span?: number; merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] }

function cell(text: string, width: number, opts: CellOptions): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(opts.span !== undefined && opts.span > 1 ? { columnSpan: opts.span } : {}),
    ...(opts.merge ? { verticalMerge: opts.merge } : {}),
    margins: CELL_MARGIN,
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
    children: [
      new Paragraph({
        alignment: opts.number ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { after: 0 },
        children: text === '' ? [] : [new TextRun({ text, bold: opts.bold })],
      }),
    ],
  });
}

/**
 * The header rows' text. When every number column has the same unit it goes in a line under the caption; when
 * units differ each number column's bottom header says its own, "(%)".
 */
export function headerTexts(table: DocTable): { rows: string[][]; unitLine: string | null } {
  const units = new Set(table.columns.filter((c) => c.kind === 'number').map((c) => c.unit));
  const rows = table.headerRows.length > 0 ? table.headerRows.map((r) => [...r]) : [table.columns.map((c) => c.header)];
  if (units.size === 1) {
    const [unit] = units;
    return { rows, unitLine: unit === '' ? null : `Unit: ${unit}` };
  }
  const last = rows[rows.length - 1] ?? [];
  table.columns.forEach((c, i) => {
    const text = last[i];
    if (c.kind === 'number' && c.unit !== '' && text !== undefined) last[i] = text === '' ? `(${c.unit})` : `${text} (${c.unit})`;
  });
  return { rows, unitLine: null };
}

/**
 * Word header rows from the header grid: a group heading spans its columns, a heading over several rows is merged
 * down, as in the print view — so a heading is as wide as the columns it names.
 */
function headerRowsOf(grid: HeaderCell[][], widths: number[]): TableRow[] {
  const down: Array<Map<number, HeaderCell>> = grid.map(() => new Map());
  const across = (c: number, span: number) => widths.slice(c, c + span).reduce((a, b) => a + b, 0);
  return grid.map((row, r) => {
    const cells: TableCell[] = [];
    let [c, k] = [0, 0];
    while (c < widths.length) {
      const above = down[r]!.get(c);
      const own = above ? undefined : row[k++];
      const h = above ?? own;
      if (!h) break;
      if (own) for (let d = 1; d < own.rowspan; d++) down[r + d]?.set(c, own);
      const merge = above ? VerticalMergeType.CONTINUE : h.rowspan > 1 ? VerticalMergeType.RESTART : undefined;
      cells.push(cell(above ? '' : h.text, across(c, h.colspan), { number: h.numeric && h.colspan === 1, bold: true, header: true, span: h.colspan, merge }));
      c += h.colspan;
    }
    return new TableRow({ tableHeader: true, cantSplit: true, children: cells });
  });
}

/**
 * One part of a table: rows [from, to) of one column group, at the group's widths (twips). `breakBefore` starts it
 * on a new page, as docx-layout.ts laid it out.
 */
export function tablePart(table: DocTable, part: TablePart, group: ColumnGroup, notes: Map<string, string>, breakBefore: boolean): Array<Paragraph | Table> {
  const shown = groupTable(table, group.columns);
  const widths = group.widths.map((w) => Math.floor(w));
  const { rows: headers, unitLine } = headerTexts(shown);
  const headerRows = headerRowsOf(headerGrid({ headerRows: headers, columns: shown.columns }), widths);
  const bodyRows = shown.rows.slice(part.from, part.to).map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: shown.columns.map((c, i) => {
          const text = cellText(row.cells[i] ?? { value: null, status: null }, c);
          // A figure with its shorthand ("12 [p]") is one unbreakable piece.
          return cell(c.kind === 'number' ? text.replace(/ /g, '\u00a0') : text, widths[i] ?? 0, { number: c.kind === 'number', bold: row.kind !== 'item', header: false });
        }),
      }),
  );
  const title = part.continued ? `Table ${table.number} (continued): ${table.caption}` : `Table ${table.number}: ${table.caption}`;
  const caption = new Paragraph({
    style: 'Caption',
    pageBreakBefore: breakBefore,
    children: part.continued ? [new TextRun(title)] : [new Bookmark({ id: tableAnchor(table.number), children: [new TextRun(title)] })],
  });
  return [
    caption,
    ...(unitLine === null || part.continued ? [] : [new Paragraph({ text: unitLine, keepNext: true })]),
    new Table({
      rows: [...headerRows, ...bodyRows],
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
    }),
    ...(part.foot ? sourceAndNotes(table.source, table.notes, notes) : []),
  ];
}
