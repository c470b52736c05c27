// Engine layer, page only: duckdb-wasm running in its own Web Worker. The wasm and worker files are bundled
// with the app (Vite `?url` imports) — never a CDN. The single-threaded eh bundle is the default: measured here,
// the threaded coi bundle (duckdb-wasm 1.32.0) returns failed or wrong results once its heap has grown from a
// pthread (after a few large queries), and a cancel does not always stop it. `threads: true` still selects coi
// when the page is cross-origin isolated (app:// and the web-mode server send COOP/COEP), for trying it out.
import { Table, type RecordBatch } from 'apache-arrow';
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { createTableSql, datasetFileName } from './dataset-sql.ts';
import { lockdownStatements } from './lockdown.ts';
import { measureQuery } from './query-measure.ts';
import { quoteString } from '../query/quote.ts';
import type { DatasetDef } from './manifest.ts';
import { BEGIN_READ_ONLY, END_READ_ONLY, readOnlyFailureKind } from './read-only.ts';
import { ENGINE_STOPPED, QueryError, type Engine, type EngineInfo, type QueryOptions, type QueryResult } from './types.ts';

/** DuckDB's own words for a query it interrupted, used when reading a streamed result stops at a cancel. */
const INTERRUPTED = 'INTERRUPT Error: Interrupted!';

const BUNDLES: duckdb.DuckDBBundles = {
  // selectBundle needs an mvp entry; it is only taken by browsers without wasm exceptions, which we do not ship for.
  mvp: { mainModule: ehWasm, mainWorker: ehWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
  coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread },
};

export class BrowserEngine implements Engine {
  constructor(private readonly options: { threads: boolean } = { threads: false }) {}

  private db: duckdb.AsyncDuckDB | null = null;
  private conn: duckdb.AsyncDuckDBConnection | null = null;
  private worker: Worker | null = null;
  /** One connection runs one pending query at a time; queries queue behind each other in order. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Names COPY output files uniquely within this engine. */
  private copies = 0;
  /** Set by cancel(): a streamed result being read stops at its next batch (cancelSent only stops a pending query). */
  private cancelling = false;

  async open(): Promise<EngineInfo> {
    const bundle = await duckdb.selectBundle(this.options.threads ? BUNDLES : { mvp: BUNDLES.mvp, eh: BUNDLES.eh });
    this.worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), this.worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const coi = bundle.pthreadWorker !== null;
    await db.open({
      path: ':memory:',
      maximumThreads: coi ? Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4)) : 1,
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
    });
    this.db = db;
    this.conn = await db.connect();
    for (const sql of lockdownStatements(new URL('extensions/', location.href).href)) await this.query(sql);
    const threads = Number((await this.query("SELECT current_setting('threads') AS t")).table.getChild('t')?.get(0));
    return { duckdbVersion: await db.getVersion(), bundle: coi ? 'coi' : 'eh', threads, crossOriginIsolated };
  }

  async loadDataset(def: DatasetDef, bytes: Uint8Array): Promise<void> {
    if (!this.db) throw new Error('The engine is not open.');
    await this.db.registerFileBuffer(datasetFileName(def), bytes);
    await this.query(createTableSql(def));
  }

  async registerFile(name: string, data: Uint8Array | Blob): Promise<string> {
    if (!this.db) throw new Error('The engine is not open.');
    if (data instanceof Uint8Array) await this.db.registerFileBuffer(name, data);
    // The worker reads a Blob with FileReaderSync, a piece at a time, as DuckDB asks for byte ranges.
    else await this.db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    return name;
  }

  async dropFile(name: string): Promise<void> {
    await this.db?.dropFile(name).catch(() => undefined);
  }

  copyToBytes(query: string, copyOptions: string): Promise<Uint8Array> {
    // COPY, read back and drop share one turn of the queue, so no other query can see or reuse the file between them.
    const run = this.queue.then(async () => {
      const db = this.db;
      if (!db) throw new Error('The engine is not open.');
      const name = `copy-${++this.copies}.out`;
      // A file registered as an empty buffer keeps COPY's output in the worker's memory, never the browser's storage.
      await db.registerEmptyFileBuffer(name);
      try {
        await this.runNow(`COPY (${query}) TO ${quoteString(name)} (${copyOptions})`);
        return await db.copyFileToBuffer(name);
      } finally {
        await db.dropFile(name).catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  insertArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const run = this.queue.then(async () => {
      if (!this.conn) throw new Error('The engine is not open.');
      try {
        await this.conn.insertArrowFromIPCStream(ipcStream, { name: table, create: true });
      } catch (err) {
        throw new QueryError(`-- insert Arrow into ${table}`, err instanceof Error ? err.message : String(err));
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    // The read-only transaction and its statement share one turn of the queue: nothing else can run inside it.
    const run = this.queue.then(() => (options.readOnly ? this.runReadOnly(sql) : this.runNow(sql, false, options.onFirstRows)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runReadOnly(sql: string): Promise<QueryResult> {
    await this.runNow(BEGIN_READ_ONLY);
    try {
      return await this.runNow(sql, true);
    } catch (err) {
      if (err instanceof QueryError && err.kind === 'sql') throw new QueryError(sql, err.engineMessage, readOnlyFailureKind(err.engineMessage));
      throw err;
    } finally {
      await this.runNow(END_READ_ONLY).catch(() => undefined); // the statement may itself have ended the transaction
    }
  }

  /**
   * Runs one statement. With `onFirstRows` the result is streamed (DuckDB produces it as it is read, so the first
   * batches come at once) and they are handed over before the rest is read.
   */
  private async runNow(sql: string, prepared = false, onFirstRows?: (first: QueryResult) => void): Promise<QueryResult> {
    const conn = this.conn;
    if (!conn) throw new Error('The engine is not open.');
    const started = performance.now();
    this.cancelling = false;
    let table: Table;
    let statement: Awaited<ReturnType<typeof conn.prepare>> | null = null;
    try {
      // send() runs as a pending query in the worker, so cancel() can interrupt it; query() could not be. A prepared
      // statement is one statement by construction (DuckDB refuses to prepare several).
      statement = prepared ? await conn.prepare(sql) : null;
      const reader = statement ? await statement.send() : await conn.send(sql, onFirstRows !== undefined);
      // duckdb-wasm answers undefined once its worker has died (e.g. the wasm heap ran out of memory).
      if (!reader || this.db?.isDetached()) throw new Error(ENGINE_STOPPED);
      const batches: RecordBatch[] = [];
      for await (const batch of reader) {
        // The streamed result stays open on the connection; the next statement closes it.
        if (this.cancelling) throw new Error(INTERRUPTED);
        batches.push(batch);
        // Handed over once a second batch shows there is more: a result of one batch comes whole, never in part.
        if (batches.length === 2) onFirstRows?.({ sql, table: new Table(batches), elapsedMs: performance.now() - started });
      }
      table = batches.length > 0 ? new Table(batches) : new Table(reader.schema);
    } catch (err) {
      // A RangeError here means the worker read a result through a stale view of wasm memory that another thread
      // grew (seen in the coi bundle after large tables): its answers can no longer be trusted.
      if (err instanceof Error && err.name === 'RangeError') throw new QueryError(sql, `${ENGINE_STOPPED} (${err.message})`);
      throw new QueryError(sql, err instanceof Error ? err.message : String(err));
    } finally {
      await statement?.close().catch(() => undefined);
    }
    const ended = performance.now();
    measureQuery(started, ended, { sql });
    return { sql, table, elapsedMs: ended - started };
  }

  async cancel(): Promise<boolean> {
    if (!this.conn) return false;
    this.cancelling = true;
    return this.conn.cancelSent();
  }

  async close(): Promise<void> {
    // Terminating the worker ends every query and frees its memory at once; a polite disconnect could wait forever
    // behind a query that will not stop.
    await this.db?.terminate();
    this.conn = null;
    this.db = null;
    this.worker = null;
  }
}
