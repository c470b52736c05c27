// Import/export layer: one pack table as one worksheet of the XLSX export (xlsx.ts), the way the Analysis Function's
// "Releasing statistics in spreadsheets" asks: title in A1, the marking, a few lines saying what the sheet holds, then
// a single Excel table with one header row (units in the headers, right-aligned over numbers, wrapped), numbers
// stored as numbers with their formats, shorthand as text in the cells it replaces, row labels wrapped and the first
// level in bold (as gptables' default theme has it), and the pivot's subtotal and total rows kept, in bold. No frozen
// panes: the guidance asks to avoid them (and the way to undo them differs between Excel and LibreOffice); the
// header row repeats on every printed page instead.
import type ExcelJS from 'exceljs';
import type { DocCell, DocColumn, DocTable, PackDocument } from '../pack/document.ts';
import { type CellStatus, showsValue, shorthand, STATUS_INFO } from '../sdc/status.ts';
import { itemUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { addPlainTable, BOLD_FONT, fitColumns, fitRowHeights, type Line, printSetup, tableName, topLines, writeLines } from './xlsx-style.ts';

interface OutCell {
  value: ExcelJS.CellValue;
  numFmt?: string;
  right?: boolean;
  /** Roughly what the cell shows, for column widths. */
  shown: string;
}

/** "Adult (18 or over)" + "number of referrals" → "Adult (18 or over) (number of referrals)", unless already there. */
export function headerWithUnit(col: DocColumn): string {
  const header = col.header.replace(/\s+/g, ' ').trim();
  const unit = col.unit.trim();
  if (!unit || header.toLowerCase().includes(unit.toLowerCase())) return header;
  return `${header} (${unit})`;
}

/** Excel needs every column of a table to have a different, non-empty name. */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    let name = h || `Column ${i + 1}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${h || `Column ${i + 1}`} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A number format that still shows the symbol after the figure ("12 [p]"), so the cell stays a number. */
function withSymbol(format: string, symbol: string): string {
  const base = format && format !== '@' ? format : 'General';
  return base
    .split(';')
    .map((section) => `${section}" ${symbol}"`)
    .join(';');
}

function numberFormat(col: DocColumn | undefined): string | undefined {
  const fmt = col?.numberFormat;
  return fmt && fmt !== '@' ? fmt : undefined;
}

function shownNumber(v: number): string {
  return v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

function outCell(cell: DocCell | undefined, col: DocColumn | undefined): OutCell {
  const numeric = col?.kind === 'number';
  const value = cell?.value ?? null;
  const status: CellStatus | null = cell?.status ?? null;
  const symbol = shorthand(status);
  if (symbol !== null) {
    if (showsValue(status) && typeof value === 'number') {
      return { value, numFmt: withSymbol(col?.numberFormat ?? '', symbol), shown: `${shownNumber(value)} ${symbol}` };
    }
    const text = showsValue(status) && value !== null && value !== '' ? `${value} ${symbol}` : symbol;
    return { value: text, right: numeric, shown: text };
  }
  if (typeof value === 'number') return { value, numFmt: numberFormat(col), shown: shownNumber(value) };
  if (value === null || value === '') return { value: null, shown: '' };
  return { value, right: numeric, shown: value };
}

function noteMarker(id: string): string {
  return id.startsWith('[') ? id : `[${id}]`;
}

/** The lines between the title and the table: what the sheet holds and how to read it. */
function preamble(t: DocTable, doc: PackDocument, hasNotesSheet: boolean): Line[] {
  const lines: Line[] = topLines(`Table ${t.number}: ${t.caption}`, doc.meta);
  if (itemUsesSynthetic(t)) lines.push({ text: SYNTHETIC_NOTE, warning: true });
  lines.push({ text: 'This worksheet contains one table.' });
  if (t.source) lines.push({ text: /^source\b/i.test(t.source) ? t.source : `Source: ${t.source}` });
  if (t.notes.length > 0) {
    const markers = t.notes.map(noteMarker).join(', ');
    lines.push({ text: `This table refers to notes ${markers}, which are in the Notes worksheet.`, link: hasNotesSheet ? 'Notes' : undefined });
  }
  const symbols = new Map<string, string>();
  for (const row of t.rows) {
    for (const cell of row.cells) {
      const symbol = shorthand(cell.status);
      if (symbol === null || cell.status === null || symbols.has(symbol)) continue;
      const meaning = doc.shorthand.find((s) => s.symbol === symbol)?.meaning ?? STATUS_INFO[cell.status.code].explanation;
      symbols.set(symbol, meaning);
    }
  }
  for (const [symbol, meaning] of symbols) lines.push({ text: `Some cells show ${symbol} instead of a figure. ${symbol} means ${meaning}` });
  const sdc = t.provenance.disclosure;
  if (sdc && !sdc.applied) {
    lines.push({ text: `Disclosure control was not applied to this table.${sdc.offReason ? ` Reason: ${sdc.offReason}` : ''}`, bold: true });
  }
  if (t.rows.some((r) => r.cells.some((c) => c.status === null && (c.value === null || c.value === '')))) {
    lines.push({ text: 'Blank cells mean there is no figure for that cell.' });
  }
  if (t.rows.some((r) => r.kind !== 'item')) lines.push({ text: 'Subtotal and total rows are included in the table and shown in bold.' });
  return lines;
}

/** Writes one pack table as worksheet `sheetName` (unique, so its Excel table's name is unique too). */
export function writeTableSheet(wb: ExcelJS.Workbook, doc: PackDocument, t: DocTable, sheetName: string, hasNotesSheet: boolean): void {
  const ws = wb.addWorksheet(sheetName);
  const headerRow = writeLines(ws, preamble(t, doc, hasNotesSheet), 1);

  // Every column and every cell of the document goes out: a row longer than the column list gets extra columns.
  const width = t.rows.reduce((w, r) => Math.max(w, r.cells.length), t.columns.length);
  const columns = Array.from({ length: width }, (_, c) => t.columns[c]);
  const headers = uniqueHeaders(columns.map((col) => (col ? headerWithUnit(col) : '')));
  const out = t.rows.map((r) => columns.map((col, c) => outCell(r.cells[c], col)));
  const rows = out.length > 0 ? out.map((r) => r.map((c) => c.value)) : [[`There are no rows in this table.`, ...headers.slice(1).map(() => null)]];

  const numeric = columns.map((col) => col?.kind === 'number');
  addPlainTable(ws, { name: tableName(sheetName, t.caption), ref: `A${headerRow}`, headers, rows, numeric });

  out.forEach((cells, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    const total = t.rows[i]?.kind !== 'item';
    cells.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const label = columns[j]?.kind === 'label';
      if (c.numFmt) cell.numFmt = c.numFmt;
      // Top-aligned, so figures sit level with the first line of a wrapped row label.
      cell.alignment = { vertical: 'top', ...(c.right ? { horizontal: 'right' as const } : {}), ...(label ? { wrapText: true } : {}) };
      if (total || (label && j === 0)) cell.font = BOLD_FONT;
    });
  });

  fitColumns(ws, headers, out.map((r) => r.map((c) => c.shown)));
  fitRowHeights(ws, headerRow, headerRow + out.length);
  printSetup(ws, doc.meta, headerRow);
}
