// State layer: the column profile of one table — its summary (one scan), then each column's distinct count, top
// values and histogram as they arrive. Keyed on the table's name (built-in, imported or made in a console) with a
// readable title. Switching to another table, reloading or leaving makes the earlier run stale: it stops before
// its next query and leaves nothing behind.
import { profileTable, type ColumnDetail } from '../lib/engine/profile-runner.ts';
import type { TableSummary } from '../lib/query/profile/summary.ts';
import { QueryError, type Engine } from '../lib/engine/types.ts';
import { explainQueryError, type ExplainedError } from '../lib/engine/explain-error.ts';

export class ProfileState {
  table = $state('');
  title = $state('');
  summary = $state.raw<TableSummary | null>(null);
  /** By column index; undefined until that column's values are counted. */
  details = $state.raw<(ColumnDetail | undefined)[]>([]);
  running = $state(false);
  error = $state.raw<ExplainedError | null>(null);
  elapsedMs = $state<number | null>(null);
  /** Every table the profile could show instead (built-in and created in this session), once asked for. */
  tables = $state.raw<string[]>([]);
  private generation = 0;

  constructor(
    private readonly engine: () => Engine | null,
    table: string,
    title = table,
    private readonly listTables: () => Promise<string[]> = async () => [],
  ) {
    this.table = table;
    this.title = title;
  }

  /** Profile another table (its name is its title unless given). */
  show(table: string, title = table): Promise<void> {
    this.table = table;
    this.title = title;
    return this.load();
  }

  async load(): Promise<void> {
    const engine = this.engine();
    const mine = ++this.generation;
    const current = () => mine === this.generation;
    this.summary = null;
    this.details = [];
    this.error = null;
    this.elapsedMs = null;
    if (!engine) return;
    this.running = true;
    try {
      const run = await profileTable(engine, this.table, {
        isCurrent: current,
        onSummary: (s) => {
          this.summary = s;
          this.details = new Array<ColumnDetail | undefined>(s.columns.length).fill(undefined);
        },
        onColumn: (i, d) => {
          const next = [...this.details];
          next[i] = d;
          this.details = next;
        },
      });
      if (run && current()) this.elapsedMs = run.elapsedMs;
    } catch (err) {
      if (current()) this.error = err instanceof QueryError ? explainQueryError(err.engineMessage, err.kind, err.subject) : explainQueryError(err instanceof Error ? err.message : String(err));
    } finally {
      if (current()) this.running = false;
    }
  }

  async loadTables(): Promise<void> {
    this.tables = await this.listTables().catch(() => [this.table]);
  }

  /** The profile is no longer wanted (its tab closed): a run in progress stops before its next query. */
  stop(): void {
    this.generation += 1;
    this.running = false;
  }
}
