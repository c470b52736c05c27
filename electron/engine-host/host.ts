// Engine host layer: the engine protocol (../engine-contract.ts) answered by native DuckDB. One instance and one
// connection per host, requests run one at a time in arrival order, and 'cancel' jumps the queue to interrupt the
// query running. The host is the only place that turns DuckDB's exceptions into replies, so a bad request or a
// failing query is an answer, never a crash of the process the whole workbench depends on.
import { mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { EngineFrame, EngineHostInfo, EngineReply, EngineRequest } from '../engine-contract.ts';
import { resultToArrowIpc } from './arrow.ts';
import { insertArrowIpc, UnsupportedArrowError } from './arrow-insert.ts';
import { BadRequestError, RegisteredFiles } from './files.ts';
import { guard, RefusedError } from './guard.ts';
import { defaultResources, filesDir, incomingDir, sandboxStatements, tmpDir } from './sandbox.ts';

export interface EngineHostOptions {
  dataDir: string;
  threads?: number;
  memoryLimit?: string;
}

type Reply = EngineFrame<EngineReply>;

const ok = (header: Omit<Extract<EngineReply, { ok: true }>, 'ok'> = {}, bytes?: Uint8Array): Reply =>
  bytes ? { header: { ok: true, ...header }, bytes } : { header: { ok: true, ...header } };
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A failure as its reply: refusals and malformed requests keep their kind; everything else is DuckDB's own error. */
export function failure(err: unknown): Reply {
  if (err instanceof RefusedError) return { header: err.refusal };
  if (err instanceof BadRequestError) return { header: { ok: false, kind: 'bad-request', message: err.message } };
  return { header: { ok: false, kind: 'sql', message: message(err) } };
}

export class EngineHost {
  private instance: DuckDBInstance | null = null;
  private connection: DuckDBConnection | null = null;
  private files: RegisteredFiles | null = null;
  private dataDir = '';
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private queue: Promise<unknown> = Promise.resolve();
  /** True while DuckDB executes a statement for a request: only then does a cancel have something to stop. */
  private running = false;
  private copies = 0;

  constructor(private readonly options: EngineHostOptions) {}

  /** The one reply to a request. Never rejects. */
  handle(request: EngineRequest, bytes?: Uint8Array): Promise<Reply> {
    if (request.op === 'cancel') return Promise.resolve(this.cancel());
    const reply = this.queue.then(() => this.run(request, bytes)).catch(failure);
    this.queue = reply;
    return reply;
  }

  private cancel(): Reply {
    if (!this.connection || !this.running) return ok({ cancelled: false });
    this.connection.interrupt();
    return ok({ cancelled: true });
  }

  private async run(request: EngineRequest, bytes?: Uint8Array): Promise<Reply> {
    if (request.op === 'open') return this.open();
    if (this.state !== 'open' || !this.connection || !this.files) {
      const why = this.state === 'closed' ? 'the engine is closed' : 'the engine is not open yet';
      throw new BadRequestError(`Cannot ${request.op}: ${why}.`);
    }
    const connection = this.connection;
    switch (request.op) {
      case 'query': return this.query(connection, request.sql, request.readOnly);
      case 'register-file': {
        if (request.staged === undefined && !bytes) throw new BadRequestError('register-file needs bytes or a staged file.');
        return ok({ path: await this.files.register(request.name, { bytes, staged: request.staged }) });
      }
      case 'drop-file':
        await this.files.drop(request.name);
        return ok();
      case 'copy-to-bytes': return ok({}, await this.copyToBytes(connection, request.query, request.options));
      case 'insert-arrow': {
        if (!bytes) throw new BadRequestError('insert-arrow needs the Arrow IPC stream as bytes.');
        try {
          await this.busy(() => insertArrowIpc(connection, request.table, bytes));
        } catch (err) {
          if (err instanceof UnsupportedArrowError) throw new BadRequestError(err.message);
          throw err;
        }
        return ok();
      }
      case 'close': return this.close();
      default: throw new BadRequestError(`Unknown request: ${(request as { op: string }).op}.`);
    }
  }

  private async open(): Promise<Reply> {
    if (this.state !== 'new') throw new BadRequestError(this.state === 'closed' ? 'The engine is closed.' : 'The engine is already open.');
    this.state = 'opening';
    try {
      await mkdir(this.options.dataDir, { recursive: true });
      // Symlinked folders (macOS /tmp) would not match DuckDB's allowed_directories prefix check.
      this.dataDir = await realpath(this.options.dataDir);
      for (const dir of [filesDir(this.dataDir), tmpDir(this.dataDir), incomingDir(this.dataDir)]) await mkdir(dir, { recursive: true });
      const defaults = defaultResources();
      const threads = this.options.threads ?? defaults.threads;
      const memoryLimit = this.options.memoryLimit ?? defaults.memoryLimit;
      const statements = sandboxStatements({ dataDir: this.dataDir, threads, memoryLimit });
      this.instance = await DuckDBInstance.create(':memory:');
      this.connection = await this.instance.connect();
      for (const sql of statements) await this.connection.run(sql);
      this.files = new RegisteredFiles(this.dataDir);
      await this.files.prepare();
      const reader = await this.connection.runAndReadAll("SELECT version(), current_setting('threads'), current_setting('memory_limit')");
      const [version, actualThreads, limit] = reader.getRows()[0] ?? [];
      const info: EngineHostInfo = { duckdbVersion: String(version), threads: Number(actualThreads), memoryLimit: String(limit) };
      this.state = 'open';
      return ok({ info });
    } catch (err) {
      this.release();
      this.state = 'new';
      throw err;
    }
  }

  /** Marks DuckDB as executing for the cancel request; the flag is down again however the work ends. */
  private async busy<T>(work: () => Promise<T>): Promise<T> {
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }

  private async runPrepared(prepared: DuckDBPreparedStatement): Promise<Uint8Array> {
    guard(prepared.statementType);
    const result = await this.busy(() => prepared.run());
    return resultToArrowIpc(result);
  }

  private async query(connection: DuckDBConnection, sql: string, readOnly: boolean): Promise<Reply> {
    const started = performance.now();
    let bytes: Uint8Array;
    if (readOnly) {
      await connection.run('BEGIN TRANSACTION READ ONLY');
      try {
        // One statement by construction: DuckDB refuses to prepare several, with its own message.
        bytes = await this.runPrepared(await connection.prepare(sql));
      } finally {
        await connection.run('ROLLBACK').catch(() => {}); // the statement may have ended the transaction itself
      }
    } else {
      const extracted = await connection.extractStatements(sql);
      if (extracted.count === 0) bytes = await this.runPrepared(await connection.prepare(sql)); // DuckDB says why
      else {
        bytes = new Uint8Array(0);
        // Statement n+1 is prepared only after n ran: it may name a table n created.
        for (let i = 0; i < extracted.count; i++) bytes = await this.runPrepared(await extracted.prepare(i));
      }
    }
    return ok({ elapsedMs: performance.now() - started }, bytes);
  }

  /**
   * COPY to a file of the host's own in tmp/, bypassing the guard that refuses COPY in SQL. The query must be one
   * SELECT on its own, and the whole must still prepare as one COPY, so neither part can smuggle a second statement
   * or a different target past the host.
   */
  private async copyToBytes(connection: DuckDBConnection, query: string, options: string): Promise<Uint8Array> {
    const alone = await connection.prepare(query);
    if (alone.statementType !== StatementType.SELECT) throw new BadRequestError('copy-to-bytes copies the result of one SELECT.');
    const path = join(tmpDir(this.dataDir), `copy-${++this.copies}.out`);
    const copy = await connection.prepare(`COPY (\n${query}\n) TO '${path.replaceAll("'", "''")}' (${options})`);
    if (copy.statementType !== StatementType.COPY) throw new BadRequestError('copy-to-bytes options must be COPY options.');
    try {
      await this.busy(() => copy.run());
      return new Uint8Array(await readFile(path));
    } finally {
      await rm(path, { force: true, recursive: true });
    }
  }

  private async close(): Promise<Reply> {
    this.release();
    this.state = 'closed';
    return ok();
  }

  private release(): void {
    try {
      this.connection?.closeSync();
    } finally {
      this.connection = null;
      this.instance?.closeSync();
      this.instance = null;
    }
  }
}
