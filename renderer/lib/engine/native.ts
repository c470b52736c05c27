// Engine layer: the native engine's client. Native DuckDB runs in an engine-host process (electron/engine-host) —
// a utilityProcess in the desktop app, a child of web mode's server, a child of the test runner — and this class
// speaks the engine protocol (electron/engine-contract.ts) to it through a transport, so the rest of the app sees
// the same Engine as duckdb-wasm's. Results arrive as Arrow IPC and stay Arrow.
import { Table, tableFromIPC } from 'apache-arrow';
import type { EngineFrame, EngineReply, EngineRequest } from '../../../electron/engine-contract.ts';
import { createTableSql, datasetFileName } from './dataset-sql.ts';
import type { DatasetDef } from './manifest.ts';
import { measureQuery } from './query-measure.ts';
import { readOnlyFailureKind } from './read-only.ts';
import { ENGINE_STOPPED, QueryError, type Engine, type EngineInfo, type QueryOptions, type QueryResult } from './types.ts';

/** How requests reach an engine host: HTTP to web mode's server, a MessagePort, or a child process's IPC. */
export interface EngineTransport {
  send(request: EngineRequest, bytes?: Uint8Array | Blob): Promise<EngineFrame<EngineReply>>;
  /** Ends the connection once the host was told to close (a process is stopped, a server session forgotten). */
  close?(): Promise<void> | void;
}

/** A failure that is not the SQL's: the host refused a malformed request (a bug of ours), said in one place. */
export class EngineProtocolError extends Error {
  constructor(readonly op: string, message: string) {
    super(`The native engine could not answer a request to ${op}: ${message}.`);
    this.name = 'EngineProtocolError';
  }
}

/** Rows the host reads of a streamed result before it answers with them as its first rows (screenfuls of them). */
const FIRST_ROWS = 2048;

export class NativeEngine implements Engine {
  /** An engine that never opened did not stop: its failure to start is the open's own error. */
  private opened = false;
  private stopped = false;
  /**
   * Requests go one at a time (the host runs them one at a time anyway), so a result answered in part always has
   * its 'query-rest' next — no request the host holds behind it can take the browser's last connection to the
   * server. 'cancel' and 'close' never wait.
   */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `onStopped` is told once, at the first reply after the engine opened saying the host process has ended
   * (killed, out of memory).
   */
  constructor(
    private readonly transport: EngineTransport,
    private readonly onStopped: () => void = () => undefined,
  ) {}

  async open(): Promise<EngineInfo> {
    const { header } = await this.queued({ op: 'open' }, '-- open the native engine');
    const info = header.info;
    if (!info) throw new EngineProtocolError('open', 'no engine information came back');
    this.opened = true;
    return {
      duckdbVersion: info.duckdbVersion,
      bundle: 'native',
      threads: info.threads,
      crossOriginIsolated: globalThis.crossOriginIsolated ?? false,
      memoryLimit: info.memoryLimit,
    };
  }

  async loadDataset(def: DatasetDef, bytes: Uint8Array): Promise<void> {
    const path = await this.registerFile(datasetFileName(def), bytes);
    await this.query(createTableSql(def, path));
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.turn(() => this.queryNow(sql, options));
  }

  private async queryNow(sql: string, options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    const readOnly = options.readOnly === true;
    const first = options.onFirstRows;
    const { header, bytes } = await this.call(first ? { op: 'query', sql, readOnly, firstRows: FIRST_ROWS } : { op: 'query', sql, readOnly }, sql, readOnly);
    let table = bytes && bytes.length > 0 ? tableFromIPC(bytes) : new Table();
    let hostMs = header.elapsedMs ?? 0;
    let arrowBytes = bytes?.length ?? 0;
    if (header.more) {
      first?.({ sql, table, elapsedMs: performance.now() - started });
      const rest = await this.call({ op: 'query-rest' }, sql, readOnly);
      if (rest.bytes && rest.bytes.length > 0) table = table.concat(tableFromIPC(rest.bytes));
      hostMs += rest.header.elapsedMs ?? 0;
      arrowBytes += rest.bytes?.length ?? 0;
    }
    const ended = performance.now();
    // As the wasm engine does, the query's timing (here including the transfer to the page) goes on the performance
    // timeline for the benchmark, with the host's own time (the query and its Arrow) and the Arrow's size, so the
    // transfer can be told apart.
    measureQuery(started, ended, { sql, hostMs, arrowBytes });
    return { sql, table, elapsedMs: header.elapsedMs === undefined ? ended - started : hostMs };
  }

  async registerFile(name: string, data: Uint8Array | Blob): Promise<string> {
    const { header } = await this.queued({ op: 'register-file', name }, `-- register the file ${name}`, false, data);
    if (header.path === undefined) throw new EngineProtocolError('register-file', 'no path came back');
    return header.path;
  }

  async dropFile(name: string): Promise<void> {
    await this.queued({ op: 'drop-file', name }, `-- drop the file ${name}`).catch(() => undefined);
  }

  async copyToBytes(query: string, copyOptions: string): Promise<Uint8Array> {
    const { bytes } = await this.queued({ op: 'copy-to-bytes', query, options: copyOptions }, `COPY (${query}) TO … (${copyOptions})`);
    return (bytes ?? new Uint8Array(0)).slice(); // its own buffer, not a view into the reply's frame
  }

  async insertArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    await this.queued({ op: 'insert-arrow', table }, `-- insert Arrow into ${table}`, false, ipcStream);
  }

  async cancel(): Promise<boolean> {
    const { header } = await this.transport.send({ op: 'cancel' });
    return header.ok && header.cancelled === true;
  }

  async close(): Promise<void> {
    await this.transport.send({ op: 'close' }).catch(() => undefined);
    await this.transport.close?.();
  }

  /** Work that waits for the requests before it. */
  private turn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One request in its turn. */
  private queued(request: EngineRequest, sql: string, readOnly = false, bytes?: Uint8Array | Blob): ReturnType<NativeEngine['call']> {
    return this.turn(() => this.call(request, sql, readOnly, bytes));
  }

  /** One request; a failed reply becomes the error the app already knows (QueryError with its kind). */
  private async call(request: EngineRequest, sql: string, readOnly = false, bytes?: Uint8Array | Blob): Promise<{ header: Extract<EngineReply, { ok: true }>; bytes?: Uint8Array }> {
    const { header, bytes: reply } = await this.transport.send(request, bytes);
    if (header.ok) return { header, bytes: reply };
    switch (header.kind) {
      case 'sql':
        throw new QueryError(sql, header.message, readOnly ? readOnlyFailureKind(header.message) : 'sql');
      case 'not-allowed':
        throw new QueryError(sql, header.message, 'not-allowed');
      case 'engine-stopped':
        if (this.opened && !this.stopped) {
          this.stopped = true;
          this.onStopped();
        }
        throw new QueryError(sql, `${ENGINE_STOPPED} (${header.message})`, 'engine-stopped');
      case 'bad-request':
        throw new EngineProtocolError(request.op, header.message);
    }
  }
}
