// State layer: one SQL console tab — the text, the running flag, the last result (kept as Arrow, never turned
// into JS objects) or the last error in words. A failed query leaves the previous tables untouched.
import { explainQueryError, type ExplainedError } from '../lib/engine/explain-error.ts';
import { QueryError, type Engine, type QueryResult } from '../lib/engine/types.ts';

export class SqlConsoleState {
  sql = $state('');
  running = $state(false);
  result = $state.raw<QueryResult | null>(null);
  error = $state.raw<ExplainedError | null>(null);
  /** Set when the last run was cancelled by the user: not an error, and the previous result stays. */
  cancelled = $state(false);
  private cancelRequested = false;

  constructor(
    private readonly engine: () => Engine | null,
    initialSql = '',
  ) {
    this.sql = initialSql;
  }

  async run(): Promise<void> {
    const engine = this.engine();
    const sql = this.sql.trim();
    if (!engine || this.running || sql === '') return;
    this.running = true;
    this.cancelRequested = false;
    this.cancelled = false;
    try {
      this.result = await engine.query(sql);
      this.error = null;
    } catch (err) {
      if (this.cancelRequested) {
        this.cancelled = true;
        this.error = null;
      } else {
        const message = err instanceof QueryError ? err.engineMessage : err instanceof Error ? err.message : String(err);
        this.error = explainQueryError(message);
      }
    } finally {
      this.running = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelRequested = true;
    await this.engine()?.cancel();
  }
}
