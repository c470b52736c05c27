// Engine layer: the one Engine interface the app and the tests use. Three implementations share it: native DuckDB
// in an engine-host process (native.ts, the desktop app's and web mode's engine), duckdb-wasm in a Web Worker for a
// page opened without a server (browser.ts), and duckdb-wasm's Node build for tests (node.ts).
import type { Table } from 'apache-arrow';
import type { DatasetDef } from './manifest.ts';

/** duckdb-wasm's bundles (in the page, or its Node build in tests), or 'native': DuckDB in an engine-host process. */
export type Bundle = 'eh' | 'coi' | 'mvp' | 'node-eh' | 'native';

export interface EngineInfo {
  /** DuckDB's own version string, e.g. "v1.4.3". */
  duckdbVersion: string;
  bundle: Bundle;
  threads: number;
  crossOriginIsolated: boolean;
  /** DuckDB's memory_limit as it reports it ("14.4 GiB"); the native engine says, duckdb-wasm's is fixed (lockdown.ts). */
  memoryLimit?: string;
}

export interface QueryResult {
  sql: string;
  table: Table;
  elapsedMs: number;
}

export interface Engine {
  open(): Promise<EngineInfo>;
  /** Registers the dataset's CSV bytes (ownership passes to the engine) and creates its typed table. */
  loadDataset(def: DatasetDef, bytes: Uint8Array): Promise<void>;
  /**
   * Runs SQL. With `readOnly`, the SQL must be one statement that changes nothing: it is prepared (DuckDB refuses
   * several statements at once) and run in a read-only transaction (DuckDB refuses any write), so SQL a pack re-runs
   * at every rebuild can never alter data, whatever its text.
   */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Makes bytes readable by SQL and resolves to the file name SQL reads them by (read_csv('…')): the name itself in
   * duckdb-wasm's virtual file system, a path in its own files folder for the native engine. A Blob (a picked or
   * stored file) is read by the engine in pieces as SQL needs it, never whole into the page's memory; bytes pass to
   * the engine.
   */
  registerFile(name: string, data: Uint8Array | Blob): Promise<string>;
  /** Forgets a registered file (its bytes are freed); unknown names are ignored. */
  dropFile(name: string): Promise<void>;
  /**
   * Runs `COPY (query) TO <a file of the engine's own> (copyOptions)` and returns that file's bytes; the file is
   * gone afterwards. The caller owns the format (e.g. `FORMAT csv, …`); the engine owns where the file lives (a buffer
   * in the page's worker, a temporary file for the Node build), so SQL never names a path.
   */
  copyToBytes(query: string, copyOptions: string): Promise<Uint8Array>;
  /** Creates `table` (a plain, unquoted name) from an Arrow IPC stream; the table must not exist yet. */
  insertArrow(table: string, ipcStream: Uint8Array): Promise<void>;
  /** Cancels the running query, if any; resolves true when one was cancelled. */
  cancel(): Promise<boolean>;
  close(): Promise<void>;
}

export interface QueryOptions {
  readOnly?: boolean;
  /**
   * Told the result's first rows, when the engine can read them before the rest (a long result starts to show at
   * once): a table of the first batches, whose rows are the whole result's first rows. The query's promise still
   * resolves with the whole result, or rejects as before. Engines that cannot stream never call it.
   */
  onFirstRows?: (first: QueryResult) => void;
}

/**
 * Why SQL was refused or failed: `sql` — the engine's own error; `several-statements` and `writes` — a read-only run
 * was given more than one statement, or a statement that would change data; `published-table` — the SQL would
 * change a built-in table of published figures; `not-allowed` — the native engine refuses the statement whatever its
 * text (ATTACH, COPY to a file, INSTALL/LOAD, EXPORT); `engine-stopped` — the engine's worker or process ended.
 */
export type QueryErrorKind = 'sql' | 'several-statements' | 'writes' | 'published-table' | 'out-of-memory' | 'not-allowed' | 'engine-stopped';

/** DuckDB's own out-of-memory failure (it stops cleanly at its memory limit): the one place its text is matched. */
const OUT_OF_MEMORY = /Out of Memory Error/i;

/** The engine's message when its worker has stopped (out of memory, crashed): only a restart helps. */
export const ENGINE_STOPPED = 'Engine stopped: the database worker can no longer answer (most likely it ran out of memory).';

/** A SQL error from the engine, kept apart from other failures so the UI can show it as the user's query problem. */
export class QueryError extends Error {
  /** Why it failed: 'sql' (the engine's own error) is made 'out-of-memory' when the engine ran out of memory. */
  readonly kind: QueryErrorKind;

  constructor(
    readonly sql: string,
    readonly engineMessage: string,
    kind: QueryErrorKind = 'sql',
    /** What a refusal is about (the published table's name), for its wording. */
    readonly subject = '',
  ) {
    super(engineMessage);
    this.name = 'QueryError';
    this.kind = kind !== 'sql' ? kind : engineMessage.startsWith(ENGINE_STOPPED) ? 'engine-stopped' : OUT_OF_MEMORY.test(engineMessage) ? 'out-of-memory' : kind;
  }
}
