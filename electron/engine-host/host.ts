// Engine host layer: the engine protocol (../engine-contract.ts) answered by native DuckDB. One instance and one
// connection per host, requests run one at a time in arrival order; 'cancel' jumps the queue to interrupt the query
// running, and 'query-rest' to read the rest of a result streamed in part (which holds the queue meanwhile). The host
// is the only place that turns DuckDB's exceptions into replies, so a bad request or a failing query is an answer,
// never a crash of the process the whole workbench depends on.
import { mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import type { EngineFrame, EngineHostInfo, EngineReply, EngineRequest } from '../engine-contract.ts';
import { ArrowIpcWriter, resultToArrowIpc } from './arrow.ts';
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

/** How long a streamed result's rest is held for a 'query-rest' that does not come (its page went away). */
export const REST_HELD_MS = 60_000;

/** What a 'query-rest' answers when no result is held. */
export const NO_REST = 'The rest of this result is no longer held (the query was cancelled, or its rows were not asked for in time). Run it again.';

/** The first rows of a streamed result were answered; the rest wait here, and the host's queue waits for them. */
interface HeldResult {
  result: DuckDBResult;
  /** The prepared statement the result came from, kept alive while its rows are read. */
  prepared: DuckDBPreparedStatement;
  writer: ArrowIpcWriter;
  /** Ends what the statement began (a read-only transaction), once its rows are read or dropped. */
  end: () => Promise<void>;
  /** Lets the queue go on. */
  release: () => void;
  /** Settles when the result is read or dropped. */
  done: Promise<void>;
  timer: ReturnType<typeof setTimeout>;
}

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
  private held: HeldResult | null = null;

  constructor(private readonly options: EngineHostOptions) {}

  /** The one reply to a request. Never rejects. */
  handle(request: EngineRequest, bytes?: Uint8Array): Promise<Reply> {
    if (request.op === 'cancel') return this.cancel();
    if (request.op === 'query-rest') return this.rest().catch(failure);
    if (request.op === 'close') void this.drop(); // a page that closes never asks for the rest
    const reply = this.queue.then(() => this.run(request, bytes)).catch(failure);
    // A result answered in part holds the queue until its rest is read or dropped.
    this.queue = reply.then(() => this.held?.done);
    return reply;
  }

  private async cancel(): Promise<Reply> {
    if (this.held && !this.running) {
      await this.drop();
      return ok({ cancelled: true });
    }
    if (!this.connection || !this.running) return ok({ cancelled: false });
    this.connection.interrupt();
    return ok({ cancelled: true });
  }

  /** The rest of the held result, as one Arrow IPC stream; the queue goes on however it ends. */
  private async rest(): Promise<Reply> {
    const held = this.held;
    if (!held || this.running) return { header: { ok: false, kind: 'sql', message: NO_REST } };
    clearTimeout(held.timer);
    const started = performance.now();
    try {
      await this.busy(async () => {
        for (let chunk = await held.result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await held.result.fetchChunk()) held.writer.write(chunk);
      });
      return ok({ elapsedMs: performance.now() - started }, held.writer.finish());
    } finally {
      await this.drop();
    }
  }

  /** Forgets the held result, if any: its transaction ends and the queue goes on. */
  private async drop(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = null;
    clearTimeout(held.timer);
    try {
      await held.end();
    } finally {
      held.release();
    }
  }

  private async run(request: EngineRequest, bytes?: Uint8Array): Promise<Reply> {
    if (request.op === 'open') return this.open();
    if (this.state !== 'open' || !this.connection || !this.files) {
      const why = this.state === 'closed' ? 'the engine is closed' : 'the engine is not open yet';
      throw new BadRequestError(`Cannot ${request.op}: ${why}.`);
    }
    const connection = this.connection;
    switch (request.op) {
      case 'query': return this.query(connection, request.sql, request.readOnly, request.firstRows);
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

  /**
   * Runs a statement whose result goes back streamed: its first `firstRows` rows (or all, when fewer) are the
   * answer; when more remain, the result is held for 'query-rest' and `more` is true, and `end` runs once it is done
   * with (the caller ends a whole result itself).
   */
  private async streamPrepared(prepared: DuckDBPreparedStatement, firstRows: number, end: () => Promise<void>): Promise<{ bytes: Uint8Array; more: boolean }> {
    guard(prepared.statementType);
    const result = await this.busy(() => prepared.stream());
    const writer = new ArrowIpcWriter(result);
    const next = () => this.busy(() => result.fetchChunk());
    let chunk = await next();
    for (; chunk && chunk.rowCount > 0 && writer.rows < firstRows; chunk = await next()) writer.write(chunk);
    const bytes = writer.finish();
    if (!chunk || chunk.rowCount === 0) return { bytes, more: false };
    writer.write(chunk); // the first chunk of the rest, read to know there is a rest
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => void this.drop(), REST_HELD_MS);
    this.held = { result, prepared, writer, end, release, timer, done };
    return { bytes, more: true };
  }

  private async query(connection: DuckDBConnection, sql: string, readOnly: boolean, firstRows?: number): Promise<Reply> {
    const started = performance.now();
    /** The last statement: whole, or streamed when the page asked for its first rows first. */
    const last = async (prepared: DuckDBPreparedStatement, end: () => Promise<void>) =>
      firstRows === undefined ? { bytes: await this.runPrepared(prepared), more: false } : this.streamPrepared(prepared, firstRows, end);
    let out: { bytes: Uint8Array; more: boolean };
    if (readOnly) {
      await connection.run('BEGIN TRANSACTION READ ONLY');
      // The statement may have ended the transaction itself.
      const rollback = () => connection.run('ROLLBACK').then(() => undefined, () => undefined);
      let held = false;
      try {
        // One statement by construction: DuckDB refuses to prepare several, with its own message.
        out = await last(await connection.prepare(sql), rollback);
        held = out.more;
      } finally {
        if (!held) await rollback();
      }
    } else {
      const extracted = await connection.extractStatements(sql);
      const nothing = async () => {};
      if (extracted.count === 0) out = await last(await connection.prepare(sql), nothing); // DuckDB says why
      else {
        // Statement n+1 is prepared only after n ran: it may name a table n created.
        for (let i = 0; i < extracted.count - 1; i++) await this.runPrepared(await extracted.prepare(i));
        out = await last(await extracted.prepare(extracted.count - 1), nothing);
      }
    }
    return ok(out.more ? { elapsedMs: performance.now() - started, more: true } : { elapsedMs: performance.now() - started }, out.bytes);
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
