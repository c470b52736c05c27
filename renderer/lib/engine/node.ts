// Engine layer, Node only: duckdb-wasm's blocking Node build behind the Engine interface, so unit tests and
// scripts run the very engine the page runs (same wasm, same SQL dialect), without a browser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import {
  createDuckDB,
  NODE_RUNTIME,
  VoidLogger,
  type DuckDBConnection,
} from '@duckdb/duckdb-wasm/blocking';
import { createTableSql, datasetFileName } from './dataset-sql.ts';
import { lockdownStatements } from './lockdown.ts';
import { quoteString } from '../query/quote.ts';
import type { DatasetDef } from './manifest.ts';
import { BEGIN_READ_ONLY, END_READ_ONLY, readOnlyFailureKind } from './read-only.ts';
import { QueryError, type Engine, type EngineInfo, type QueryOptions, type QueryResult } from './types.ts';

const require = createRequire(import.meta.url);
type DuckDBNodeBindings = Awaited<ReturnType<typeof createDuckDB>>;

export class NodeEngine implements Engine {
  private db: DuckDBNodeBindings | null = null;
  private conn: DuckDBConnection | null = null;

  /** `memoryLimit` is DuckDB's (the page's, 1.5 GiB, by default); tests of running out of memory set it lower. */
  constructor(private readonly options: { memoryLimit?: string } = {}) {}

  async open(): Promise<EngineInfo> {
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
    const bundles = {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    };
    const db = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
    await db.instantiate(() => {});
    db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    this.db = db;
    this.conn = db.connect();
    for (const sql of lockdownStatements('http://127.0.0.1:9/extensions', this.options.memoryLimit)) await this.query(sql);
    const threads = Number((await this.query('SELECT current_setting(\'threads\') AS t')).table.getChild('t')?.get(0));
    return { duckdbVersion: db.getVersion(), bundle: 'node-eh', threads, crossOriginIsolated: false };
  }

  async loadDataset(def: DatasetDef, bytes: Uint8Array): Promise<void> {
    this.bindings().registerFileBuffer(datasetFileName(def), bytes);
    await this.query(createTableSql(def));
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const conn = this.connection();
    const started = performance.now();
    let table: Table;
    if (options.readOnly) conn.query(BEGIN_READ_ONLY);
    try {
      if (options.readOnly) {
        const statement = conn.prepare(sql); // one statement by construction: DuckDB refuses to prepare several
        try {
          table = statement.query() as unknown as Table;
        } finally {
          statement.close();
        }
      } else table = conn.query(sql) as unknown as Table;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new QueryError(sql, message, options.readOnly ? readOnlyFailureKind(message) : 'sql');
    } finally {
      if (options.readOnly) {
        try {
          conn.query(END_READ_ONLY);
        } catch {
          // the statement may itself have ended the transaction
        }
      }
    }
    return { sql, table, elapsedMs: performance.now() - started };
  }

  async registerFile(name: string, data: Uint8Array | Blob): Promise<string> {
    this.bindings().registerFileBuffer(name, data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer()));
    return name;
  }

  async dropFile(name: string): Promise<void> {
    try {
      this.bindings().dropFile(name);
    } catch {
      // not registered: nothing to free
    }
  }

  async copyToBytes(query: string, copyOptions: string): Promise<Uint8Array> {
    // The Node build writes COPY's output through the real file system (a registered buffer stays empty), so it goes
    // to a private temporary folder that is removed however the COPY ends.
    const dir = mkdtempSync(join(tmpdir(), 'idmg-copy-'));
    const path = join(dir, 'out');
    try {
      await this.query(`COPY (${query}) TO ${quoteString(path)} (${copyOptions})`);
      return new Uint8Array(readFileSync(path));
    } finally {
      await this.dropFile(path);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async insertArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    try {
      this.connection().insertArrowFromIPCStream(ipcStream, { name: table, create: true });
    } catch (err) {
      throw new QueryError(`-- insert Arrow into ${table}`, err instanceof Error ? err.message : String(err));
    }
  }

  async cancel(): Promise<boolean> {
    return false; // the blocking build runs each query to completion before returning
  }

  async close(): Promise<void> {
    this.conn?.close();
    this.conn = null;
    this.db?.reset();
    this.db = null;
  }

  private bindings(): DuckDBNodeBindings {
    if (!this.db) throw new Error('The engine is not open.');
    return this.db;
  }

  private connection(): DuckDBConnection {
    if (!this.conn) throw new Error('The engine is not open.');
    return this.conn;
  }
}
