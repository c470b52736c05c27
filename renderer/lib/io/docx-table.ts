// Import/export layer: one pack table as a real Word table for the DOCX writer — caption above (Caption style, with
// a bookmark the list of tables links to), header rows that repeat on every page, rows that never split, figures
// formatted as the app shows them with shorthand for withheld cells, totals in bold, source and notes below.
import { AlignmentType, Bookmark, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DocCell, DocColumn, DocTable } from '../pack/document.ts';
import { shorthand, showsValue } from '../sdc/status.ts';
import { sourceAndNotes } from './docx-blocks.ts';

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
const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 } as const;

/** Label columns get twice the width of number columns; the table fills the text width. */
function columnWidths(columns: DocColumn[], textWidth: number): number[] {
  const weights = columns.map((c) => (c.kind === 'label' ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => Math.floor((textWidth * w) / total));
}

function cell(text: string, width: number, opts: { number: boolean; bold: boolean; header: boolean }): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
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
function headerTexts(table: DocTable): { rows: string[][]; unitLine: string | null } {
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

export function tableParts(table: DocTable, notes: Map<string, string>, textWidth: number): Array<Paragraph | Table> {
  const widths = columnWidths(table.columns, textWidth);
  const { rows: headers, unitLine } = headerTexts(table);
  const headerRows = headers.map(
    (texts) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: table.columns.map((c, i) => cell(texts[i] ?? '', widths[i] ?? 0, { number: c.kind === 'number', bold: true, header: true })),
      }),
  );
  const bodyRows = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: table.columns.map((c, i) => {
          const data = row.cells[i] ?? { value: null, status: null };
          return cell(cellText(data, c), widths[i] ?? 0, { number: c.kind === 'number', bold: row.kind !== 'item', header: false });
        }),
      }),
  );
  const caption = new Paragraph({
    style: 'Caption',
    children: [new Bookmark({ id: tableAnchor(table.number), children: [new TextRun(`Table ${table.number}: ${table.caption}`)] })],
  });
  return [
    caption,
    ...(unitLine === null ? [] : [new Paragraph({ text: unitLine, keepNext: true })]),
    new Table({
      rows: [...headerRows, ...bodyRows],
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
    }),
    ...sourceAndNotes(table.source, table.notes, notes),
  ];
}
