// State layer: one SQL console tab — the text, the running flag, the last result (kept as Arrow, never turned
// into JS objects) or the last error in words. A failed query leaves the previous tables untouched. It also knows
// whether its text is saved: typed SQL that differs from what it was opened with or last saved is unsaved work.
import { explainQueryError, type ExplainedError } from '../lib/engine/explain-error.ts';
import { QueryError, type Engine, type QueryResult } from '../lib/engine/types.ts';
import { changedTable } from '../lib/query/statements.ts';

const STUCK_AFTER_MS = 3000;

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
  /** The SQL as opened or last saved: typing that differs from it is not saved. */
  private baseline = $state('');
  private cancelRequested = false;

  constructor(
    private readonly engine: () => Engine | null,
    initialSql = '',
    private readonly afterQuery: () => unknown = () => undefined,
    savedName: string | null = null,
    savedVersion: string | null = null,
    /** The built-in tables of published figures, which SQL typed here may read but never change. */
    private readonly published: () => readonly string[] = () => [],
  ) {
    this.sql = initialSql;
    this.baseline = initialSql;
    this.savedName = savedName;
    this.savedVersion = savedVersion;
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

  async run(): Promise<void> {
    const engine = this.engine();
    const sql = this.sql.trim();
    if (!engine || this.running || sql === '') return;
    const table = changedTable(sql, this.published());
    if (table) {
      this.error = explainQueryError(`Refused: this SQL would change ${table}, a table of published figures.`, 'published-table', table);
      return;
    }
    this.running = true;
    this.restarted = false;
    this.cancelRequested = false;
    this.cancelled = false;
    try {
      this.result = await engine.query(sql);
      this.error = null;
      await this.afterQuery();
    } catch (err) {
      if (this.cancelRequested) {
        this.cancelled = true;
        this.error = null;
      } else {
        this.error = err instanceof QueryError ? explainQueryError(err.engineMessage, err.kind, err.subject) : explainQueryError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      this.running = false;
    }
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
