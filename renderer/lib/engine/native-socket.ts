// Engine layer, page only: the native engine's transport in web mode — one WebSocket to the local server's engine
// endpoint on the page's own origin, carrying the launch token the server printed in its address. The server gives
// each socket an engine-host process of its own, so two windows never share tables, and ends it when the socket
// closes (the page reloaded or closed). Requests and replies are frames paired by id (a cancel overtakes the query
// it stops); a file the analyst picked goes in parts read from disk one at a time, each acknowledged, never whole
// in memory. A socket costs about a millisecond a request where a fetch cost ten (measured in Chromium here).
import {
  decodeFrame, encodeFrame, ENGINE_PATH, ENGINE_TOKEN_PARAM, ENGINE_UPLOAD_PART,
  type EngineFrame, type EngineReply, type EngineRequest, type EngineSocketIn,
} from '../../../electron/engine-contract.ts';
import type { EngineTransport } from './native.ts';

/** The launch token in the page's address (web mode's server printed it), or null: then no native engine is there. */
export function engineToken(search: string): string | null {
  const token = new URLSearchParams(search).get(ENGINE_TOKEN_PARAM);
  return token !== null && /^[0-9a-f-]{36}$/.test(token) ? token : null;
}

/** The engine socket's address on the server at `base` (the page's own origin by default). */
export function engineSocketUrl(token: string, base: string = location.href): string {
  const url = new URL(ENGINE_PATH, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set(ENGINE_TOKEN_PARAM, token);
  return url.href;
}

/** What the transport uses of a WebSocket: the browser's own, or the `ws` package's in Node (tests, the bench). */
export interface SocketLike {
  binaryType: string;
  send(data: Uint8Array): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

type Frame = EngineFrame<EngineReply>;
const stopped = (message: string): Frame => ({ header: { ok: false, kind: 'engine-stopped', message } });

export class SocketEngineTransport implements EngineTransport {
  private readonly pending = new Map<number, (frame: Frame) => void>();
  private readonly socket: Promise<SocketLike | null>;
  private nextId = 1;
  /** Why the socket is gone, once it is: every request then answers 'engine-stopped' with it. */
  private ended: string | null = null;

  constructor(url: string, createSocket: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike) {
    this.socket = new Promise((resolve) => {
      let socket: SocketLike;
      try {
        socket = createSocket(url);
      } catch (err) {
        this.end(`the workbench server cannot be reached (${err instanceof Error ? err.message : String(err)}); start it again with npm start`);
        return resolve(null);
      }
      let opened = false;
      socket.binaryType = 'arraybuffer';
      socket.addEventListener('open', () => {
        opened = true;
        resolve(socket);
      });
      socket.addEventListener('close', ({ reason }) => {
        this.end(opened ? reason || 'the connection to the workbench server closed; start it again with npm start' : 'the workbench server cannot be reached; start it again with npm start');
        resolve(null);
      });
      socket.addEventListener('message', ({ data }) => this.receive(data));
    });
  }

  async send(request: EngineRequest, bytes?: Uint8Array | Blob): Promise<Frame> {
    if (request.op !== 'register-file' || bytes === undefined) return this.exchange(request, undefined, bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes);
    // A file: in parts, each read from its Blob only when the one before was written (at least one, if empty).
    const upload = this.nextId++;
    const size = bytes instanceof Blob ? bytes.size : bytes.length;
    for (let at = 0; at === 0 || at < size; at += ENGINE_UPLOAD_PART) {
      const end = Math.min(size, at + ENGINE_UPLOAD_PART);
      const part = bytes instanceof Blob ? new Uint8Array(await bytes.slice(at, end).arrayBuffer()) : bytes.subarray(at, end);
      const answer = await this.exchange(null, upload, part);
      if (!answer.header.ok) return answer;
      if (end >= size) break;
    }
    return this.exchange(request, upload);
  }

  async close(): Promise<void> {
    (await this.socket)?.close();
  }

  /** One message and its answer: a request (with an upload it names), or an upload's next part (`request` null). */
  private async exchange(request: EngineRequest | null, upload?: number, bytes?: Uint8Array): Promise<Frame> {
    const socket = await this.socket;
    if (socket === null || this.ended !== null) return stopped(this.ended ?? 'the engine connection is closed');
    const id = this.nextId++;
    const header: EngineSocketIn = request === null ? { id, upload: upload! } : upload === undefined ? { id, request } : { id, request, upload };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        socket.send(encodeFrame({ header, bytes }));
      } catch (err) {
        this.pending.delete(id);
        resolve(stopped(`the engine connection failed (${err instanceof Error ? err.message : String(err)})`));
      }
    });
  }

  private receive(data: unknown): void {
    const frame = data instanceof ArrayBuffer ? decodeFrame(new Uint8Array(data)) : null;
    const header = frame?.header as { id?: unknown; reply?: EngineReply } | undefined;
    if (!frame || typeof header?.id !== 'number' || typeof header.reply !== 'object' || header.reply === null) return;
    const resolve = this.pending.get(header.id);
    if (!resolve) return;
    this.pending.delete(header.id);
    resolve(frame.bytes.length > 0 ? { header: header.reply, bytes: frame.bytes } : { header: header.reply });
  }

  private end(message: string): void {
    if (this.ended !== null) return;
    this.ended = message;
    for (const resolve of this.pending.values()) resolve(stopped(message));
    this.pending.clear();
  }
}
