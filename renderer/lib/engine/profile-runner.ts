// Engine layer: runs a table's column profile on the engine — the columns (DESCRIBE), one summary scan of every
// column, then each column's top values and histogram, one column at a time so the cards fill in as they come
// and a profile the analyst has left (another table, a closed tab) stops at the next column instead of running
// on. Every query runs in the engine's worker; what is done here is reading a few hundred numbers.
import type { Engine } from './types.ts';
import { describeSql, readColumns } from '../query/profile/columns.ts';
import { readSummary, summarySql, type ColumnSummary, type TableSummary } from '../query/profile/summary.ts';
import { readTopValues, topValuesSql, type TopValue } from '../query/profile/top-values.ts';
import { histogramSql, planBins, readHistogram, type Bin } from '../query/profile/histogram.ts';

export interface ColumnDetail {
  /** Distinct non-null values, exact, and rows with a value (from the top values' GROUP BY). */
  distinct: number;
  nonNull: number;
  top: TopValue[];
  /** Numbers, dates and timestamps with at least one value; null otherwise. Discrete bins hold whole units ("a to b"). */
  histogram: { bins: Bin[]; discrete: boolean } | null;
}

export interface ProfileRun {
  table: string;
  summary: TableSummary;
  details: ColumnDetail[];
  /** The SQL that ran, in order (for the benchmark to run the same on native DuckDB). */
  sql: string[];
  elapsedMs: number;
}

export interface ProfileListener {
  /** False once the profile is no longer wanted: it stops before its next query and resolves null. */
  isCurrent?: () => boolean;
  onSummary?: (summary: TableSummary) => void;
  onColumn?: (index: number, detail: ColumnDetail) => void;
}

export async function columnDetail(engine: Engine, table: string, column: ColumnSummary, sql: string[] = []): Promise<ColumnDetail> {
  const topSql = topValuesSql(table, column);
  sql.push(topSql);
  const { distinct, nonNull, values: top } = readTopValues((await engine.query(topSql)).table);
  const plan = planBins(column);
  if (!plan) return { distinct, nonNull, top, histogram: null };
  const binSql = histogramSql(table, column, plan);
  sql.push(binSql);
  return { distinct, nonNull, top, histogram: { bins: readHistogram((await engine.query(binSql)).table, plan), discrete: plan.discrete } };
}

export async function profileTable(engine: Engine, table: string, listener: ProfileListener = {}): Promise<ProfileRun | null> {
  const current = listener.isCurrent ?? (() => true);
  const started = performance.now();
  const sql = [describeSql(table)];
  const columns = readColumns((await engine.query(sql[0]!)).table);
  if (!current()) return null;
  sql.push(summarySql(table, columns));
  const summary = readSummary((await engine.query(sql[1]!)).table, columns);
  if (!current()) return null;
  listener.onSummary?.(summary);
  const details: ColumnDetail[] = [];
  for (const [i, column] of summary.columns.entries()) {
    if (!current()) return null;
    const detail = await columnDetail(engine, table, column, sql);
    if (!current()) return null;
    details.push(detail);
    listener.onColumn?.(i, detail);
  }
  const ended = performance.now();
  // Like engine-query and pivot-run: the latest profile's timing on the performance timeline, for the benchmark.
  performance.clearMeasures('profile-run');
  performance.measure('profile-run', { start: started, end: ended, detail: { table, queries: sql.length } });
  return { table, summary, details, sql, elapsedMs: ended - started };
}
