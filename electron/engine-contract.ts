// Contract layer, shared by the engine host (electron/engine-host), whoever starts it (web mode's server, the
// Electron main process, tests) and the page's NativeEngine client: the engine protocol's messages and the one frame
// they travel in. Like contract.ts it imports nothing, so the page can use it without pulling in Node.
//
// A request is a header (JSON) and, for files and Arrow tables, bytes. The host answers every request with exactly
// one reply, in the order requests arrive — except 'cancel', which is answered at once and interrupts the query
// running, if any, and 'query-rest', which reads the rest of a result whose first rows were answered.

/** What the host runs on, for the status bar. */
export interface EngineHostInfo {
  /** DuckDB's own version string, e.g. "v1.4.3". */
  duckdbVersion: string;
  threads: number;
  /** DuckDB's memory_limit as it reports it, e.g. "14.4 GiB". */
  memoryLimit: string;
}

export type EngineRequest =
  | { op: 'open' }
  /**
   * Runs SQL (several statements allowed unless readOnly); the reply's bytes are the last result as Arrow IPC. With
   * `firstRows`, the last result is streamed: once that many rows (or all) are read the reply goes, with `more` set
   * when rows remain. They are then read by 'query-rest', which must follow at once: until it (or 'cancel', which
   * drops them) comes, the host holds every other request, since DuckDB's connection is busy with the result.
   */
  | { op: 'query'; sql: string; readOnly: boolean; firstRows?: number }
  /** The rest of the result a 'query' answered in part (its reply said `more`), as an Arrow IPC stream of the same schema. */
  | { op: 'query-rest' }
  /**
   * A file for SQL to read: its bytes travel with the request, or were already written to `staged` (a file in the
   * host's own incoming folder, as web mode's server streams a large upload). The reply's `path` is what SQL names.
   */
  | { op: 'register-file'; name: string; staged?: string }
  | { op: 'drop-file'; name: string }
  /** `COPY (query) TO <a file of the host's own> (options)`; the reply's bytes are that file. */
  | { op: 'copy-to-bytes'; query: string; options: string }
  /** Creates `table` from the Arrow IPC stream in the request's bytes. */
  | { op: 'insert-arrow'; table: string }
  | { op: 'cancel' }
  | { op: 'close' };

export type EngineOp = EngineRequest['op'];

/**
 * Why a request failed: 'sql' — DuckDB's own error (its message says what); 'not-allowed' — a statement the host
 * refuses whatever its text (ATTACH, COPY to a file, INSTALL/LOAD, EXPORT); 'engine-stopped' — the host process
 * ended (killed, out of memory); 'bad-request' — a malformed request (a bug or a hostile caller).
 */
export type EngineFailureKind = 'sql' | 'not-allowed' | 'engine-stopped' | 'bad-request';

export type EngineReply =
  | { ok: true; info?: EngineHostInfo; path?: string; cancelled?: boolean; elapsedMs?: number; more?: boolean }
  | { ok: false; kind: EngineFailureKind; message: string };

export interface EngineFrame<T> {
  header: T;
  bytes?: Uint8Array;
}

/** The longest request header (SQL included) a host or server accepts. */
export const ENGINE_HEADER_MAX = 16 * 1024 * 1024;

/** The header sent with every engine request in web mode: the launch token the server printed in its URL. */
export const ENGINE_TOKEN_HEADER = 'x-idmg-engine-token';
/** The header naming the page's engine session: set by the server on the reply to 'open', sent back after. */
export const ENGINE_SESSION_HEADER = 'x-idmg-engine-session';
/** The web-mode server's engine endpoint (POST, one frame per request, one frame back). */
export const ENGINE_PATH = '/engine';
/** The URL query parameter that carries the launch token to the page. */
export const ENGINE_TOKEN_PARAM = 'token';

/** One frame as bytes: a 4-byte little-endian header length, the header as UTF-8 JSON, then the bytes if any. */
export function encodeFrame<T>(frame: EngineFrame<T>): Uint8Array<ArrayBuffer> {
  const header = new TextEncoder().encode(JSON.stringify(frame.header));
  const bytes = frame.bytes ?? new Uint8Array(0);
  const out = new Uint8Array(4 + header.length + bytes.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(bytes, 4 + header.length);
  return out;
}

/** The frame's header bytes as JSON and its payload (a view, not a copy); null when the bytes are not a frame. */
export function decodeFrame(data: Uint8Array): { header: unknown; bytes: Uint8Array } | null {
  if (data.length < 4) return null;
  const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  if (length > ENGINE_HEADER_MAX || 4 + length > data.length) return null;
  try {
    const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(4, 4 + length)));
    return { header, bytes: data.subarray(4 + length) };
  } catch {
    return null;
  }
}

const OPS: readonly EngineOp[] = ['open', 'query', 'query-rest', 'register-file', 'drop-file', 'copy-to-bytes', 'insert-arrow', 'cancel', 'close'];

/** A request header checked field by field (unknown keys refused), or null: nothing unchecked reaches the host. */
export function parseEngineRequest(value: unknown): EngineRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const op = v.op;
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) return null;
  const keys = Object.keys(v);
  const only = (...allowed: string[]): boolean => keys.every((k) => k === 'op' || allowed.includes(k));
  const text = (k: string): boolean => typeof v[k] === 'string';
  switch (op as EngineOp) {
    case 'open':
    case 'query-rest':
    case 'cancel':
    case 'close':
      return only() ? { op } as EngineRequest : null;
    case 'query':
      if (!only('sql', 'readOnly', 'firstRows') || !text('sql') || typeof v.readOnly !== 'boolean') return null;
      if (v.firstRows === undefined) return { op: 'query', sql: v.sql as string, readOnly: v.readOnly };
      return Number.isSafeInteger(v.firstRows) && (v.firstRows as number) > 0 ? { op: 'query', sql: v.sql as string, readOnly: v.readOnly, firstRows: v.firstRows as number } : null;
    case 'register-file':
      if (!only('name', 'staged') || !text('name') || (v.staged !== undefined && !text('staged'))) return null;
      return v.staged === undefined ? { op: 'register-file', name: v.name as string } : { op: 'register-file', name: v.name as string, staged: v.staged as string };
    case 'drop-file':
      return only('name') && text('name') ? { op: 'drop-file', name: v.name as string } : null;
    case 'copy-to-bytes':
      return only('query', 'options') && text('query') && text('options') ? { op: 'copy-to-bytes', query: v.query as string, options: v.options as string } : null;
    case 'insert-arrow':
      return only('table') && text('table') ? { op: 'insert-arrow', table: v.table as string } : null;
  }
}
