// State layer: one SQL console tab — the text, the running flag, the last result (kept as Arrow, never turned
// into JS objects) or the last error in words. A failed query leaves the previous tables untouched. It also knows
// whether its text is saved: typed SQL that differs from what it was opened with or last saved is unsaved work.
import { explainQueryError, type ExplainedError } from '../lib/engine/explain-error.ts';
import { QueryError, type Engine, type QueryResult } from '../lib/engine/types.ts';
import { errorPosition, lineAndColumn } from '../lib/query/error-position.ts';
import { changedTable, statementRanges } from '../lib/query/statements.ts';
import type { RunRecord } from '../lib/query/run-history.ts';
import { canSortResult, nextSort, sortedSql, type ResultSort } from '../lib/query/sort-result.ts';
import { canExportResult } from '../lib/query/result-export.ts';
import { NOT_A_QUERY, ResultExportState, type ResultExportOptions } from './result-export.svelte.ts';

const STUCK_AFTER_MS = 3000;
/** Now, as ISO text (a timestamp, not reactive state). */
const nowIso = () => new Date().toISOString();

/** What to run: the editor's whole text, its selection or the statement under the cursor, and where that starts. */
export interface RunTarget {
  sql: string;
  /** Index in the editor's text where `sql` starts, so an error's position can be shown in the editor. */
  offset: number;
}

/** One statement of a run, as the log of a run of several shows it. */
export interface RunLogEntry {
  sql: string;
  outcome: 'done' | 'failed' | 'cancelled' | 'not run';
  /** Rows of its result (for a change, DuckDB's one-row count). */
  rows: number | null;
  elapsedMs: number | null;
}

/** A failure of a query, in words (the engine's own message kept). */
function explained(err: unknown): ExplainedError {
  if (err instanceof QueryError) return explainQueryError(err.engineMessage, err.kind, err.subject);
  return explainQueryError(err instanceof Error ? err.message : String(err));
}

export interface SqlConsoleOptions {
  engine: () => Engine | null;
  /** The text it opens with. */
  sql?: string;
  /** After a run with a result: what else must follow (pivots forget their aggregates, completion reads again). */
  afterQuery?: () => unknown;
  /** The name and savedAt of the saved query it opens, if any. */
  savedName?: string | null;
  savedVersion?: string | null;
  /** The built-in tables of published figures, which SQL typed here may read but never change. */
  published?: () => readonly string[];
  /** Told of every run as it ends, for the history. */
  recordRun?: (run: RunRecord) => void;
  /** What an export of the whole result needs besides the engine (synthetic data, the app's version). */
  exports?: Omit<ResultExportOptions, 'engine'>;
}

export class SqlConsoleState {
  sql = $state('');
  running = $state(false);
  result = $state.raw<QueryResult | null>(null);
  error = $state.raw<ExplainedError | null>(null);
  /** Set when the last run was cancelled by the user: not an error, and the previous result stays. */
  cancelled = $state(false);
  /** Between a cancel and the engine being free again (DuckDB stops a query at its next task boundary). */
  stopping = $state(false);
  /** The engine has not freed itself a few seconds after a cancel: the console offers to restart it. */
  stuck = $state(false);
  /** Set after an engine restart, until the next query: tables created earlier are gone. */
  restarted = $state(false);
  /** The name this console's SQL was saved under, if it was. */
  savedName = $state<string | null>(null);
  /** When that saved query was saved (its savedAt), to notice a save of the same name from another window. */
  savedVersion: string | null = null;
  /** The statements of the last run, each with its outcome (a run of one statement has one entry). */
  log = $state.raw<RunLogEntry[]>([]);
  /** Where in the editor's text the engine placed the last error (an index, and its line and column), when it said. */
  errorAt = $state.raw<{ offset: number; line: number; column: number } | null>(null);
  /**
   * True while the result on show is the first rows of a run whose rest the engine is still reading (running stays
   * true until the whole result is in).
   */
  reading = $state(false);
  /** Which result is on show: a new run or sort makes a new one; the whole result following its first rows does not. */
  resultId = $state(0);
  /** The column the result is sorted by (a header clicked), if any. */
  sort = $state.raw<ResultSort | null>(null);
  /** The result's own SQL before a sort; null while its result cannot be sorted (not a query). */
  private unsorted = $state<string | null>(null);
  /** The SQL as opened or last saved: typing that differs from it is not saved. */
  private baseline = $state('');
  private cancelRequested = false;
  /** Exports of the whole result (CSV, XLSX, Parquet), with their progress. */
  readonly exporter: ResultExportState;

  private readonly engine: () => Engine | null;
  private readonly afterQuery: () => unknown;
  private readonly published: () => readonly string[];
  private readonly recordRun: (run: RunRecord) => void;

  constructor(options: SqlConsoleOptions) {
    this.engine = options.engine;
    this.afterQuery = options.afterQuery ?? (() => undefined);
    this.published = options.published ?? (() => []);
    this.recordRun = options.recordRun ?? (() => undefined);
    this.sql = options.sql ?? '';
    this.baseline = this.sql;
    this.savedName = options.savedName ?? null;
    this.savedVersion = options.savedVersion ?? null;
    this.exporter = new ResultExportState({ engine: options.engine, synthetic: () => false, appVersion: 'dev', ...options.exports });
  }

  /** Why the result cannot be exported, or null when it can (a statement that changed something is never rerun). */
  get exportRefusal(): string | null {
    if (!this.result) return 'Run a query first.';
    return canExportResult(this.result.sql) ? null : NOT_A_QUERY;
  }

  /** Typed SQL not saved anywhere: neither what the console was opened with nor what it last saved. */
  get unsaved(): boolean {
    const sql = this.sql.trim();
    return sql !== '' && sql !== this.baseline.trim();
  }

  /** The console's SQL was saved as this query. */
  markSaved(name: string, sql: string, savedAt: string): void {
    this.savedName = name;
    this.baseline = sql;
    this.savedVersion = savedAt;
  }

  /**
   * Runs the editor's text (or part of it: `target`) statement by statement: the last result is shown, each
   * statement's outcome goes in the log, and the first failure stops the run with its place marked in the editor.
   */
  async run(target: RunTarget = { sql: this.sql, offset: 0 }): Promise<void> {
    const engine = this.engine();
    const ranges = statementRanges(target.sql);
    if (!engine || this.running || ranges.length === 0) return;
    const at = nowIso();
    const started = performance.now();
    const table = changedTable(target.sql, this.published());
    if (table) {
      this.error = explainQueryError(`Refused: this SQL would change ${table}, a table of published figures.`, 'published-table', table);
      this.errorAt = null;
      this.recordRun({ sql: target.sql, at, elapsedMs: 0, rows: null, outcome: 'failed', error: this.error.summary, statements: ranges.length });
      return;
    }
    this.running = true;
    this.restarted = false;
    this.cancelRequested = false;
    this.cancelled = false;
    this.errorAt = null;
    const log: RunLogEntry[] = ranges.map((r) => ({ sql: target.sql.slice(r.from, r.to), outcome: 'not run', rows: null, elapsedMs: null }));
    this.log = log;
    let last: QueryResult | null = null;
    // What was on show, put back if the run's first rows were shown but the run then failed or was cancelled.
    const before = { result: this.result, sort: this.sort, unsorted: this.unsorted };
    /** The last statement's first rows, shown while the engine reads the rest. */
    const firstRows = (first: QueryResult) => {
      if (this.cancelRequested) return;
      this.result = first;
      this.sort = null;
      this.unsorted = null;
      this.resultId += 1;
      this.reading = true;
    };
    try {
      for (const [k, range] of ranges.entries()) {
        if (this.cancelRequested) {
          // Cancelled between two statements: the rest are not run.
          this.cancelled = true;
          break;
        }
        try {
          last = await engine.query(log[k]!.sql, k === ranges.length - 1 ? { onFirstRows: firstRows } : {});
          log[k] = { ...log[k]!, outcome: 'done', rows: last.table.numRows, elapsedMs: last.elapsedMs };
        } catch (err) {
          log[k] = { ...log[k]!, outcome: this.cancelRequested ? 'cancelled' : 'failed' };
          this.failed(err, target.offset + range.from, log[k]!.sql);
          break;
        } finally {
          this.log = [...log];
        }
      }
      if (last) {
        // The whole of the result whose first rows are on show is that result grown; anything else is a new one.
        if (!(this.reading && log.at(-1)!.outcome === 'done')) this.resultId += 1;
        this.result = last;
        this.sort = null;
        this.unsorted = canSortResult(last.sql) ? last.sql : null;
      } else if (this.reading) {
        this.result = before.result;
        this.sort = before.sort;
        this.unsorted = before.unsorted;
        this.resultId += 1;
      }
      if (log.every((e) => e.outcome === 'done')) this.error = null;
    } finally {
      this.running = false;
      this.reading = false;
    }
    const failed = log.some((e) => e.outcome === 'failed');
    this.recordRun({
      sql: target.sql,
      at,
      elapsedMs: Math.round(performance.now() - started),
      rows: failed || this.cancelled ? null : (last?.table.numRows ?? null),
      outcome: this.cancelled ? 'cancelled' : failed ? 'failed' : 'done',
      error: failed ? (this.error?.engineMessage.split('\n')[0] ?? null) : null,
      statements: ranges.length,
    });
    // The run is over when its result shows: the next one may start at once. What follows a run (pivots forget their
    // cached aggregates, completion reads the tables again) does not hold the console, since a run typed meanwhile
    // would otherwise be refused while an older result is on screen.
    if (last) await this.afterQuery();
  }

  /** Whether the result can be sorted by a header (it came from a query, not a change). */
  get sortable(): boolean {
    return this.unsorted !== null;
  }

  /**
   * A header clicked: the result's query runs again inside ORDER BY that column — ascending, then descending, then
   * as the query gave it (lib/query/sort-result.ts). Read-only: a sort can never change a table.
   */
  async sortBy(column: string): Promise<void> {
    const engine = this.engine();
    const base = this.unsorted;
    if (!engine || base === null || this.running) return;
    const sort = nextSort(this.sort, column);
    this.running = true;
    this.cancelRequested = false;
    this.cancelled = false;
    try {
      this.result = await engine.query(sortedSql(base, sort), { readOnly: true });
      this.resultId += 1;
      this.sort = sort;
      this.error = null;
    } catch (err) {
      if (this.cancelRequested) this.cancelled = true;
      else this.error = explained(err);
    } finally {
      this.running = false;
    }
  }

  /** A statement starting at `offset` of the editor's text failed: the error in words, and where it lies. */
  private failed(err: unknown, offset: number, sql: string): void {
    if (this.cancelRequested) {
      this.cancelled = true;
      this.error = null;
      return;
    }
    this.error = explained(err);
    const at = errorPosition(this.error.engineMessage, sql);
    if (!at) return;
    const spot = offset + at.offset;
    this.errorAt = { offset: spot, ...lineAndColumn(this.sql, spot) };
  }

  async cancel(): Promise<void> {
    const engine = this.engine();
    if (!this.running || !engine) return;
    this.cancelRequested = true;
    this.stopping = true;
    const watchdog = setTimeout(() => (this.stuck = this.stopping), STUCK_AFTER_MS);
    try {
      await engine.cancel();
      await engine.query('SELECT 1'); // queued behind the cancelled query: resolves once the engine is free
    } catch {
      // the probe only waits; the cancelled query's own outcome is reported by run()
    } finally {
      clearTimeout(watchdog);
      this.stopping = false;
      this.stuck = false;
    }
  }

  /** The engine was replaced: whatever this console was waiting for will never answer. */
  engineRestarted(): void {
    this.running = false;
    this.stopping = false;
    this.stuck = false;
    this.restarted = true;
  }
}
