// Script layer: web mode's native engine — the server's side of POST /engine. Each page that opens an engine gets
// a session of its own (a random id, its own engine-host child process and its own data folder), so two windows
// never see each other's tables; a page that closes ends its session, and past MAX_SESSIONS the longest-idle one is
// ended. One process is kept started ahead as a spare, so a page's engine opens without waiting for Node and DuckDB
// to load. Bodies are bounded: a request's header by the contract's limit, a file upload by UPLOAD_MAX (streamed to
// the session's incoming folder, never held in memory), anything else by BODY_MAX. Who may ask at all (Host, Origin,
// token) was judged before this runs (serve-request.ts).
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, encodeFrame, ENGINE_HEADER_MAX, ENGINE_SESSION_HEADER, parseEngineRequest, type EngineFrame, type EngineReply } from '../electron/engine-contract.ts';
import { spawnEngineHost, type EngineHostProcess } from '../electron/engine-host/spawn.ts';

/** The most engine sessions (pages with an engine) at once; past it the longest-idle session is ended. */
export const MAX_SESSIONS = 8;
/** The largest file a page may hand the engine (an import of the analyst's own data). */
export const UPLOAD_MAX = 64 * 1024 ** 3;
/** The largest body of any other request (an Arrow table the page sends, e.g. a pasted range). */
export const BODY_MAX = 1024 ** 3;

interface Session {
  id: string;
  host: EngineHostProcess;
  dataDir: string;
  lastUsed: number;
  uploads: number;
}

export interface EngineSessionsOptions {
  /** Where session folders are made (the OS temporary folder by default). */
  parentDir?: string;
  memoryLimit?: string;
  threads?: number;
  /** A built engine host to fork (out/main/engine-host.js) instead of the TypeScript source through tsx. */
  program?: string;
}

const reply = (header: EngineReply, bytes?: Uint8Array): EngineFrame<EngineReply> => ({ header, bytes });
const fail = (kind: 'bad-request' | 'engine-stopped', message: string) => reply({ ok: false, kind, message });

export class EngineSessions {
  private readonly sessions = new Map<string, Session>();
  /**
   * An engine process started ahead of the next page's 'open' — Node started, DuckDB's library loaded — so a page's
   * engine is ready in a fraction of a second; a new one is started once a page has taken it.
   */
  private spare: { host: EngineHostProcess; dataDir: string } | null = null;
  private closed = false;

  constructor(private readonly options: EngineSessionsOptions = {}) {
    this.prepareSpare();
  }

  get count(): number {
    return this.sessions.size;
  }

  /** The spare engine process waiting for the next page, if one is ready (for diagnostics and tests). */
  sparePid(): number | undefined {
    return this.spare?.host.pid;
  }

  /** The engine-host processes running (for diagnostics and the crash tests). */
  pids(): number[] {
    return [...this.sessions.values()].flatMap((s) => (s.host.pid === undefined ? [] : [s.host.pid]));
  }

  /** Answers one engine request; every path ends in one frame (status 200) or a plain status for a bad body. */
  async handle(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const length = Number(req.headers['content-length']);
    if (!Number.isSafeInteger(length) || length < 4) return plain(res, headers, 411, 'An engine request needs a Content-Length.');
    if (length > UPLOAD_MAX) return plain(res, headers, 413, 'The request is larger than the engine accepts.');
    const sessionId = single(req.headers[ENGINE_SESSION_HEADER]);
    const head = await readHead(req);
    if (head === null) return plain(res, headers, 400, 'The request is not an engine frame.');
    const request = parseEngineRequest(head.header);
    const extra: Record<string, string> = {};
    let frame: EngineFrame<EngineReply>;
    if (request === null) frame = fail('bad-request', 'the request was not understood');
    else if (request.op === 'open') {
      const session = this.open();
      extra[ENGINE_SESSION_HEADER] = session.id;
      req.resume();
      frame = await session.host.send(request);
    } else {
      const session = sessionId === undefined ? undefined : this.sessions.get(sessionId);
      if (!session) {
        req.resume();
        frame = request.op === 'close' ? reply({ ok: true }) : fail('engine-stopped', 'this page’s engine has ended (the server ended it or restarted); restart the engine');
      } else {
        session.lastUsed = Date.now();
        const rest = length - head.consumed;
        if (request.op === 'register-file' && rest > 0) {
          const staged = join(session.dataDir, 'incoming', `upload-${(session.uploads += 1)}`);
          await streamTo(req, staged);
          frame = await session.host.send({ op: 'register-file', name: request.name, staged });
        } else if (rest > BODY_MAX) {
          req.resume();
          return plain(res, headers, 413, 'The request is larger than the engine accepts.');
        } else {
          const bytes = await readRest(req, rest);
          frame = await session.host.send(request, bytes.length > 0 ? bytes : undefined);
        }
        if (request.op === 'close') this.end(session);
      }
    }
    const body = encodeFrame(frame);
    res.writeHead(200, { ...headers, ...extra, 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'Content-Length': String(body.length) });
    res.end(body);
    // The next spare starts once this page's engine has answered, so it never competes with that engine's start.
    if (request?.op === 'open') this.prepareSpare();
  }

  /** Ends every session and the spare (the server is closing). */
  closeAll(): void {
    this.closed = true;
    for (const session of [...this.sessions.values()]) this.end(session);
    const spare = this.spare;
    this.spare = null;
    if (spare) {
      spare.host.kill();
      rmSync(spare.dataDir, { recursive: true, force: true });
    }
  }

  private spawn(): { host: EngineHostProcess; dataDir: string } {
    const dataDir = mkdtempSync(join(this.options.parentDir ?? tmpdir(), 'idmg-engine-'));
    const host = spawnEngineHost({ dataDir, memoryLimit: this.options.memoryLimit, threads: this.options.threads, program: this.options.program });
    return { host, dataDir };
  }

  private prepareSpare(): void {
    if (this.closed || this.spare) return;
    try {
      const spare = this.spawn();
      this.spare = spare;
      spare.host.onExit(() => {
        if (this.spare !== spare) return; // taken by a page: its session looks after it
        this.spare = null;
        rmSync(spare.dataDir, { recursive: true, force: true });
      });
    } catch {
      this.spare = null; // no folder for it: each 'open' then starts its own (and says why it cannot)
    }
  }

  private open(): Session {
    if (this.sessions.size >= MAX_SESSIONS) {
      const idle = [...this.sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle) this.end(idle);
    }
    const spare = this.spare && !this.spare.host.exited ? this.spare : null;
    this.spare = null;
    const { host, dataDir } = spare ?? this.spawn();
    const session: Session = { id: randomUUID(), host, dataDir, lastUsed: Date.now(), uploads: 0 };
    this.sessions.set(session.id, session);
    // A host that ends on its own (killed, out of memory) takes its folder with it; its page hears 'engine-stopped'.
    host.onExit(() => this.end(session));
    return session;
  }

  private end(session: Session): void {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    if (!session.host.exited) session.host.kill();
    rmSync(session.dataDir, { recursive: true, force: true });
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function plain(res: ServerResponse, headers: Record<string, string>, status: number, text: string): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' });
  res.end(text);
}

/**
 * Reads the frame's header (up to the contract's limit) and puts back whatever of the payload came with it, so the
 * body can then be read (or streamed) from its first payload byte. Listeners, not `for await`: leaving such a loop
 * early would destroy the request.
 */
function readHead(req: IncomingMessage): Promise<{ header: unknown; consumed: number } | null> {
  return new Promise((resolve) => {
    let got: Buffer = Buffer.alloc(0);
    const finish = (result: { header: unknown; consumed: number } | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onEnd);
      req.pause();
      resolve(result);
    };
    const onEnd = (): void => finish(null);
    const onData = (chunk: Buffer): void => {
      got = got.length === 0 ? chunk : Buffer.concat([got, chunk]);
      if (got.length < 4) return;
      const need = 4 + got.readUInt32LE(0);
      if (need - 4 > ENGINE_HEADER_MAX) return finish(null);
      if (got.length < need) return;
      const frame = decodeFrame(new Uint8Array(got.buffer, got.byteOffset, need));
      if (frame === null) return finish(null);
      finish({ header: frame.header, consumed: need });
      if (got.length > need) req.unshift(got.subarray(need));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onEnd);
  });
}

/** The rest of the body: `rest` bytes as the Content-Length promised (fewer if the client stopped early). */
async function readRest(req: IncomingMessage, rest: number): Promise<Uint8Array> {
  const out = new Uint8Array(rest);
  let at = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    const take = chunk.subarray(0, rest - at);
    out.set(take, at);
    at += take.length;
  }
  return at === rest ? out : out.subarray(0, at);
}

/** Streams the rest of the body to `path` (an upload of any size within UPLOAD_MAX, never whole in memory). */
async function streamTo(req: IncomingMessage, path: string): Promise<void> {
  const out = createWriteStream(path, { flags: 'wx' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  for await (const chunk of req as AsyncIterable<Buffer>) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await done;
}
