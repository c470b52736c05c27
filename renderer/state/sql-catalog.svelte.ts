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
  private reading: { engine: Engine; done: Promise<void>; again: Promise<void> | null } | null = null;

  constructor(private readonly engine: () => Engine | null) {}

  /**
   * Reads the catalog again. Asked while a read is under way on the same engine, one more read follows it (that one
   * may have read the tables before the change that asks); several such asks share it. A read on an engine since
   * replaced (restarted after a cancel that would not land) is left to itself, as it may never answer.
   */
  refresh(): Promise<void> {
    const engine = this.engine();
    if (!engine) return Promise.resolve();
    const current = this.reading;
    if (current?.engine === engine) return (current.again ??= current.done.then(() => this.refresh()));
    const reading = { engine, again: null, done: this.read(engine).finally(() => (this.reading = this.reading === reading ? null : this.reading)) };
    this.reading = reading;
    return reading.done;
  }

  private async read(engine: Engine): Promise<void> {
    try {
      const fixed = this.fixedFor === engine ? this.catalog : { ...this.catalog, ...(await readCatalogFunctions(engine)) };
      const tables = await readCatalogTables(engine);
      if (this.engine() !== engine) return; // replaced meanwhile: its catalog is no longer the one queries run on
      this.fixedFor = engine;
      this.catalog = { ...fixed, tables };
    } catch {
      // the engine is busy elsewhere, restarting or gone: the catalog known so far still serves
    }
  }

  /** What to offer at `pos` in `text`, from the catalog as last read. */
  readonly complete = (text: string, pos: number, explicit: boolean): CompletionResult | null => completeSql(text, pos, this.catalog, explicit);
}
