// Engine layer, page only: the native engine's transport in web mode — each engine request is one POST to the
// local server's engine endpoint, on the page's own origin, carrying the launch token the server printed in its
// URL. The server starts an engine-host process for each page that opens an engine (its session), so two windows
// never share tables. A file the analyst picked travels as a Blob body the browser streams from disk.
import { decodeFrame, encodeFrame, ENGINE_PATH, ENGINE_SESSION_HEADER, ENGINE_TOKEN_HEADER, ENGINE_TOKEN_PARAM, type EngineFrame, type EngineReply, type EngineRequest } from '../../../electron/engine-contract.ts';
import type { EngineTransport } from './native.ts';

/** The launch token in the page's address (web mode's server printed it), or null: then no native engine is there. */
export function engineToken(search: string): string | null {
  const token = new URLSearchParams(search).get(ENGINE_TOKEN_PARAM);
  return token !== null && /^[0-9a-f-]{36}$/.test(token) ? token : null;
}

const stopped = (message: string): EngineFrame<EngineReply> => ({ header: { ok: false, kind: 'engine-stopped', message } });

export class HttpEngineTransport implements EngineTransport {
  /** The server's name for this page's engine, from the reply to 'open'. */
  private session: string | null = null;
  private readonly endpoint: URL;

  /**
   * `base` is the server's address (the page's own origin by default); `headers` are for callers outside a browser
   * (tests, the bench), which must say their Origin themselves.
   */
  constructor(
    private readonly token: string,
    base: string = location.href,
    private readonly headers: Record<string, string> = {},
  ) {
    this.endpoint = new URL(ENGINE_PATH, base);
    // A page that goes away (reload, closed tab) ends its engine at once rather than leaving the process to the
    // server's limit on sessions; keepalive lets the request outlive the page.
    globalThis.addEventListener?.('pagehide', () => void this.post({ op: 'close' }, undefined, true).catch(() => undefined));
  }

  async send(request: EngineRequest, bytes?: Uint8Array | Blob): Promise<EngineFrame<EngineReply>> {
    let response: Response;
    try {
      response = await this.post(request, bytes);
    } catch (err) {
      return stopped(`the workbench server cannot be reached (${err instanceof Error ? err.message : String(err)}); start it again with npm start`);
    }
    if (request.op === 'open') this.session = response.headers.get(ENGINE_SESSION_HEADER);
    const frame = decodeFrame(new Uint8Array(await response.arrayBuffer()));
    if (frame === null) return { header: { ok: false, kind: 'bad-request', message: `the server answered ${response.status} without an engine reply` } };
    return { header: frame.header as EngineReply, bytes: frame.bytes };
  }

  close(): void {
    this.session = null;
  }

  private post(request: EngineRequest, bytes?: Uint8Array | Blob, keepalive = false): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, [ENGINE_TOKEN_HEADER]: this.token, 'Content-Type': 'application/octet-stream' };
    if (this.session !== null && request.op !== 'open') headers[ENGINE_SESSION_HEADER] = this.session;
    const head = encodeFrame({ header: request });
    const body = bytes === undefined ? head : new Blob([head, bytes as Uint8Array<ArrayBuffer> | Blob]);
    return fetch(this.endpoint, { method: 'POST', headers, body, keepalive, cache: 'no-store', credentials: 'omit' });
  }
}
