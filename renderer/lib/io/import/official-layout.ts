// Import layer, pure: the layout of UK official statistics published as spreadsheets (the Analysis Function's
// "Releasing statistics in spreadsheets"; the Home Office's NRM tables follow it). Such a workbook has cover, contents
// and notes sheets around its tables, and each table sheet puts a title and a few lines of text above a single header
// row. This module tells framing sheets from table sheets, finds the header row below the text, keeps the text as the
// table's title and notes, and recognises the shorthand cells ([c], [x], [z], [low], "..", …) that stand in for
// figures. It works on a plain grid of cells, so any reader (XLSX, ODS, a pasted range) can use it.
import { STATUS_INFO } from '../../sdc/status.ts';
import type { Cell, ImportWarning } from './types.ts';

/** Why a sheet is not offered as a table. */
export type SkipReason = 'cover' | 'contents' | 'notes' | 'empty';

/** A table found on a sheet: the text above it, its header (raw texts) and its rows, within its own columns. */
export interface LaidOutTable {
  title?: string;
  notes: string[];
  header: string[];
  rows: Cell[][];
  /** Where the header row is on the sheet (0-based), and the table's first column: for cell references. */
  headerRow: number;
  firstColumn: number;
}

const MARKERS = new Map<string, string>([
  ...Object.values(STATUS_INFO).map((i): [string, string] => [i.symbol, i.symbol]),
  ['[low]', '[low]'],
  ['-', '-'],
  ['\u2013', '-'], // en dash, as typed by word processors
  ['..', '..'],
  [':', ':'],
]);

/**
 * The shorthand a cell holds instead of a figure, as the Analysis Function writes it ("[c]", "[low]", "..", "-",
 * ":"), or null when the text is anything else. Case, spaces and trailing spaces do not matter ("[C] " → "[c]").
 */
export function shorthandMarker(text: string): string | null {
  const t = text.trim().toLowerCase();
  return MARKERS.get(t.startsWith('[') ? t.replace(/\s+/g, '') : t) ?? null;
}

/**
 * Column names as the import will use them: whitespace collapsed, blanks named by position, duplicates numbered.
 * A stand-in: the pipeline's cleanHeaderNames (csv-sniff.ts) should replace it, so every reader names columns alike.
 */
export function headerNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h, i) => {
    const base = h.replace(/\s+/g, ' ').trim() || `column_${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

const blank = (c: Cell | undefined): boolean => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;
/**
 * A value that is not plain text: a number, a yes/no, a date, shorthand standing in for a figure, or a formula (kept
 * as its text, "=B2+B3", never calculated — but it stands where a value would).
 */
const typed = (c: Cell | undefined): boolean =>
  typeof c === 'number' ||
  typeof c === 'boolean' ||
  (typeof c === 'string' && (ISO_DATE.test(c) || shorthandMarker(c) !== null || (c.startsWith('=') && c.length > 1)));
const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').trim());

interface RowShape {
  count: number;
  first: number;
  last: number;
}

function shape(row: Cell[] | undefined): RowShape {
  let count = 0;
  let first = -1;
  let last = -1;
  const cells = row ?? [];
  for (let i = 0; i < cells.length; i++) {
    if (blank(cells[i])) continue;
    count++;
    if (first < 0) first = i;
    last = i;
  }
  return { count, first, last };
}

const NAME_RULES: Array<[RegExp, SkipReason]> = [
  [/^(cover( sheet| page)?|front page|title page|about( this (release|publication|data))?|read ?me|introduction)$/, 'cover'],
  [/^(contents|table of contents|index)$/, 'contents'],
  [/^(notes?|footnotes|notes and definitions|definitions|glossary)$/, 'notes'],
];

/** Whether a sheet is framing (cover, contents, notes) or empty rather than a table: by its name, then its cells. */
export function framingSheet(name: string, grid: Cell[][]): SkipReason | null {
  const shapes = grid.map(shape);
  if (shapes.every((s) => s.count === 0)) return 'empty';
  const key = name.replace(/[_\s]+/g, ' ').trim().toLowerCase();
  for (const [rule, why] of NAME_RULES) if (rule.test(key)) return why;
  for (const row of grid.slice(0, 30)) {
    const cells = row.filter((c) => !blank(c)).map((c) => text(c).toLowerCase());
    const [a = '', b = ''] = cells;
    if (/^note\s*(number|no\.?|id|reference)?$/.test(a) && /^(note\s*)?(text|description)$/.test(b)) return 'notes';
    if (/^((work)?sheet|tab)( name| number)?$/.test(a) && /title|description|content|table/.test(b)) return 'contents';
  }
  // Prose only: every cell text and no row with two cells side by side.
  if (shapes.every((s) => s.count <= 1) && grid.every((row) => row.every((c) => blank(c) || (typeof c === 'string' && !typed(c))))) return 'cover';
  return null;
}

/** The next row after `from` with anything in it, or -1. */
function nextFilled(shapes: RowShape[], from: number): number {
  for (let r = from + 1; r < shapes.length; r++) if ((shapes[r]?.count ?? 0) > 0) return r;
  return -1;
}

/** The header row: the first row spanning the table's width (with some text) below which typed values follow. */
function findHeader(grid: Cell[][], shapes: RowShape[], left: number, right: number): number {
  const spans = (r: number) => {
    const s = shapes[r];
    if (!s || s.count === 0 || s.last !== right || s.first > left + 1) return false;
    const cells = (grid[r] ?? []).slice(left, right + 1);
    const words = cells.some((c) => typeof c === 'string' && !blank(c) && !typed(c));
    // Years as numbers, or dates, head a cross-table only beside a blank or worded corner: "[blank] 2022 2023".
    const years =
      !typed(cells[0]) &&
      cells.every((c) => blank(c) || !typed(c) || (typeof c === 'number' && Number.isInteger(c) && c >= 1800 && c <= 2100) || (typeof c === 'string' && ISO_DATE.test(c)));
    return right === left ? words : s.count >= 2 && (words || years);
  };
  const typedBelow = (r: number) => {
    const next = nextFilled(shapes, r);
    return next >= 0 && (grid[next] ?? []).slice(left, right + 1).some(typed);
  };
  // In order, stopping at the header: a long sheet's data rows are not all examined.
  let fallback = -1;
  for (let r = 0; r < shapes.length; r++) {
    if (!spans(r)) continue;
    if (typedBelow(r)) return r;
    if (fallback < 0) fallback = r;
  }
  return fallback;
}

/**
 * Finds the table on a sheet: the header row below any title and note rows, the rows below it (blank rows dropped,
 * total rows kept), and text lines under the table after a blank row as notes. Null when the sheet holds no table.
 */
export function layOutTable(grid: Cell[][]): LaidOutTable | null {
  const shapes = grid.map(shape);
  const wide = shapes.filter((s) => s.count >= 2);
  let left: number;
  let right: number;
  if (wide.length > 0) {
    // Loops, not Math.min(...): a sheet of a million rows would overflow the argument list.
    left = Infinity;
    right = -1;
    for (const s of wide) {
      left = Math.min(left, s.first);
      right = Math.max(right, s.last);
    }
  } else {
    // One column: the column holding typed values.
    const col = grid.flatMap((row) => row.flatMap((c, i) => (typed(c) ? [i] : [])))[0];
    if (col === undefined) return null;
    left = right = col;
  }
  let headerRow = findHeader(grid, shapes, left, right);
  let header: string[];
  if (headerRow < 0) {
    // No text header: the table starts at its first spanning row; the columns get names by position.
    headerRow = shapes.findIndex((s) => s.count > 0 && s.last === right && s.first <= left + 1);
    if (headerRow < 0) return null;
    header = Array.from({ length: right - left + 1 }, () => '');
    headerRow--;
  } else {
    // Raw texts, as the GridTable contract asks: the pipeline's header cleaning collapses line breaks and spaces.
    header = (grid[headerRow] ?? []).slice(left, right + 1).map((c) => (c === null || c === undefined ? '' : String(c)));
    while (header.length < right - left + 1) header.push('');
  }
  const above = grid.slice(0, Math.max(0, headerRow)).map((row) => row.filter((c) => !blank(c)).map(text).join(' ')).filter((t) => t !== '');
  const notes = above.slice(1);
  const title = above[0];

  // Text lines under the table, after a blank row, are its footnotes: find where the rows that are only single
  // lines of text (or blank) begin at the bottom, then the blank row above them.
  let end = grid.length;
  if (right > left) {
    let prose = grid.length;
    while (prose > headerRow + 1) {
      const s = shapes[prose - 1];
      const only = s && s.count === 1 ? grid[prose - 1]?.[s.first] : undefined;
      if (!s || !(s.count === 0 || (typeof only === 'string' && !typed(only)))) break;
      prose--;
    }
    const firstBlank = shapes.findIndex((s, r) => r >= prose && s.count === 0);
    if (firstBlank >= 0 && shapes.slice(firstBlank).some((s) => s.count > 0)) {
      end = firstBlank;
      notes.push(...grid.slice(end + 1).map((row) => row.filter((c) => !blank(c)).map(text).join(' ')).filter((t) => t !== ''));
    }
  }
  const rows: Cell[][] = [];
  for (let r = headerRow + 1; r < end; r++) {
    if (shapes[r]?.count === 0) continue;
    const row = grid[r] ?? [];
    const out: Cell[] = new Array<Cell>(right - left + 1);
    for (let i = 0; i < out.length; i++) {
      const c = row[left + i];
      out[i] = c === undefined || blank(c) ? null : c;
    }
    rows.push(out);
  }
  return { title, notes, header, rows, headerRow, firstColumn: left };
}

/** One 'shorthand' warning per column that holds shorthand cells, with how often each symbol occurs. */
export function shorthandWarnings(names: string[], rows: Cell[][]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  names.forEach((column, c) => {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const v = row[c];
      const marker = typeof v === 'string' ? shorthandMarker(v) : null;
      if (marker) counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
    if (counts.size === 0) return;
    const count = [...counts.values()].reduce((a, b) => a + b, 0);
    const examples = [...counts].map(([m, n]) => `"${m}" ${n === 1 ? 'once' : `${n} times`}`);
    warnings.push({ kind: 'shorthand', count, examples, column });
  });
  return warnings;
}
