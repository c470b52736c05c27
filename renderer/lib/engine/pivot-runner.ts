// Engine layer: runs pivots on the engine. The first pivot over a field set builds a small base aggregate (a temp
// table at the finest grain); later pivots over the same fields, filters and values — rows ↔ columns moves,
// reordering, other subtotals — read that base instead of rescanning the source. Show-as, sorting and collapsing
// need no query at all (they are done by the layout, layout.ts, on the result), and the layout runs in slices so
// a pivot of 50,000 columns never blocks the page. Before a pivot runs, its column axis can be counted cheaply.
import { quoteIdent } from '../query/quote.ts';
import { findOwnTotals, type OwnTotals } from './own-totals.ts';
import { checkFields, compilePivot, queryKey, sourceSql } from '../query/pivot/compile.ts';
import { layoutSteps, toScalar } from '../query/pivot/layout.ts';
import { NO_SOURCE_LABELS, type SourceLabels } from '../query/pivot/field-labels.ts';
import { columnAxisKey, combinationBound, combinationCountSql, fieldCountKey, fieldCountSql, WIDE_COLUMNS } from '../query/pivot/column-count.ts';
import { runInSlices } from './slices.ts';
import type { PivotSource, PivotSpec, Scalar } from '../query/pivot/spec.ts';
import type { FieldSchema, PivotLayout } from '../query/pivot/types.ts';
import type { Engine } from './types.ts';
import type { Table } from 'apache-arrow';

export interface PivotRun {
  layout: PivotLayout;
  /**
   * The SQL the figures come from, in order, as anyone can run it again ("Show SQL", provenance): the base aggregate
   * (named RECORDED_BASE) first, whether this run built it or reused the cached one, then the pivot over it.
   */
  sql: string[];
  /** True when an existing base aggregate served this pivot (no scan of the source). */
  reusedBase: boolean;
  /** True when no query ran at all: only the layout changed (show-as, sorting, totals, collapsing). */
  relaidOut: boolean;
  elapsedMs: number;
}

const MAX_BASES = 8;
let runners = 0;

/** The column axis a pivot would have: over WIDE_COLUMNS, the real count; otherwise only that it is within. */
export interface ColumnCount {
  wide: boolean;
  /** Column combinations (before subtotals and totals) when `wide`; at most WIDE_COLUMNS otherwise. */
  combinations: number;
  /** Each column field's distinct values under the pivot's filters, in the order of spec.columns. */
  perField: number[];
}

/** The pivot's base table as provenance names it: one fixed name, so a rebuild records the same SQL as the app. */
export const RECORDED_BASE = '__pivot_base';

export class PivotRunner {
  private readonly bases = new Map<string, string>();
  private next = 0;
  /** The last pivot result, reused while only the layout of the pivot changes. */
  private last: { key: string; table: Table; sql: string[] } | null = null;
  /** Base tables are named per runner, so two runners on one engine never read each other's bases. */
  private readonly prefix = `__pivot_base_${runners++}_`;
  /** Distinct values per field and combinations per column axis (see column-count.ts), until data may change. */
  private readonly counts = new Map<string, number>();

  /** `labels`: the labels a source's manifest gives its columns, for the laid-out pivot (query/pivot/field-labels.ts). */
  constructor(
    private readonly engine: Engine,
    readonly labels: (source: PivotSource) => SourceLabels = () => NO_SOURCE_LABELS,
  ) {}

  async schema(source: PivotSource): Promise<FieldSchema[]> {
    // A saved query is the analyst's SQL, embedded in every query the pivot runs: it is first checked to be one
    // statement that only reads (prepared in a read-only transaction), so nothing it holds can change data.
    const { table } = await this.engine.query(`DESCRIBE SELECT * FROM ${sourceSql(source)}`, { readOnly: source.kind === 'query' });
    const names = table.getChild('column_name');
    const types = table.getChild('column_type');
    return Array.from({ length: table.numRows }, (_, i) => ({ name: String(names?.get(i)), type: String(types?.get(i)) }));
  }

  async run(spec: PivotSpec, schema: FieldSchema[]): Promise<PivotRun> {
    const started = performance.now();
    const key = queryKey(spec);
    if (this.last?.key === key) {
      const layout = await runInSlices(layoutSteps(this.last.table, spec, this.labels(spec.source)));
      return this.finish(started, { layout, sql: this.last.sql, reusedBase: true, relaidOut: true });
    }
    const plan = compilePivot(spec, schema);
    const ran: string[] = [];
    // The time spent waiting on the engine (its SQL and, natively, the transfer of results to the page), apart from
    // the layout, for the benchmark.
    let engineMs = 0;
    const query = async (sql: string) => {
      const t0 = performance.now();
      const result = await this.engine.query(sql);
      engineMs += performance.now() - t0;
      return result;
    };
    let table: string | null = null;
    let reusedBase = false;
    if (plan.base) {
      table = this.bases.get(plan.base.key) ?? null;
      reusedBase = table !== null;
      if (!table) {
        table = `${this.prefix}${this.next++}`;
        const create = plan.base.sql(table);
        await query(create);
        ran.push(create);
        this.remember(plan.base.key, table);
      }
    }
    const pivotSql = plan.sql(table);
    ran.push(pivotSql);
    const result = await query(pivotSql);
    // What the figures came from, as anyone can run it again: the base under one fixed name (the cache's own name
    // depends on the session), and always with the statement that makes it, whether or not this run reused it.
    const sql = plan.base ? [plan.base.sql(RECORDED_BASE), plan.sql(RECORDED_BASE)] : [pivotSql];
    this.last = { key, table: result.table, sql };
    return this.finish(started, { layout: await runInSlices(layoutSteps(result.table, spec, this.labels(spec.source))), sql, reusedBase, relaidOut: false }, ran, engineMs);
  }

  /** How many column combinations the pivot would lay out, counted cheaply before it runs (see column-count.ts). */
  async columnCount(spec: PivotSpec, schema: FieldSchema[]): Promise<ColumnCount> {
    checkFields(spec, schema);
    const perField: number[] = [];
    for (const f of spec.columns) perField.push(await this.count(fieldCountKey(spec, f), fieldCountSql(spec, f)));
    const bound = combinationBound(spec, perField);
    if (bound <= WIDE_COLUMNS) return { wide: false, combinations: bound, perField };
    const combinations = await this.count(columnAxisKey(spec), combinationCountSql(spec));
    return { wide: combinations > WIDE_COLUMNS, combinations, perField };
  }

  private async count(key: string, sql: string): Promise<number> {
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const { table } = await this.engine.query(sql);
    const n = Number(table.getChild('n')?.get(0) ?? 0);
    this.counts.set(key, n);
    return n;
  }

  /** `ran`: the statements this run executed (the benchmark replays them on native DuckDB); `engineMs`: their time. */
  private finish(started: number, run: Omit<PivotRun, 'elapsedMs'>, ran: string[] = [], engineMs = 0): PivotRun {
    const ended = performance.now();
    // Like engine-query: the latest pivot's timing on the performance timeline, for the benchmark to read.
    performance.clearMeasures('pivot-run');
    performance.measure('pivot-run', { start: started, end: ended, detail: { sql: ran, engineMs, reusedBase: run.reusedBase, relaidOut: run.relaidOut } });
    return { ...run, elapsedMs: ended - started };
  }

  /** Tables a pivot can read: the built-in datasets and any the analyst created (not the pivots' own caches). */
  /** Totals the source carries in its own rows or columns, checked (see own-totals.ts). */
  ownTotals(source: PivotSource, schema: FieldSchema[]): Promise<OwnTotals> {
    return findOwnTotals(this.engine, source, schema);
  }

  async tables(): Promise<string[]> {
    const { table } = await this.engine.query(
      "SELECT table_name AS t FROM duckdb_tables() WHERE NOT temporary AND NOT starts_with(table_name, '__pivot_base_') ORDER BY 1",
    );
    const col = table.getChild('t');
    return Array.from({ length: table.numRows }, (_, i) => String(col?.get(i)));
  }

  /** The distinct values of a field in the source (for filter value lists), NULL included, up to `limit`. */
  async distinct(source: PivotSource, field: string, limit = 1000): Promise<{ values: Scalar[]; more: boolean }> {
    const col = quoteIdent(field);
    const { table } = await this.engine.query(`SELECT DISTINCT ${col} AS v FROM ${sourceSql(source)} ORDER BY 1 NULLS LAST LIMIT ${limit + 1}`);
    const v = table.getChild('v');
    const values = Array.from({ length: Math.min(table.numRows, limit) }, (_, i) => toScalar(v?.get(i)));
    return { values, more: table.numRows > limit };
  }

  /** Forget every base aggregate (call when data may have changed, e.g. after SQL typed by the user). */
  async invalidate(): Promise<void> {
    this.last = null;
    this.counts.clear();
    const tables = [...this.bases.values()];
    this.bases.clear();
    for (const t of tables) await this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
  }

  private remember(key: string, table: string): void {
    this.bases.set(key, table);
    if (this.bases.size <= MAX_BASES) return;
    const [oldestKey, oldest] = this.bases.entries().next().value as [string, string];
    this.bases.delete(oldestKey);
    void this.engine.query(`DROP TABLE IF EXISTS ${quoteIdent(oldest)}`).catch(() => undefined);
  }
}
