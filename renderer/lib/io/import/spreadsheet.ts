// Import layer, pure: reads a workbook (XLSX, ODS, or an old binary XLS) into one grid of cells per table sheet, for
// the import pipeline. The bytes pass zip-guard.ts first (zip bombs, encryption, truncation), then SheetJS parses
// them without ever calculating: a formula cell arrives as its formula text ("=SUM(B2:B4)") so no figure the analyst
// sees was computed by us, and links to other workbooks are reported, never followed. official-layout.ts then skips
// cover, contents and notes sheets and finds each table below its title. A plain function with no DOM, so it runs
// in the page's import worker and in Node tests alike.
import * as XLSX from '@e965/xlsx';
import { framingSheet, headerNames, layOutTable, type SkipReason, shorthandWarnings } from './official-layout.ts';
import type { Cell, Detected, GridTable, ImportWarning } from './types.ts';
import { ImportError } from './types.ts';
import { guardWorkbook, WORKBOOK_LIMITS, type WorkbookLimits, type ZipEntry } from './zip-guard.ts';

/** One table sheet of a workbook: a grid named after its sheet. */
export type SheetRead = GridTable;

export interface SkippedSheet {
  name: string;
  why: SkipReason;
}

export interface WorkbookRead {
  sheets: SheetRead[];
  skipped: SkippedSheet[];
  /** About the workbook as a whole: skipped sheets, links to other files. Each sheet has its own warnings too. */
  warnings: ImportWarning[];
  detected: Detected[];
}

type WorkbookKind = 'xlsx' | 'xlsb' | 'ods' | 'xls';

const FORMAT_NAMES: Record<WorkbookKind, string> = {
  xlsx: 'Excel workbook (XLSX)',
  xlsb: 'Excel binary workbook (XLSB)',
  ods: 'OpenDocument spreadsheet (ODS)',
  xls: 'Excel 97–2003 workbook (XLS)',
};

const EXAMPLES = 5;

function workbookKind(entries: ZipEntry[] | null, file: string): WorkbookKind {
  if (entries === null) return 'xls';
  const names = new Set(entries.map((e) => e.name));
  if (names.has('content.xml') && names.has('META-INF/manifest.xml')) return 'ods';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('xl/workbook.bin')) return 'xlsb';
  throw new ImportError('unknown-format', file, { detail: 'a zip archive, but not a workbook (no XLSX or ODS parts)' });
}

/** A date cell as ISO text: "2023-03-31", "2023-03-31 13:45:10", or "13:45:10" for a time of day. */
export function isoDateText(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000;
  if (Number.isNaN(t)) return '';
  const iso = new Date(t).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (day === '1899-12-30' || day === '1899-12-31') return time;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

function formulaText(f: string): string {
  return f.startsWith('=') ? f : `=${f}`;
}

/** A formula that reaches into another file: "[1]Sheet1!A1" in XLSX, "'file:///…'#$Sheet1.A1" in ODS. */
const EXTERNAL_REF = /(^|[^A-Za-z0-9_])\[\d+\]|'(file|https?):/i;

interface SheetCells {
  grid: Cell[][];
  formulas: string[];
  formulaCount: number;
  external: string[];
}

/** A worksheet as a grid of cells: formulas as their text, dates as ISO text, errors as their text, stubs as null. */
function sheetCells(ws: XLSX.WorkSheet, sheet: string): SheetCells {
  const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  const out: SheetCells = { grid: [], formulas: [], formulaCount: 0, external: [] };
  for (let r = 0; r < data.length; r++) {
    const src = data[r] ?? [];
    const row: Cell[] = new Array<Cell>(src.length).fill(null);
    for (let c = 0; c < src.length; c++) {
      const cell = src[c];
      if (!cell) continue;
      if (typeof cell.f === 'string' && cell.f !== '') {
        const f = formulaText(cell.f);
        row[c] = f;
        out.formulaCount++;
        const at = `${sheet}!${XLSX.utils.encode_cell({ r, c })}: ${f}`;
        if (out.formulas.length < EXAMPLES) out.formulas.push(at);
        if (EXTERNAL_REF.test(f)) out.external.push(at);
        continue;
      }
      switch (cell.t) {
        case 's':
          row[c] = String(cell.v ?? '');
          break;
        case 'n':
          row[c] = typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null;
          break;
        case 'b':
          row[c] = Boolean(cell.v);
          break;
        case 'd':
          row[c] = cell.v instanceof Date ? isoDateText(cell.v) : String(cell.v ?? '');
          break;
        case 'e':
          row[c] = cell.w ?? '#ERROR';
          break;
        default:
          row[c] = null;
      }
    }
    out.grid.push(row);
  }
  return out;
}

function parse(bytes: Uint8Array, file: string, kind: WorkbookKind): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: true,
      cellDates: true,
      UTC: true,
      // Stubs keep XLSX formula cells that have no cached value; ODS repeats empty cells by the million, so not there.
      sheetStubs: kind !== 'ods',
      cellHTML: false,
      cellNF: false,
      cellStyles: false,
      cellText: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) throw new ImportError('password', file);
    throw new ImportError('corrupt', file, { detail: message });
  }
}

/**
 * Reads every table sheet of an XLSX, ODS or XLS workbook. Throws ImportError: 'empty', 'truncated', 'corrupt',
 * 'password', 'expands-too-much', 'unknown-format', or 'no-sheets' when no sheet holds a table.
 */
export function readWorkbook(bytes: Uint8Array, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): WorkbookRead {
  const container = guardWorkbook(bytes, file, limits);
  const entries = container.kind === 'zip' ? container.entries : null;
  const kind = workbookKind(entries, file);
  const wb = parse(bytes, file, kind);
  // SheetJS reads a damaged part as nothing rather than failing: a workbook with no sheet at all is damaged.
  if (wb.SheetNames.length === 0) throw new ImportError('corrupt', file, { detail: 'no worksheets could be read' });
  const format: Detected = { label: 'Format', value: FORMAT_NAMES[kind] };

  const sheets: SheetRead[] = [];
  const skipped: SkippedSheet[] = [];
  const external: string[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws || ws['!type'] === 'chart') {
      skipped.push({ name, why: 'empty' });
      continue;
    }
    const cells = sheetCells(ws, name);
    external.push(...cells.external);
    const why = framingSheet(name, cells.grid);
    const table = why === null ? layOutTable(cells.grid) : null;
    if (why !== null || table === null) {
      skipped.push({ name, why: why ?? 'cover' });
      continue;
    }
    const names = headerNames(table.header);
    const warnings: ImportWarning[] = shorthandWarnings(names, table.rows);
    if (cells.formulaCount > 0) warnings.push({ kind: 'formula-cells', count: cells.formulaCount, examples: cells.formulas });
    const detected: Detected[] = [
      format,
      { label: 'Sheet', value: name },
      { label: 'Header row', value: table.headerRow >= 0 && table.header.some((h) => h !== '') ? `row ${table.headerRow + 1}` : 'none found' },
    ];
    sheets.push({ name, header: table.header, rows: table.rows, title: table.title, notes: table.notes, detected, warnings });
  }

  const warnings: ImportWarning[] = [];
  if (skipped.length > 0) {
    warnings.push({ kind: 'skipped-sheets', count: skipped.length, examples: skipped.slice(0, EXAMPLES).map((s) => `${s.name} (${s.why})`) });
  }
  const linkParts = (entries ?? []).filter((e) => /^xl\/externalLinks\/externalLink\d+\.xml$/.test(e.name)).length;
  if (linkParts > 0 || external.length > 0) {
    warnings.push({ kind: 'external-links', count: linkParts || external.length, examples: external.slice(0, EXAMPLES) });
  }
  if (sheets.length === 0) throw new ImportError('no-sheets', file);
  return { sheets, skipped, warnings, detected: [format] };
}
