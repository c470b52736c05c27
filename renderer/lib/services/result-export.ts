// Services layer: a console's whole result — every row, not only those in view — exported to CSV, XLSX or Parquet.
// The result's query runs once more into a temporary table in the engine (canExportResult: a statement that
// changed something is never run again), which is then written a slice of rows at a time:
// each slice moves the progress on and is a point where Cancel takes effect (a Cancel also interrupts the engine).
// The CSV follows the publishable rules of lib/io/csv.ts — UTF-8 with a byte order mark, CRLF, formula-like text
// neutralised, numbers in full, a synthetic-data warning line first when the query reads synthetic data; the XLSX is
// lib/io/xlsx-stream.ts; the Parquet lib/io/parquet-stream.ts, its provenance in the file's metadata. The temporary
// table is dropped however the export ends.
import type { Engine } from '../engine/types.ts';
import { csvBytes, textField } from '../io/csv.ts';
import { XlsxResultWriter } from '../io/xlsx-stream.ts';
import { longDateTime } from '../io/xlsx-style.ts';
import { ParquetResultWriter } from '../io/parquet-stream.ts';
import { SPREADSHEET_MAX_ROWS } from '../io/clipboard-table.ts';
import { SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import {
  canExportResult,
  cellKind,
  countSql,
  CSV_COPY_OPTIONS,
  csvSliceSql,
  describeSql,
  dropSql,
  EXPORT_SLICE_ROWS,
  materialiseSql,
  textSliceSql,
  type ExportColumn,
  type ResultExportFormat,
} from '../query/result-export.ts';

export interface ExportProgress {
  /** 'query': the result is being gathered; 'writing': rows are being written; 'finishing': the file is being closed. */
  phase: 'query' | 'writing' | 'finishing';
  /** Rows written so far, and of how many (null until counted). */
  rows: number;
  total: number | null;
}

export interface ResultExportRequest {
  format: ResultExportFormat;
  /** The SQL whose rows the console shows (with its sort, if a header was clicked). */
  sql: string;
  /** Whether the SQL reads a synthetic dataset: every file then says so. */
  synthetic: boolean;
  /** What the About sheet and Parquet metadata say made the file. */
  appVersion: string;
  exportedAt: string;
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
}

export interface ExportedResult {
  /** The file's bytes, in pieces (a Blob takes them as they are). */
  parts: Uint8Array[];
  rows: number;
  columns: number;
}

/** Why an export did not make a file, for the console to say in words. */
export class ResultExportError extends Error {
  constructor(readonly kind: 'cancelled' | 'too-many-rows' | 'not-a-query', message: string, readonly rows = 0) {
    super(message);
    this.name = 'ResultExportError';
  }
}

let exports = 0;

export async function exportResult(engine: Engine, request: ResultExportRequest): Promise<ExportedResult> {
  const { signal } = request;
  const table = `export_result_${Date.now().toString(36)}_${(exports += 1)}`;
  const interrupt = () => void engine.cancel().catch(() => false);
  signal.addEventListener('abort', interrupt);
  const checkpoint = () => {
    if (signal.aborted) throw new ResultExportError('cancelled', 'Export cancelled.');
  };
  try {
    request.onProgress({ phase: 'query', rows: 0, total: null });
    if (!canExportResult(request.sql)) throw new ResultExportError('not-a-query', 'Only the rows of a query can be exported.');
    await engine.query(materialiseSql(table, request.sql));
    checkpoint();
    const columns = await describe(engine, table);
    const total = Number((await engine.query(countSql(table))).table.getChild('n')?.get(0) ?? 0);
    checkpoint();
    const write = request.format === 'csv' ? writeCsv : request.format === 'xlsx' ? writeXlsx : writeParquet;
    const parts = await write(engine, { ...request, table, columns, total, checkpoint });
    return { parts, rows: total, columns: columns.length };
  } catch (err) {
    if (signal.aborted) throw new ResultExportError('cancelled', 'Export cancelled.');
    throw err;
  } finally {
    signal.removeEventListener('abort', interrupt);
    await engine.query(dropSql(table)).catch(() => undefined);
  }
}

interface WriteJob extends ResultExportRequest {
  table: string;
  columns: ExportColumn[];
  total: number;
  checkpoint: () => void;
}

async function describe(engine: Engine, table: string): Promise<ExportColumn[]> {
  const t = (await engine.query(describeSql(table))).table;
  const names = t.getChild('column_name')!;
  const types = t.getChild('column_type')!;
  return Array.from({ length: t.numRows }, (_, i) => ({ name: String(names.get(i)), type: String(types.get(i)) }));
}

/** Slices of row ids [from, to) over the whole table, the progress told after each. */
async function eachSlice(job: WriteJob, work: (from: number, to: number) => Promise<void>): Promise<void> {
  job.onProgress({ phase: 'writing', rows: 0, total: job.total });
  for (let from = 0; from < job.total; from += EXPORT_SLICE_ROWS) {
    const to = Math.min(from + EXPORT_SLICE_ROWS, job.total);
    await work(from, to);
    job.checkpoint();
    job.onProgress({ phase: 'writing', rows: to, total: job.total });
  }
}

async function writeCsv(engine: Engine, job: WriteJob): Promise<Uint8Array[]> {
  const preface = job.synthetic ? [textField(SYNTHETIC_NOTE)] : [];
  const header = job.columns.map((c) => textField(c.name)).join(',');
  const parts = [csvBytes(`${[...preface, header].join('\r\n')}\r\n`)];
  await eachSlice(job, async (from, to) => {
    parts.push(await engine.copyToBytes(csvSliceSql(job.table, job.columns, from, to), CSV_COPY_OPTIONS));
  });
  return parts;
}

async function writeXlsx(engine: Engine, job: WriteJob): Promise<Uint8Array[]> {
  const preface = job.synthetic ? [SYNTHETIC_NOTE] : [];
  const room = SPREADSHEET_MAX_ROWS - preface.length - 1;
  if (job.total > room) {
    throw new ResultExportError('too-many-rows', `The result has ${job.total.toLocaleString('en-GB')} rows; a spreadsheet holds ${room.toLocaleString('en-GB')} below its header.`, job.total);
  }
  const first = await textSlice(engine, job, 0, Math.min(job.total, 200));
  const widths = job.columns.map((c, i) => {
    let longest = c.name.length;
    for (let r = 0; r < first.numRows; r += 1) longest = Math.max(longest, String(first.getChildAt(i)?.get(r) ?? '').length);
    return Math.min(Math.max(longest + 2, 8), 60);
  });
  const parts: Uint8Array[] = [];
  const writer = new XlsxResultWriter(
    { columns: job.columns.map((c) => ({ header: c.name, kind: cellKind(c.type) })), preface, widths, about: aboutLines(job) },
    (chunk) => parts.push(chunk),
  );
  await eachSlice(job, async (from, to) => {
    const slice = await textSlice(engine, job, from, to);
    const vectors = job.columns.map((_, i) => slice.getChildAt(i));
    writer.rows(slice.numRows, (r, c) => (vectors[c]?.get(r) as string | null) ?? null);
  });
  job.onProgress({ phase: 'finishing', rows: job.total, total: job.total });
  await writer.finish();
  return parts;
}

const textSlice = async (engine: Engine, job: WriteJob, from: number, to: number) => (await engine.query(textSliceSql(job.table, job.columns, from, to))).table;

function aboutLines(job: WriteJob): string[] {
  return [
    'About this export',
    ...(job.synthetic ? [SYNTHETIC_NOTE] : []),
    `The Result worksheet holds all ${job.total.toLocaleString('en-GB')} rows and ${job.columns.length.toLocaleString('en-GB')} columns of the query below, as the engine returned them: numbers in full, nothing rounded or left out. Empty cells are NULL (no value).`,
    `Exported ${longDateTime(job.exportedAt)} by the IDMG analyst workbench, version ${job.appVersion}.`,
    'The query:',
    job.sql,
  ];
}

async function writeParquet(engine: Engine, job: WriteJob): Promise<Uint8Array[]> {
  const metadata: Record<string, string> = { query: job.sql, exported_at: job.exportedAt, exported_by: `IDMG analyst workbench ${job.appVersion}` };
  if (job.synthetic) metadata.synthetic = SYNTHETIC_NOTE;
  const writer = new ParquetResultWriter(job.columns, metadata, `IDMG analyst workbench ${job.appVersion}`);
  await eachSlice(job, async (from, to) => {
    const slice = await textSlice(engine, job, from, to);
    const vectors = job.columns.map((_, i) => slice.getChildAt(i));
    writer.rows(slice.numRows, (r, c) => (vectors[c]?.get(r) as string | null) ?? null);
  });
  job.onProgress({ phase: 'finishing', rows: job.total, total: job.total });
  return [writer.finish()];
}
