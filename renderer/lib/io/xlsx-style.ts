// Import/export layer: the small shared vocabulary of the XLSX exporter (xlsx.ts) — fonts, text lines above a table,
// Excel-table markup without styling, column widths, print set-up with the protective marking — so every worksheet
// is written the same way. The Analysis Function's guidance (and gptables' default theme) sets the type: Arial
// throughout, 12 pt body text, titles bold and larger but not coloured. Heading fonts double as markers: xlsx-zip.ts
// turns cells in these exact fonts into Excel's built-in "Heading 1"/"Heading 2" cell styles, which exceljs cannot
// write itself.
import type ExcelJS from 'exceljs';
import type { PackMeta } from '../pack/document.ts';
import { markingLine } from '../pack/marking.ts';

/** Every cell names its typeface: a font without a name is drawn in the reader's default (LibreOffice: a serif). */
export const FONT_NAME = 'Arial';
export const BODY_SIZE = 12;
export const BODY_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE };
/** Sizes of the Heading 1 and Heading 2 fonts; xlsx-zip.ts finds the heading fonts by them (bold and this size). */
export const HEADING_SIZES = { h1: 16, h2: 14 } as const;
export const HEADING_1: Partial<ExcelJS.Font> = { name: FONT_NAME, size: HEADING_SIZES.h1, bold: true };
export const HEADING_2: Partial<ExcelJS.Font> = { name: FONT_NAME, size: HEADING_SIZES.h2, bold: true };
/** Links look like links: underlined (so the colour is not the only sign) and in the usual link blue. */
const LINK_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, underline: true, color: { argb: 'FF0563C1' } };
export const BOLD_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, bold: true };

/**
 * Width of the cover's one text column, in Excel's units (digits of the 12 pt Arial default font, about 9 px each):
 * 70 × 9 px + padding ≈ 6.6 in, inside A4 portrait's 6.87 in between the 0.7 in margins, so wrapped cover text
 * prints on the page; the print set-up's fit-to-width is the safety net.
 */
export const A4_TEXT_WIDTH = 70;

/** Excel refuses a cell longer than this; longer text is split over several cells, never cut. */
export const MAX_CELL_TEXT = 32_767;

export interface Line {
  text: string;
  heading?: 1 | 2;
  bold?: boolean;
  /** A warning the reader must not miss: bold, and its words say it is a warning (no colour carries meaning). */
  warning?: boolean;
  /** An internal hyperlink to a worksheet (its name). */
  link?: string;
  /** An external hyperlink (mailto:, https:). */
  url?: string;
}

/** An internal hyperlink value to cell A1 of a sheet; xlsx-zip.ts makes it a true in-document link. */
export function sheetLink(text: string, sheet: string): ExcelJS.CellHyperlinkValue {
  return { text, hyperlink: `'${sheet.replace(/'/g, "''")}'!A1` };
}

/** Writes text lines in column A from row `from` onwards; returns the next free row. */
export function writeLines(ws: ExcelJS.Worksheet, lines: Line[], from: number, wrap = false): number {
  let row = from;
  for (const line of lines) {
    const cell = ws.getCell(row, 1);
    if (line.link) cell.value = sheetLink(line.text, line.link);
    else if (line.url) cell.value = { text: line.text, hyperlink: line.url };
    else cell.value = line.text;
    if (line.heading === 1) cell.font = HEADING_1;
    else if (line.heading === 2) cell.font = HEADING_2;
    else if (line.warning || line.bold) cell.font = BOLD_FONT;
    else if (line.link || line.url) cell.font = LINK_FONT;
    else cell.font = BODY_FONT;
    // Long lines wrap only on the cover (column A is wide there); elsewhere they overflow to the right, as the
    // guidance's examples do, so the table's first column keeps its own width.
    if (wrap) cell.alignment = { wrapText: true, vertical: 'top' };
    row++;
  }
  return row;
}

/** A sheet's first lines: its title (A1, as the guidance asks), then the protective marking as text (A2), so a
 * screen reader reaches the marking as well as the printed header and footer show it. */
export function topLines(title: string, meta: PackMeta): Line[] {
  const marking = markingLine(meta);
  return [{ text: title, heading: 1 }, ...(marking ? [{ text: marking, bold: true }] : [])];
}

/** Links to a sheet: underlined, in the link font. */
export function linkFont(cell: ExcelJS.Cell): void {
  cell.font = LINK_FONT;
}

export interface TableSpec {
  name: string;
  /** Top-left cell of the header row, e.g. "A5". */
  ref: string;
  headers: string[];
  rows: ExcelJS.CellValue[][];
  /** Columns holding numbers: their headings are right-aligned, over the figures. */
  numeric?: boolean[];
}

/**
 * Marks up a block as an Excel table with one header row: no table style (the cells carry their own plain
 * formatting, so Excel and LibreOffice look alike), no filter buttons, no banding. Headings are bold and wrap (right-
 * aligned over numbers); the first column holds the row labels, which wrap too.
 */
export function addPlainTable(ws: ExcelJS.Worksheet, spec: TableSpec): void {
  ws.addTable({
    name: spec.name,
    ref: spec.ref,
    headerRow: true,
    totalsRow: false,
    // A null theme writes <tableStyleInfo> without a style name: exceljs's default would be TableStyleMedium2.
    style: { theme: null as unknown as ExcelJS.TableStyleProperties['theme'], showRowStripes: false },
    columns: spec.headers.map((name) => ({ name, filterButton: false })),
    rows: spec.rows,
  });
  const top = ws.getCell(spec.ref);
  const header = ws.getRow(Number(top.row));
  for (let c = 0; c < spec.headers.length; c++) {
    const cell = header.getCell(Number(top.col) + c);
    cell.font = BOLD_FONT;
    cell.alignment = { wrapText: true, vertical: 'top', ...(spec.numeric?.[c] ? { horizontal: 'right' as const } : {}) };
    cell.border = { bottom: { style: 'thin' } };
  }
  for (let r = 1; r <= spec.rows.length; r++) {
    const label = ws.getCell(Number(top.row) + r, Number(top.col));
    label.alignment = { ...label.alignment, wrapText: true, vertical: 'top' };
  }
}

/** Column widths (in characters) from the longest text each column shows, within sensible bounds. */
export function fitColumns(ws: ExcelJS.Worksheet, headers: string[], rows: string[][], min = 10, max = 60): void {
  headers.forEach((h, c) => {
    // Headers wrap, so a long header needs only about half its length in width.
    let width = Math.min(h.length, Math.max(14, Math.ceil(h.length / 2)));
    for (const r of rows) width = Math.max(width, (r[c] ?? '').length);
    ws.getColumn(c + 1).width = Math.min(max, Math.max(min, width + 2));
  });
}

/**
 * Row heights for wrapped text: Excel does not grow a row to fit wrapped text written by a program, so each listed
 * row gets the height of its tallest wrapped cell (lines estimated from the column width and font size).
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let height = 0;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText) return;
      const size = cell.font?.size ?? BODY_SIZE;
      // Column widths count the default font's digits; body text averages a little narrower, so this errs taller.
      const perLine = Math.max(1, Math.floor(((ws.getColumn(c).width ?? 10) * BODY_SIZE) / size));
      const lines = String(cell.text).split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
      height = Math.max(height, lines * size * 1.36);
    });
    if (height > 15) row.height = Math.min(409, Math.ceil(height));
  }
}

/** Gives every written cell a named typeface and a size (body text unless it already has its own). */
export function nameFonts(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const font = cell.font ?? {};
      if (font.name && font.size) return;
      cell.font = { ...BODY_FONT, ...font, name: font.name ?? FONT_NAME, size: font.size ?? BODY_SIZE };
    }),
  );
}

/** Escapes text for an Excel header/footer, where & starts a code. */
function hf(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Header/footer font codes: Arial, 12 pt, like the cells. */
const HF_BOLD = `&"${FONT_NAME},Bold"&${BODY_SIZE}`;
const HF_REGULAR = `&"${FONT_NAME},Regular"&${BODY_SIZE}`;

/**
 * The protective marking centred in the header and footer (so it prints on every page, as the marking rules ask;
 * the same words are in a cell at the top of the sheet for screen readers), page numbers in the footer; A4.
 */
export function printSetup(ws: ExcelJS.Worksheet, meta: PackMeta, titleRow?: number): void {
  const line = markingLine(meta);
  const marking = line ? `&C${HF_BOLD}${hf(line)}` : '';
  ws.headerFooter.oddHeader = marking;
  ws.headerFooter.oddFooter = `${marking}&R${HF_REGULAR}Page &P of &N`;
  ws.pageSetup.paperSize = 9;
  ws.pageSetup.orientation = meta.orientation;
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  if (titleRow !== undefined) ws.pageSetup.printTitlesRow = `${titleRow}:${titleRow}`;
}

/** Splits text into pieces Excel accepts in one cell. */
export function chunks(text: string): string[] {
  if (text.length <= MAX_CELL_TEXT) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += MAX_CELL_TEXT) out.push(text.slice(i, i + MAX_CELL_TEXT));
  return out;
}

/** A table name Excel accepts: letters, digits and underscores, starting with a letter. */
export function tableName(prefix: string, caption: string): string {
  let slug = caption.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  // Keep names readable: at most about 40 characters, cut between words.
  if (slug.length > 40) slug = slug.slice(0, 41).replace(/_[^_]*$/, '') || slug.slice(0, 40);
  return slug ? `${prefix}_${slug}` : prefix;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11-28" → "28 November 2026" (the style the guidance uses); anything else unchanged. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** An ISO timestamp as "28 November 2026 at 10:00 UTC"; anything unreadable unchanged. */
export function longDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${longDate(d.toISOString())} at ${time} UTC`;
}
