// Import/export layer: content.xml of the ODS export (ods.ts) — every worksheet of the exceljs workbook the XLSX
// export builds (xlsx.ts), cell by cell: numbers as office:value-type="float" with the number style of their Excel
// format (so they stay numbers), text and shorthand ([c]) as strings, links as ODF links, each cell in the style its
// look needs (ods-styles.ts). The row the XLSX repeats on printed pages becomes the table's header rows here, which
// is how ODF says the same thing.
import type ExcelJS from 'exceljs';
import { showNumber } from './ods-number.ts';
import { OdsStyles } from './ods-styles.ts';
import { esc, NAMESPACES, ODF_VERSION, odfHref, paragraphs, XML_DECLARATION } from './ods-xml.ts';
import { BODY_SIZE, FONT_NAME } from './xlsx-style.ts';

const TABLE_STYLE = 'ta1';
/** The master page every sheet prints with (styles.xml defines it: A4, the marking in header and footer). */
export const MASTER_PAGE = 'Default';

export const FONT_FACE_DECLS =
  `<office:font-face-decls><style:font-face style:name="${FONT_NAME}" svg:font-family="${FONT_NAME}" ` +
  'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>';

/** What a cell holds, as the writer needs it: a number, text (with an optional link) or nothing. */
type Held = { kind: 'number'; value: number } | { kind: 'text'; text: string; href?: string } | { kind: 'empty' };

function held(value: ExcelJS.CellValue): Held {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'text', text: String(value) };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'text', text: value.toISOString() };
  if ('hyperlink' in value) return { kind: 'text', text: String(value.text), href: odfHref(value.hyperlink) };
  if ('richText' in value) return { kind: 'text', text: value.richText.map((r) => r.text).join('') };
  if ('result' in value) return held((value.result ?? null) as ExcelJS.CellValue);
  return { kind: 'text', text: String(value) };
}

function cellXml(cell: ExcelJS.Cell, styles: OdsStyles): string {
  const h = held(cell.value);
  const style = ` table:style-name="${styles.cell(cell, h.kind === 'number')}"`;
  if (h.kind === 'empty') return `<table:table-cell${style}/>`;
  if (h.kind === 'number') {
    const text = showNumber(h.value, styles.number(cell.numFmt)?.look ?? null);
    return `<table:table-cell${style} office:value-type="float" office:value="${h.value}">${paragraphs(text)}</table:table-cell>`;
  }
  return `<table:table-cell${style} office:value-type="string">${paragraphs(h.text, h.href)}</table:table-cell>`;
}

function rowXml(ws: ExcelJS.Worksheet, r: number, styles: OdsStyles): string {
  const row = ws.getRow(r);
  const cells: string[] = [];
  let largest = BODY_SIZE;
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = row.getCell(c);
    largest = Math.max(largest, cell.font?.size ?? BODY_SIZE);
    cells.push(cellXml(cell, styles));
  }
  if (cells.length === 0) cells.push('<table:table-cell/>');
  return `<table:table-row table:style-name="${styles.row(row.height, largest)}">${cells.join('')}</table:table-row>`;
}

/** "8:8" → rows 8 to 8, or null. */
function titleRows(ws: ExcelJS.Worksheet): { first: number; last: number } | null {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(ws.pageSetup.printTitlesRow ?? '');
  return m ? { first: Number(m[1]), last: Number(m[2]) } : null;
}

function sheetXml(ws: ExcelJS.Worksheet, styles: OdsStyles): string {
  const columns: string[] = [];
  for (let c = 1; c <= Math.max(1, ws.columnCount); c++) {
    columns.push(`<table:table-column table:style-name="${styles.column(ws.getColumn(c).width)}" table:default-cell-style-name="Default"/>`);
  }
  const header = titleRows(ws);
  const rows: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    if (header && r === header.first) rows.push('<table:table-header-rows>');
    rows.push(rowXml(ws, r, styles));
    if (header && r === header.last) rows.push('</table:table-header-rows>');
  }
  if (rows.length === 0) rows.push('<table:table-row><table:table-cell/></table:table-row>');
  return `<table:table table:name="${esc(ws.name)}" table:style-name="${TABLE_STYLE}">${columns.join('')}${rows.join('')}</table:table>`;
}

/** content.xml for the workbook's worksheets, in order. */
export function contentXml(wb: ExcelJS.Workbook): string {
  const styles = new OdsStyles();
  const sheets = wb.worksheets.map((ws) => sheetXml(ws, styles));
  const tableStyle =
    `<style:style style:name="${TABLE_STYLE}" style:family="table" style:master-page-name="${MASTER_PAGE}">` +
    '<style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>';
  return (
    XML_DECLARATION +
    `<office:document-content ${NAMESPACES} office:version="${ODF_VERSION}">` +
    FONT_FACE_DECLS +
    `<office:automatic-styles>${styles.xml(tableStyle)}</office:automatic-styles>` +
    `<office:body><office:spreadsheet>${sheets.join('')}</office:spreadsheet></office:body>` +
    '</office:document-content>'
  );
}
