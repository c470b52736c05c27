// State layer: the engine's catalog as the SQL editor completes from it. Functions and keywords are read once per
// engine; tables and views again after every run and whenever an editor takes focus, so a table made or imported a
// moment ago is offered. A failed read keeps what was known (completion is a help, never a reason to fail).
import type { Engine } from '../lib/engine/types.ts';
import { completeSql, type CompletionResult, type SqlCatalog } from '../lib/query/completion.ts';
import { readCatalogFunctions, readCatalogTables } from '../lib/services/sql-catalog.ts';

const EMPTY: SqlCatalog = { tables: [], functions: [], keywords: [], reserved: [] };

export class SqlCatalogState {
  catalog = $state.raw<SqlCatalog>(EMPTY);
  private fixedFor: Engine | null = null;
  private reading: Promise<void> | null = null;

  constructor(private readonly engine: () => Engine | null) {}

  /** Reads the catalog again (a read under way is joined rather than repeated). */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  private async read(): Promise<void> {
    const engine = this.engine();
    if (!engine) return;
    try {
      const fixed = this.fixedFor === engine ? this.catalog : { ...this.catalog, ...(await readCatalogFunctions(engine)) };
      this.fixedFor = engine;
      this.catalog = { ...fixed, tables: await readCatalogTables(engine) };
    } catch {
      // the engine is busy elsewhere, restarting or gone: the catalog known so far still serves
    }
  }

  /** What to offer at `pos` in `text`, from the catalog as last read. */
  readonly complete = (text: string, pos: number, explicit: boolean): CompletionResult | null => completeSql(text, pos, this.catalog, explicit);
}
