// State layer: one console's export of its whole result (lib/services/result-export.ts) — which format is being
// written, how far it has gone, Cancel, and what came of it in words. The finished file is saved as every other file
// the app makes is (lib/host/download.ts).
import type { Engine } from '../lib/engine/types.ts';
import { downloadBlob } from '../lib/host/download.ts';
import type { ResultExportFormat } from '../lib/query/result-export.ts';
import { exportResult, ResultExportError, type ExportProgress } from '../lib/services/result-export.ts';
import { ParquetValueError } from '../lib/io/parquet-stream.ts';
import { XlsxValueError } from '../lib/io/xlsx-stream.ts';
import { formatNumber } from '../lib/viz/format.ts';

const MIME: Record<ResultExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
};
/** Why a result cannot be exported: it came from a statement that changed something. */
export const NOT_A_QUERY = 'Only the rows of a query can be exported: this result came from a statement that changed something, which is never run again.';

export const FORMAT_NAME: Record<ResultExportFormat, string> = { csv: 'CSV', xlsx: 'XLSX', parquet: 'Parquet' };

export interface ResultExportOptions {
  engine: () => Engine | null;
  /** Whether SQL reads a synthetic dataset (every file then says so). */
  synthetic: (sql: string) => boolean;
  appVersion: string;
  /** Saves the finished file; a download unless told otherwise (tests). */
  save?: (blob: Blob, fileName: string) => void;
}

/** The progress in words: "Writing CSV: 300,000 of 1,000,000 rows". */
export function progressText(format: ResultExportFormat, p: ExportProgress | null): string {
  const name = FORMAT_NAME[format];
  if (!p || p.phase === 'query') return `Exporting ${name}: gathering the result…`;
  if (p.phase === 'finishing') return `Exporting ${name}: finishing the file…`;
  return `Exporting ${name}: ${formatNumber(p.rows)} of ${formatNumber(p.total ?? 0)} rows written.`;
}

export class ResultExportState {
  /** The format being written, while an export runs. */
  busy = $state<ResultExportFormat | null>(null);
  progress = $state.raw<ExportProgress | null>(null);
  /** What the last export did, in words (saved, cancelled). */
  message = $state('');
  /** Why the last export made no file, in words, with what to do. */
  problem = $state('');
  private controller: AbortController | null = null;

  constructor(private readonly options: ResultExportOptions) {}

  /** Writes every row of `sql`'s result as `format` and saves it as `<fileStem>.<format>`. */
  async start(format: ResultExportFormat, sql: string, fileStem: string): Promise<void> {
    const engine = this.options.engine();
    if (!engine || this.busy) return;
    const controller = new AbortController();
    this.controller = controller;
    this.busy = format;
    this.progress = null;
    this.message = '';
    this.problem = '';
    try {
      const done = await exportResult(engine, {
        format,
        sql,
        synthetic: this.options.synthetic(sql),
        appVersion: this.options.appVersion,
        exportedAt: new Date().toISOString(), // eslint-disable-line svelte/prefer-svelte-reactivity -- a timestamp, not state
        signal: controller.signal,
        onProgress: (p) => (this.progress = p),
      });
      const fileName = `${fileStem}.${format}`;
      (this.options.save ?? downloadBlob)(new Blob(done.parts as Uint8Array<ArrayBuffer>[], { type: MIME[format] }), fileName);
      this.message = `Saved ${fileName}: ${formatNumber(done.rows)} ${done.rows === 1 ? 'row' : 'rows'}, ${formatNumber(done.columns)} ${done.columns === 1 ? 'column' : 'columns'}.`;
    } catch (err) {
      if (err instanceof ResultExportError && err.kind === 'cancelled') this.message = 'Export cancelled. No file was saved.';
      else this.problem = problemText(format, err);
    } finally {
      this.busy = null;
      this.progress = null;
      this.controller = null;
    }
  }

  cancel(): void {
    this.controller?.abort();
  }
}

function problemText(format: ResultExportFormat, err: unknown): string {
  const name = FORMAT_NAME[format];
  if (err instanceof ResultExportError && err.kind === 'too-many-rows') return `${err.message} Export it as CSV or Parquet instead, or narrow the query.`;
  if (err instanceof ResultExportError && err.kind === 'not-a-query') return `${NOT_A_QUERY} Run a SELECT over the table, then export.`;
  if (err instanceof XlsxValueError) return `${err.message} Export it as CSV or Parquet instead.`;
  if (err instanceof ParquetValueError) return `${err.message} Cast it to text in the query (CAST(column AS VARCHAR)), or export CSV.`;
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `The ${name} file could not be written (${detail}). Nothing was saved and the result is unchanged; try again.`;
}
