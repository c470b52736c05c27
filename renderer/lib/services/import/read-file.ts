// Services layer: a picked, dropped or pasted file read by the reader its first bytes call for — delimited text
// sniffed from its first megabyte and left for DuckDB to read whole (converted to UTF-8 as a stream when it is not),
// workbooks sheet by sheet, JSON and Parquet as grids — each table with its header names made up one shared way.
import { cleanHeaderNames } from '../../io/import/csv-sniff.ts';
import { sniffCsv } from '../../io/import/csv-sniff.ts';
import { invalidTextWarning, newTranscodeReport, toUtf8Stream } from '../../io/import/encoding.ts';
import { containerOf, formatOf } from '../../io/import/format.ts';
import { readJson } from '../../io/import/json.ts';
import type { WorkbookRead } from '../../io/import/spreadsheet.ts';
import { gunzipStream, readHead, readTextSample } from '../../io/import/text-stream.ts';
import { ImportError, type CsvPlan, type GridTable, type ImportWarning } from '../../io/import/types.ts';
import type { FileReaders, ReadOptions, ReadOutcome, ReadTable } from './importer.ts';

/** The most of a workbook, JSON or Parquet file read into memory at once (delimited text has no limit). */
export const MAX_IN_MEMORY_BYTES = 512 * 1024 * 1024;

/**
 * How workbooks and Parquet files are parsed: in the page, in a worker (page-readers.ts), so SheetJS and hyparquet
 * stay out of the page's own bundle; in Node, directly (direct-parsers.ts).
 */
export interface GridParsers {
  workbook(bytes: Uint8Array, name: string): Promise<WorkbookRead>;
  parquet(bytes: Uint8Array, name: string): Promise<GridTable>;
}

function gridTable(grid: GridTable, sheet: string | null): ReadTable {
  const { names, warnings } = cleanHeaderNames(grid.header);
  return {
    sheet,
    source: { kind: 'grid', grid },
    names,
    title: grid.title ?? null,
    notes: grid.notes ?? [],
    detected: grid.detected,
    warnings: [...warnings, ...grid.warnings],
  };
}

async function bytesOf(file: Blob, name: string): Promise<Uint8Array> {
  if (file.size > MAX_IN_MEMORY_BYTES) throw new ImportError('too-large', name, { limit: `${MAX_IN_MEMORY_BYTES / 1024 / 1024} MB` });
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * A delimited file as UTF-8 bytes DuckDB reads: the file itself when it already is, else a converted copy (streamed
 * into a Blob, which the browser keeps outside the page's memory), with a warning if bytes did not decode.
 */
export async function utf8Of(file: Blob, plan: CsvPlan, name = 'file'): Promise<{ utf8: Blob; warning: ImportWarning | null }> {
  // A BOM sits in the header line, which read_csv skips: such a file (Excel's "CSV UTF-8") is read as it is.
  if (!plan.gzip && (plan.encoding === 'utf-8' || (plan.encoding === 'utf-8-bom' && plan.header && plan.skipRows === 0))) return { utf8: file, warning: null };
  let stream = file.stream() as ReadableStream<Uint8Array>;
  if (plan.gzip) stream = gunzipStream(stream, name);
  const report = newTranscodeReport();
  const utf8 = await new Response(toUtf8Stream(stream, plan.encoding, report)).blob();
  return { utf8, warning: invalidTextWarning(report) };
}

export function createReaders(parsers: GridParsers): FileReaders {
  return {
    async read(file: Blob, name: string, options: ReadOptions = {}): Promise<ReadOutcome> {
      if (file.size === 0) throw new ImportError('empty', name);
      const head = (await readHead(file.stream() as ReadableStream<Uint8Array>, 64)).bytes;
      const container = containerOf(head);
      const format = formatOf(container, name);
      if (container === 'zip' || container === 'cfb') {
        const wb = await parsers.workbook(await bytesOf(file, name), name);
        return { format, tables: wb.sheets.map((s) => gridTable(s, s.name)), skipped: wb.skipped, detected: wb.detected, warnings: wb.warnings };
      }
      if (container === 'parquet' || container === 'json') {
        const bytes = await bytesOf(file, name);
        const grid = container === 'parquet' ? await parsers.parquet(bytes, name) : readJson(bytes, name);
        return { format, tables: [gridTable(grid, null)], skipped: [], detected: grid.detected, warnings: [] };
      }
      const sample = await readTextSample(() => file.stream() as ReadableStream<Uint8Array>, name);
      const plan = sniffCsv(sample.text, name, { complete: sample.complete, encoding: sample.encoding, gzip: sample.gzip, header: options.header });
      // The sniffer has already warned of blank and repeated names; only the names are taken here.
      const { names } = cleanHeaderNames(plan.columns);
      const converted = await utf8Of(file, plan, name);
      const table: ReadTable = {
        sheet: null,
        source: { kind: 'csv', plan, utf8: converted.utf8 },
        names,
        title: null,
        notes: [],
        detected: plan.detected,
        warnings: [...plan.warnings, ...(converted.warning ? [converted.warning] : [])],
      };
      return { format, tables: [table], skipped: [], detected: [], warnings: [] };
    },
    utf8: async (file, plan) => (await utf8Of(file, plan)).utf8,
  };
}
