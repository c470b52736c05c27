// Import/export layer: a pack table as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
// a comma, quote or line break). Figures are written in full (no rounding: CSV has no number formats), withheld
// cells as their shorthand ([c]), and the header carries each column's unit. Text that a spreadsheet would run as a
// formula (first character = + - @, tab or carriage return) is neutralised as OWASP advises for CSV injection: a
// leading apostrophe, and the field quoted. Numbers are never touched, so a negative figure stays a number. Files
// are UTF-8 with a byte order mark (Excel on Windows reads UTF-8 without one as its ANSI code page), and may start
// with lines of their own — the protective marking, a synthetic-data warning — each a single field.
import type { DocTable } from '../pack/document.ts';
import { shorthand } from '../sdc/status.ts';
import { looksLikeFormula } from '../query/formula-text.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** One text field: neutralised when a spreadsheet would read it as a formula, quoted when it must be. */
export function textField(s: string): string {
  if (looksLikeFormula(s)) return `"'${s.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One number field: all its digits, as JavaScript writes them; never neutralised (−12 stays a number). */
function numberField(n: number): string {
  return String(n);
}

function cellField(cell: DocTable['rows'][number]['cells'][number]): string {
  if (cell.status) return textField(shorthand(cell.status) ?? '');
  if (cell.value === null) return '';
  return typeof cell.value === 'number' ? numberField(cell.value) : textField(cell.value);
}

/** The table as CSV text; `preface` lines (marking, warnings) come first, one field each. */
export function tableToCsv(table: DocTable, preface: string[] = []): string {
  const header = table.columns.map((c) => textField(c.unit ? `${c.header} (${c.unit})` : c.header));
  const lines = [...preface.filter(Boolean).map(textField), header.join(',')];
  for (const row of table.rows) lines.push(row.cells.map(cellField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const BOM = [0xef, 0xbb, 0xbf];

/** CSV text as UTF-8 bytes, with the byte order mark unless asked not to. */
export function csvBytes(text: string, bom = true): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(BOM.length + body.length);
  out.set(BOM, 0);
  out.set(body, BOM.length);
  return out;
}
