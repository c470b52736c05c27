// Import/export layer, pure: a range of a result grid as text for the clipboard — tab-separated with a header row,
// as Excel and LibreOffice paste it (values in full, never formatted; a field with a tab, line break or quote quoted
// with its quotes doubled; text a spreadsheet would run as a formula neutralised as the CSV export does) — or as a
// Markdown table, written as the grid shows it (thousands separators, NULL as NULL, numbers aligned right).
import { formatCell, formatTemporal, formatValue } from '../viz/format.ts';
import { looksLikeFormula } from '../query/formula-text.ts';

export interface CopiedColumn {
  name: string;
  numeric: boolean;
  /** Years, ids, codes: written without thousands separators (lib/viz/format.ts). */
  code: boolean;
  /** Dates and timestamps (milliseconds from Arrow): written as dates. */
  temporal?: 'date' | 'timestamp' | null;
}

/** The most rows a spreadsheet takes, header included (Excel's 1,048,576; LibreOffice the same). */
export const SPREADSHEET_MAX_ROWS = 1_048_576;

/** A value in full: numbers as the engine gave them, no separators, dates as dates; empty for NULL. */
function plain(value: unknown, temporal: CopiedColumn['temporal']): string {
  if (temporal && typeof value === 'number') return formatTemporal(value, temporal);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return value.toString();
  return formatValue(value);
}

function tsvField(text: string, isText: boolean): string {
  const safe = isText && looksLikeFormula(text) ? `'${text}` : text;
  return /[\t\r\n"]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `rows` rows of `columns`, read by `value(row, column)`, as tab-separated text with a header (CRLF line ends). */
export function rangeToTsv(columns: readonly CopiedColumn[], rows: number, value: (row: number, column: number) => unknown): string {
  const lines = [columns.map((c) => tsvField(c.name, true)).join('\t')];
  for (let r = 0; r < rows; r += 1) lines.push(columns.map((col, c) => {
    const v = value(r, c);
    return tsvField(plain(v, col.temporal), typeof v === 'string');
  }).join('\t'));
  return `${lines.join('\r\n')}\r\n`;
}

const mdCell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

/** The same range as a Markdown table, written as the grid shows it. */
export function rangeToMarkdown(columns: readonly CopiedColumn[], rows: number, value: (row: number, column: number) => unknown): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [line(columns.map((c) => mdCell(c.name))), line(columns.map((c) => (c.numeric ? '---:' : '---')))];
  for (let r = 0; r < rows; r += 1) lines.push(line(columns.map((c, k) => {
    const v = value(r, k);
    return v === null || v === undefined ? 'NULL' : mdCell(formatCell(v, c.code, c.temporal));
  })));
  return `${lines.join('\n')}\n`;
}
