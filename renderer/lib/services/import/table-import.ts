// Services layer: one table on its way in — staged as text, its types inferred, previewed as it will be, then
// created under the analyst's names and types only when they confirm. The staging is dropped afterwards (or when
// the analyst cancels), so nothing half-imported is left behind; an existing table is never replaced.
import type { Engine, QueryResult } from '../../engine/types.ts';
import type { CsvPlan, GridTable } from '../../io/import/types.ts';
import { createImportedTableSql, previewSql, statusColumns, type ColumnPlan } from '../../query/import/convert.ts';
import { COLUMNS_PER_SCAN, guessType, inferSql, readCounts, type ColumnGuess } from '../../query/import/infer.ts';
import type { ImportType, NumberStyle } from '../../query/import/text-sql.ts';
import { quoteIdent } from '../../query/quote.ts';
import { csvRelationSql, gridToArrowIpc, stagingColumn, stagingTable } from './staging.ts';
import { checkStatusColumns, type StatusOutcome } from './outcome.ts';

/** Where a table's text comes from: a grid read by a reader, or a UTF-8 delimited file DuckDB reads itself. */
export type StagedSource = { kind: 'grid'; grid: GridTable } | { kind: 'csv'; plan: CsvPlan; utf8: Blob | Uint8Array };

/** The rows type inference looks at in a big file (all rows of a grid). */
export const SAMPLE_ROWS = 50_000;

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
  private readonly fileName = `import/${this.id}.csv`;

  constructor(
    private readonly engine: Engine,
    readonly source: StagedSource,
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
    await this.engine.registerFile(this.fileName, this.source.utf8);
    this.relation = csvRelationSql(this.fileName, this.source.plan);
    this.sample = quoteIdent(`${stagingTable(this.id)}_sample`);
    await this.engine.query(`CREATE TABLE ${this.sample} AS SELECT * FROM ${this.relation} LIMIT ${SAMPLE_ROWS}`);
  }

  /** Each column's type as the sample supports it, under the header's names. */
  async infer(names: string[]): Promise<ColumnDraft[]> {
    const sources = this.header.map((_, i) => stagingColumn(i));
    const guesses: ColumnGuess[] = [];
    for (let from = 0; from < sources.length; from += COLUMNS_PER_SCAN) {
      const slice = sources.slice(from, from + COLUMNS_PER_SCAN);
      const { table } = await this.engine.query(inferSql(this.sample, slice, this.style));
      guesses.push(...readCounts(table, slice.length).map(guessType));
    }
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

  /** Creates the table; empty status columns are dropped and the rest counted (markers, values that did not convert). */
  async commit(table: string, columns: ColumnPlan[]): Promise<ImportedOutcome> {
    await this.engine.query(createImportedTableSql(table, this.relation, columns, this.style));
    const status = await checkStatusColumns(this.engine, table, [...statusColumns(columns).entries()]);
    const count = await this.engine.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
    const rows = Number(count.table.getChild('n')?.get(0) ?? 0);
    return { table, rows, columns: columns.length + status.length, status };
  }

  /** Drops the staging and forgets the file. */
  async discard(): Promise<void> {
    if (this.source.kind === 'grid') await this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(stagingTable(this.id))}`).catch(() => undefined);
    else {
      await this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(`${stagingTable(this.id)}_sample`)}`).catch(() => undefined);
      await this.engine.dropFile(this.fileName);
    }
  }
}
