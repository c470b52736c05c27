// Script layer: web mode's native engine — the server's side of the engine socket. Each page that connects gets a
// session of its own (its own engine-host child process and its own data folder), so two windows never see each
// other's tables; the session ends when the page's socket closes (reload, closed tab) or its engine stops, and past
// MAX_SESSIONS the longest-idle one is ended. One process is kept started ahead as a spare, so a page's engine opens
// without waiting for Node and DuckDB to load. Messages are bounded: a frame by SOCKET_MESSAGE_MAX (the socket
// refuses larger ones), a file upload by UPLOAD_MAX in all (its parts streamed to the session's incoming folder,
// never held whole in memory). Who may connect at all (Host, Origin, token) was judged before this runs
// (serve-request.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { decodeFrame, encodeFrame, ENGINE_HEADER_MAX, ENGINE_UPLOAD_PART, parseSocketMessage, type EngineReply, type EngineSocketIn, type EngineSocketOut } from '../electron/engine-contract.ts';
import { spawnEngineHost, type EngineHostProcess } from '../electron/engine-host/spawn.ts';

/** The most engine sessions (pages with an engine) at once; past it the longest-idle session is ended. */
export const MAX_SESSIONS = 8;
/** The largest file a page may hand the engine (an import of the analyst's own data), all its parts together. */
export const UPLOAD_MAX = 64 * 1024 ** 3;
/** The largest single message (an Arrow table the page sends, e.g. a pasted range; an upload part is far smaller). */
export const BODY_MAX = 1024 ** 3;
/** The socket's own limit on a message: a frame's header and body at their largest. */
export const SOCKET_MESSAGE_MAX = 4 + ENGINE_HEADER_MAX + BODY_MAX;

interface Upload {
  path: string;
  handle: Promise<FileHandle>;
  /** The parts written so far, in order: each waits for the one before. */
  written: Promise<unknown>;
  bytes: number;
}

interface Session {
  socket: WebSocket;
  host: EngineHostProcess;
  dataDir: string;
  lastUsed: number;
  uploads: Map<number, Upload>;
  uploadCount: number;
}

export interface EngineSessionsOptions {
  /** Where session folders are made (the OS temporary folder by default). */
  parentDir?: string;
  memoryLimit?: string;
  threads?: number;
  /** A built engine host to fork (out/main/engine-host.js) instead of the TypeScript source through tsx. */
  program?: string;
}

/** A close reason within WebSocket's 123 bytes, cut at a whole character. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

const failed = (kind: 'bad-request' | 'engine-stopped', message: string): EngineReply => ({ ok: false, kind, message });

export class EngineSessions {
  private readonly sessions = new Set<Session>();
  /**
   * An engine process started ahead of the next page — Node started, DuckDB's library loaded — so a page's engine
   * is ready in a fraction of a second; a new one is started once a page's engine has opened.
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
    return [...this.sessions].flatMap((s) => (s.host.pid === undefined ? [] : [s.host.pid]));
  }

  /** A page's engine socket, accepted: it gets an engine process of its own until it closes. */
  attach(socket: WebSocket): void {
    socket.on('error', () => undefined); // a page that vanishes is not an error of ours; 'close' follows
    if (this.closed) return socket.close(1001, 'The workbench server is closing.');
    if (this.sessions.size >= MAX_SESSIONS) {
      const idle = [...this.sessions].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle) this.end(idle, 'Ended for a newer window: the server runs at most 8 engines at once.');
    }
    const spare = this.spare && !this.spare.host.exited ? this.spare : null;
    this.spare = null;
    let started: { host: EngineHostProcess; dataDir: string };
    try {
      started = spare ?? this.spawn();
    } catch (err) {
      // No folder for it (or no process): the page hears why and keeps its in-page engine.
      return socket.close(1011, closeReason(`The engine could not start: ${err instanceof Error ? err.message : String(err)}`));
    }
    const { host, dataDir } = started;
    const session: Session = { socket, host, dataDir, lastUsed: Date.now(), uploads: new Map(), uploadCount: 0 };
    this.sessions.add(session);
    // A host that ends on its own (killed, out of memory) takes its folder and its socket with it.
    host.onExit((code, signal) => this.end(session, `The engine stopped (its process ended: ${signal ?? `code ${code}`}).`));
    socket.on('close', () => this.end(session));
    socket.on('message', (data, isBinary) => {
      session.lastUsed = Date.now();
      const bytes = isBinary && Buffer.isBuffer(data) ? data : null;
      void this.receive(session, bytes).catch(() => this.end(session, 'The engine connection failed.'));
    });
  }

  /** Ends every session and the spare (the server is closing). */
  closeAll(): void {
    this.closed = true;
    for (const session of [...this.sessions]) this.end(session, 'The workbench server is closing.');
    const spare = this.spare;
    this.spare = null;
    if (spare) {
      spare.host.kill();
      rmSync(spare.dataDir, { recursive: true, force: true });
    }
  }

  /** One message: every well-formed one gets exactly one answer with its id; one that is not a frame ends the socket. */
  private async receive(session: Session, data: Buffer | null): Promise<void> {
    const frame = data === null ? null : decodeFrame(data);
    const message = frame === null ? null : parseSocketMessage(frame.header);
    if (frame === null || message === null) {
      const id = (frame?.header as { id?: unknown } | undefined)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return this.answer(session, id, failed('bad-request', 'the request was not understood'));
      return this.end(session, 'A message on the engine socket was not an engine frame.', 1003);
    }
    const reply = await this.run(session, message, frame.bytes);
    this.answer(session, message.id, reply.header, reply.bytes);
    if ('request' in message && message.request.op === 'open' && reply.header.ok) this.prepareSpare();
    if ('request' in message && message.request.op === 'close') this.end(session);
  }

  private async run(session: Session, message: EngineSocketIn, bytes: Uint8Array): Promise<{ header: EngineReply; bytes?: Uint8Array }> {
    if (!('request' in message)) return { header: await this.part(session, message.upload, bytes) };
    const { request } = message;
    if (message.upload === undefined) return session.host.send(request, bytes.length > 0 ? bytes : undefined);
    const upload = session.uploads.get(message.upload);
    if (!upload || request.op !== 'register-file') return { header: failed('bad-request', 'no such upload') };
    session.uploads.delete(message.upload);
    await upload.written;
    await (await upload.handle).close();
    return session.host.send({ op: 'register-file', name: request.name, staged: upload.path });
  }

  /** One part of an upload, appended to its file in the session's incoming folder. */
  private async part(session: Session, id: number, bytes: Uint8Array): Promise<EngineReply> {
    if (bytes.length > ENGINE_UPLOAD_PART) return failed('bad-request', 'an upload part is larger than the engine accepts');
    let upload = session.uploads.get(id);
    if (!upload) {
      const path = join(session.dataDir, 'incoming', `upload-${(session.uploadCount += 1)}`);
      const handle = open(path, 'wx');
      upload = { path, handle, written: handle, bytes: 0 };
      session.uploads.set(id, upload);
    }
    if (upload.bytes + bytes.length > UPLOAD_MAX) return failed('bad-request', 'the file is larger than the engine accepts (64 GiB)');
    upload.bytes += bytes.length;
    const write = upload.written.then(async () => (await upload.handle).write(bytes));
    upload.written = write;
    await write;
    return { ok: true };
  }

  private answer(session: Session, id: number, reply: EngineReply, bytes?: Uint8Array): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    const out: EngineSocketOut = { id, reply };
    session.socket.send(encodeFrame({ header: out, bytes }));
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
      this.spare = null; // no folder for it: each page then starts its own (and says why it cannot)
    }
  }

  /** Ends a session: its process, its folder, its socket (with `reason`, when the page did not close it itself). */
  private end(session: Session, reason = '', code = 1011): void {
    if (!this.sessions.delete(session)) return;
    if (!session.host.exited) session.host.kill();
    for (const upload of session.uploads.values()) void upload.handle.then((h) => h.close()).catch(() => undefined);
    rmSync(session.dataDir, { recursive: true, force: true });
    if (session.socket.readyState === session.socket.OPEN) session.socket.close(code, closeReason(reason));
  }
}
