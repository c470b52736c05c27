// Import/export layer: a whole query result as an .xlsx written piece by piece — the worksheet's XML is made a slice
// of rows at a time and deflated as it goes (fflate), so a million-row result never becomes a million-row object
// model (exceljs holds every cell). The file is plain SpreadsheetML: one "Result" sheet (header in bold, frozen,
// with filter buttons; dates and times as real dates), then "About" with where the figures came from. Values come
// as DuckDB's own text, so a number is written with every digit it has — and as text, said on the About sheet, when
// it has more than Excel's 15 significant digits, rather than be rounded. Text cells are inline strings (never
// formulas); characters XML cannot hold are escaped the OOXML way (_xHHHH_).
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { CellKind } from '../query/result-export.ts';
import { BODY_SIZE, chunks, FONT_NAME, MAX_CELL_TEXT } from './xlsx-style.ts';

export interface XlsxColumn {
  header: string;
  kind: CellKind;
}

/** Why a value cannot go into a spreadsheet cell: said to the analyst with the row and column. */
export class XlsxValueError extends Error {
  constructor(readonly kind: 'text-too-long', readonly row: number, readonly column: string) {
    super(`Row ${row.toLocaleString('en-GB')} of column “${column}” holds more than ${MAX_CELL_TEXT.toLocaleString('en-GB')} characters, more than a spreadsheet cell takes.`);
    this.name = 'XlsxValueError';
  }
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Style indexes in styles.xml's cellXfs. */
const STYLE = { header: 1, date: 2, timestamp: 3, wrap: 4 } as const;
const EXCEL_SIGNIFICANT_DIGITS = 15;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

/** Text as XML character data: markup escaped, characters XML 1.0 cannot hold (and a literal "_xHHHH_") as _xHHHH_. */
export function xmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(XML_UNSAFE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const attr = (s: string) => xmlText(s).replace(/"/g, '&quot;');

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Significant digits of a number written in decimal (DuckDB's text): leading and trailing zeros do not count. */
export function significantDigits(text: string): number {
  const mantissa = text.replace(/^[-+]/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** A date or timestamp as Excel's serial day number; null outside the years Excel shows (1900–9999). */
function serial(text: string, kind: 'date' | 'timestamp'): number | null {
  const m = (kind === 'date' ? DATE_TEXT : TIMESTAMP_TEXT).exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1901 || year > 9999) return null; // Excel's 1900 is a leap year it invented: keep those dates as text
  const [, , month, day, h = '0', min = '0', s = '0', frac = ''] = m;
  const ms = Date.UTC(year, Number(month) - 1, Number(day), Number(h), Number(min), Number(s)) + (frac ? Number(`0${frac}`) * 1000 : 0);
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

export interface XlsxResultOptions {
  columns: readonly XlsxColumn[];
  /** Lines above the header (a synthetic-data warning), one cell each. */
  preface: readonly string[];
  /** Lines of the About sheet. */
  about: readonly string[];
  /** Column widths in characters, read from the first rows. */
  widths: readonly number[];
}

/**
 * Writes the workbook: `open` with the columns, `rows` for each slice (cell text by row and column, null for NULL),
 * then `finish`. Pieces of the file arrive through `onData` as they are compressed.
 */
export class XlsxResultWriter {
  private readonly zip: Zip;
  private sheet: ZipDeflate | null = null;
  private row = 0;
  /** Numbers kept as text because Excel would round them. */
  numbersAsText = 0;
  private done: Promise<void>;

  constructor(private readonly options: XlsxResultOptions, onData: (chunk: Uint8Array) => void) {
    let finished = () => {};
    let failed: (e: Error) => void = () => {};
    this.done = new Promise<void>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    this.zip = new Zip((err, chunk, final) => {
      if (err) return failed(err);
      onData(chunk);
      if (final) finished();
    });
    this.whole('[Content_Types].xml', contentTypes());
    this.whole('_rels/.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    this.whole('xl/_rels/workbook.xml.rels', workbookRels());
    this.whole('xl/styles.xml', styles());
    this.sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
    this.zip.add(this.sheet);
    this.push(this.sheetHead());
    for (const line of options.preface) this.push(this.rowXml([`<c r="A${this.row + 1}" t="inlineStr"><is><t>${xmlText(line)}</t></is></c>`]));
    this.push(this.rowXml(options.columns.map((c, i) => inline(`${columnLetters(i)}${this.row + 1}`, c.header, STYLE.header))));
  }

  /** One slice of rows: `value(r, c)` is DuckDB's text of the cell, null for NULL. */
  rows(count: number, value: (row: number, column: number) => string | null): void {
    const { columns } = this.options;
    const letters = columns.map((_, i) => columnLetters(i));
    const parts: string[] = [];
    for (let r = 0; r < count; r += 1) {
      const n = this.row + 1;
      const cells: string[] = [];
      for (let c = 0; c < columns.length; c += 1) {
        const text = value(r, c);
        if (text === null) continue;
        cells.push(this.cell(`${letters[c]}${n}`, text, columns[c]!, n));
      }
      parts.push(this.rowXml(cells));
    }
    this.push(parts.join(''));
  }

  /** Ends the Result sheet, writes the About sheet and the workbook part; resolves when the last piece is out. */
  async finish(): Promise<void> {
    const { columns, preface } = this.options;
    const headerRow = preface.length + 1;
    const last = `${columnLetters(Math.max(columns.length - 1, 0))}${Math.max(this.row, headerRow)}`;
    this.push(`</sheetData><autoFilter ref="A${headerRow}:${last}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`, true);
    const about = [...this.options.about];
    if (this.numbersAsText > 0) about.push(`${this.numbersAsText.toLocaleString('en-GB')} ${this.numbersAsText === 1 ? 'number has' : 'numbers have'} more than ${EXCEL_SIGNIFICANT_DIGITS} significant digits, more than a spreadsheet keeps: written as text, so that no digit is lost.`);
    this.whole('xl/worksheets/sheet2.xml', aboutSheet(about));
    this.whole('xl/workbook.xml', workbook(`'Result'!$A$${headerRow}:$${last.replace(/(\d+)$/, '$$$1')}`));
    this.zip.end();
    await this.done;
  }

  private cell(ref: string, text: string, column: XlsxColumn, row: number): string {
    switch (column.kind) {
      case 'number':
        if (NUMBER_TEXT.test(text) && significantDigits(text) <= EXCEL_SIGNIFICANT_DIGITS) return `<c r="${ref}"><v>${text}</v></c>`;
        if (NUMBER_TEXT.test(text)) this.numbersAsText += 1;
        break;
      case 'date':
      case 'timestamp': {
        const day = serial(text, column.kind);
        if (day !== null) return `<c r="${ref}" s="${STYLE[column.kind]}"><v>${day}</v></c>`;
        break;
      }
      case 'boolean':
        if (text === 'true' || text === 'false') return `<c r="${ref}" t="b"><v>${text === 'true' ? 1 : 0}</v></c>`;
        break;
    }
    if (text.length > MAX_CELL_TEXT) throw new XlsxValueError('text-too-long', row - this.options.preface.length - 1, column.header);
    return inline(ref, text);
  }

  private rowXml(cells: string[]): string {
    this.row += 1;
    return `<row r="${this.row}">${cells.join('')}</row>`;
  }

  private sheetHead(): string {
    const headerRow = this.options.preface.length + 1;
    const cols = this.options.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0" tabSelected="1"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  }

  private push(xml: string, final = false): void {
    this.sheet!.push(strToU8(xml), final);
  }

  private whole(name: string, xml: string): void {
    const file = new ZipDeflate(name, { level: 5 });
    this.zip.add(file);
    file.push(strToU8(xml), true);
  }
}

function inline(ref: string, text: string, style?: number): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function contentTypes(): string {
  const sheet = (n: number) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheet(1)}${sheet(2)}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
}

function workbookRels(): string {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'worksheet', 'worksheets/sheet2.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>`;
}

function workbook(filterRange: string): string {
  return `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="Result" sheetId="1" r:id="rId1"/><sheet name="About" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${attr(filterRange)}</definedName></definedNames></workbook>`;
}

function styles(): string {
  const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="${BODY_SIZE}"/><name val="${FONT_NAME}"/><family val="2"/></font>`;
  const xf = (numFmt: number, font: number, extra = '') => `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${extra}`;
  return `${XML_HEAD}<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts count="2">${font(false)}${font(true)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5">${xf(0, 0)}/>${xf(0, 1)}/>${xf(164, 0)}/>${xf(165, 0)}/>${xf(0, 0, ' applyAlignment="1"')}><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

function aboutSheet(lines: readonly string[]): string {
  // A line longer than a cell holds (a long query) goes on in the rows below, whole.
  const cells = lines.flatMap((line, i) => chunks(line).map((piece) => ({ piece, style: i === 0 ? STYLE.header : STYLE.wrap })));
  const rows = cells.map(({ piece, style }, i) => `<row r="${i + 1}">${inline(`A${i + 1}`, piece, style)}</row>`).join('');
  return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="100" customWidth="1"/></cols><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
