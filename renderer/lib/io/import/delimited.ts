// Import layer, pure: delimited text small enough to hold as cells — a range pasted from Excel (tab-separated, with
// cells holding tabs, line breaks or quotes quoted) and the first rows of a file for the preview. Big files never
// come here: DuckDB reads them by the sniffer's plan. Both paths split records with records.ts, so the preview shows
// exactly the fields DuckDB will read.
import { cleanHeaderNames, locateTable, sniffCsv } from './csv-sniff.ts';
import { parseNumber } from './csv-numbers.ts';
import { isBlank, splitRecords, type Dialect } from './records.ts';
import type { Cell, CsvPlan, GridTable } from './types.ts';

/** The records of delimited text, every field as its text (the parser the property test round-trips). */
export function parseDelimited(text: string, dialect: Dialect): string[][] {
  return splitRecords(text, dialect, { complete: true }).rows;
}

/** Text above the table: the first line that says something is the title, the rest are notes. */
function titleAndNotes(rows: string[][]): { title?: string; notes?: string[] } {
  const lines = rows.filter((r) => !isBlank(r)).map((r) => r.filter((f) => f.trim() !== '').join(' ').trim());
  if (lines.length === 0) return {};
  return lines.length > 1 ? { title: lines[0], notes: lines.slice(1) } : { title: lines[0] };
}

function build(text: string, plan: CsvPlan, n: number, name: string, complete: boolean, convert: boolean): GridTable {
  const dialect = { delimiter: plan.delimiter, quote: plan.quote, escape: plan.escape };
  const { rec } = locateTable(text, dialect, complete, Number.isFinite(n) ? plan.skipRows + n + 50 : Infinity);
  const firstOfTable = rec.lines.findIndex((line) => line > plan.skipRows);
  const start = firstOfTable < 0 ? rec.rows.length : firstOfTable;
  const above = rec.rows.slice(0, start);
  // As DuckDB reads them: an empty line is skipped in a table of several columns (but ",," is a row of NULLs), and
  // is a NULL in a table of one.
  const several = plan.columns.length > 1;
  const body = rec.rows.slice(plan.header ? start + 1 : start).filter((r) => !several || r.length > 1 || r[0] !== '').slice(0, n);
  const width = body.reduce((w, r) => Math.max(w, r.length), plan.columns.length);
  const header = plan.header ? plan.columns.concat(Array<string>(width - plan.columns.length).fill('')) : plan.columns.concat(Array.from({ length: width - plan.columns.length }, (_, i) => `column${plan.columns.length + i + 1}`));
  const fmt = { decimal: plan.decimal, thousands: plan.thousands };
  const rows: Cell[][] = body.map((r) => {
    const cells: Cell[] = r.map((f) => (f === '' ? null : convert ? asNumber(f, fmt) : f));
    while (cells.length < width) cells.push(null);
    return cells;
  });
  const warnings = plan.header && width > plan.columns.length ? [...plan.warnings.filter((w) => w.kind !== 'blank-header' && w.kind !== 'duplicate-header'), ...cleanHeaderNames(header).warnings] : plan.warnings;
  return { name, header, rows, ...titleAndNotes(above), detected: plan.detected, warnings };
}

/** Pasted numbers become numbers, except codes such as 007 whose leading zero would be lost. */
function asNumber(text: string, fmt: Pick<CsvPlan, 'decimal' | 'thousands'>): Cell {
  if (/^[-+]?0\d/.test(text.trim())) return text;
  return parseNumber(text, fmt) ?? text;
}

/**
 * The first `n` rows of a file as the preview shows them: cells are the file's texts ('' as null), the header is
 * the plan's, title lines above the table become its title and notes. `sampleText` is the decoded start of the file.
 */
export function previewRows(sampleText: string, plan: CsvPlan, n: number, name = '', complete = false): GridTable {
  const text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  return build(text, plan, n, name, complete, false);
}

/**
 * A range pasted from Excel (or any delimited text) as a table. Tabs win when the text has any (Excel's clipboard);
 * otherwise the delimiter is sniffed. Numbers in the sniffed format become numbers (Excel copies what it shows,
 * "1,234.5"), so the pipeline need not know the paste's number format.
 */
export function parsePaste(text: string): GridTable {
  const source = 'pasted data';
  const delimiters = splitRecords(text, { delimiter: '\t', quote: '"', escape: '"' }).rows.some((r) => r.length > 1) ? ['\t'] : undefined;
  const plan = sniffCsv(text, source, { complete: true, delimiters });
  return build(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, plan, Infinity, 'Pasted data', true, true);
}
