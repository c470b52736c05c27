// Services layer: one table on its way in — staged as text, its types inferred, previewed as it will be, then
// created under the analyst's names and types only when they confirm. The staging is dropped afterwards (or when
// the analyst cancels), so nothing half-imported is left behind; an existing table is never replaced.
import type { Engine, QueryResult } from '../../engine/types.ts';
import type { CsvPlan, GridTable } from '../../io/import/types.ts';
import { createImportedTableSql, importSelectSql, previewSql, statusColumns, type ColumnPlan } from '../../query/import/convert.ts';
import { guessType, inferSql, readCounts, sampleRows, type ColumnGuess } from '../../query/import/infer.ts';
import type { ImportType, NumberStyle } from '../../query/import/text-sql.ts';
import { quoteIdent } from '../../query/quote.ts';
import { csvRelationSql, gridToArrowIpc, stagingColumn, stagingTable } from './staging.ts';
import { checkStatusColumns, type StatusOutcome } from './outcome.ts';
import { recordChunks } from '../../io/import/record-chunks.ts';
import { ImportError } from '../../io/import/types.ts';
import { QueryError } from '../../engine/types.ts';

/** Where a table's text comes from: a grid read by a reader, or a UTF-8 delimited file DuckDB reads itself. */
export type StagedSource = { kind: 'grid'; grid: GridTable } | { kind: 'csv'; plan: CsvPlan; utf8: Blob | Uint8Array };

/** A delimited file goes into its table this many bytes at a time: progress to show, and Cancel between pieces. */
export const CHUNK_BYTES = 32 * 1024 * 1024;

/** How a commit reports its progress (0–1) and learns it should stop. */
export interface CommitOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The size of the pieces (CHUNK_BYTES unless a test wants many). */
  chunkBytes?: number;
}

export interface ColumnDraft extends ColumnPlan {
  /** The header as the file has it (after blank/duplicate names were made up). */
  original: string;
  guess: ColumnGuess;
}

export interface ImportedOutcome {
  table: string;
  rows: number;
  columns: number;
  status: StatusOutcome[];
}

let counter = 0;

/** The import type for a type a file declares in DuckDB's terms ('INTEGER', 'DECIMAL(18,2)', 'TIMESTAMP WITH TIME ZONE'…). */
export function declaredType(duckdbType: string): ImportType {
  const t = duckdbType.toUpperCase();
  if (/^(TINY|SMALL|BIG|U?)INT|^INTEGER|^UBIGINT|^USMALLINT|^UTINYINT|^UINTEGER/.test(t)) return 'BIGINT';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC)/.test(t)) return 'DOUBLE';
  if (t === 'DATE') return 'DATE';
  if (t.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  return 'VARCHAR';
}

export class TableImport {
  readonly id = `${Date.now().toString(36)}_${(counter += 1)}`;
  private relation = '';
  private sample = '';
  private readonly registered = `import/${this.id}.csv`;

  constructor(
    private readonly engine: Engine,
    readonly source: StagedSource,
    /** The file's name as the analyst knows it, for messages. */
    readonly fileName = 'The file',
  ) {}

  get style(): NumberStyle {
    return this.source.kind === 'csv' ? { decimal: this.source.plan.decimal, thousands: this.source.plan.thousands } : { decimal: '.', thousands: ',' };
  }

  get header(): string[] {
    return this.source.kind === 'csv' ? this.source.plan.columns : this.source.grid.header;
  }

  /** Puts the text where SQL can read it, and a sample to infer types from. */
  async stage(): Promise<void> {
    if (this.source.kind === 'grid') {
      await this.engine.insertArrow(stagingTable(this.id), gridToArrowIpc(this.source.grid));
      this.relation = this.sample = quoteIdent(stagingTable(this.id));
      return;
    }
    const path = await this.engine.registerFile(this.registered, this.source.utf8);
    this.relation = csvRelationSql(path, this.source.plan);
    this.sample = quoteIdent(`${stagingTable(this.id)}_sample`);
    await this.engine.query(`CREATE TABLE ${this.sample} AS SELECT * FROM ${this.relation} LIMIT ${sampleRows(this.header.length)}`);
  }

  /** Each column's type as the sample supports it, under the header's names. */
  async infer(names: string[]): Promise<ColumnDraft[]> {
    const sources = this.header.map((_, i) => stagingColumn(i));
    const { table } = await this.engine.query(inferSql(this.sample, sources, this.style));
    const guesses: ColumnGuess[] = readCounts(table, sources).map(guessType);
    const declared = this.source.kind === 'grid' ? this.source.grid.columnTypes : undefined;
    return sources.map((source, i) => {
      const guess = guesses[i]!;
      // A type the file declares (Parquet) is taken as it is; the counts still show any value it cannot hold.
      const type = declared?.[i] ? declaredType(declared[i]!) : guess.type;
      return { source, name: names[i] ?? source, original: names[i] ?? source, type, dates: guess.dates, guess };
    });
  }

  /** The first rows as they would be imported with these columns. */
  preview(columns: ColumnPlan[], rows = 20): Promise<QueryResult> {
    return this.engine.query(previewSql(this.sample, columns, this.style, rows));
  }

  /**
   * Creates the table; empty status columns are dropped and the rest counted (markers, values that did not convert).
   * Delimited text goes in a piece of whole records at a time. Whatever stops it — Cancel, the engine's memory limit,
   * a bad piece — the half-made table is dropped: an import adds a whole table or nothing.
   */
  async commit(table: string, columns: ColumnPlan[], options: CommitOptions = {}): Promise<ImportedOutcome> {
    const target = quoteIdent(table);
    let created = false;
    try {
      if (this.source.kind === 'grid') {
        await this.engine.query(createImportedTableSql(table, this.relation, columns, this.style));
        created = true;
      } else {
        const { plan } = this.source;
        const utf8 = this.source.utf8 instanceof Blob ? this.source.utf8 : new Blob([this.source.utf8 as Uint8Array<ArrayBuffer>]);
        let part = 0;
        for await (const chunk of recordChunks(utf8, { target: options.chunkBytes ?? CHUNK_BYTES, quote: plan.quote, escape: plan.escape, fileName: this.fileName })) {
          if (options.signal?.aborted) throw new ImportError('cancelled', this.fileName);
          const name = `${this.registered}.${(part += 1)}`;
          const path = await this.engine.registerFile(name, utf8.slice(chunk.start, chunk.end));
          try {
            // Only the first piece holds the header (and any rows above it).
            const relation = csvRelationSql(path, chunk.start === 0 ? plan : { ...plan, header: false, skipRows: 0 });
            if (created) await this.engine.query(`INSERT INTO ${target} ${importSelectSql(relation, columns, this.style)}`);
            else {
              await this.engine.query(createImportedTableSql(table, relation, columns, this.style));
              created = true;
            }
          } finally {
            await this.engine.dropFile(name);
          }
          options.onProgress?.(chunk.end / utf8.size);
        }
        if (!created) await this.engine.query(createImportedTableSql(table, this.relation, columns, this.style));
        created = true;
      }
      if (options.signal?.aborted) throw new ImportError('cancelled', this.fileName);
      const status = await checkStatusColumns(this.engine, table, [...statusColumns(columns).entries()]);
      const count = await this.engine.query(`SELECT count(*)::DOUBLE AS n FROM ${target}`);
      const rows = Number(count.table.getChild('n')?.get(0) ?? 0);
      return { table, rows, columns: columns.length + status.length, status };
    } catch (err) {
      if (created) await this.engine.query(`DROP TABLE IF EXISTS ${target}`).catch(() => undefined);
      throw await this.failure(err, options.signal);
    }
  }

  /** A stop as the analyst should read it: their Cancel, or the engine's memory limit named. */
  private async failure(err: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return new ImportError('cancelled', this.fileName);
    if (err instanceof QueryError && err.kind === 'out-of-memory') {
      const limit = await this.engine.query("SELECT current_setting('memory_limit') AS m").then(
        (r) => String(r.table.getChild('m')?.get(0) ?? ''),
        () => '',
      );
      return new ImportError('too-large', this.fileName, { limit: limit ? `${limit} of engine memory` : undefined });
    }
    return err;
  }

  /** Drops the staging and forgets the file. */
  async discard(): Promise<void> {
    if (this.source.kind === 'grid') await this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(stagingTable(this.id))}`).catch(() => undefined);
    else {
      await this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(`${stagingTable(this.id)}_sample`)}`).catch(() => undefined);
      await this.engine.dropFile(this.registered);
    }
  }
}
