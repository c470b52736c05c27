// Web mode: serves the built renderer (out/renderer) on 127.0.0.1 with exactly the security headers of the
// app:// protocol (electron/main/headers.ts), so the page is cross-origin isolated and locked down the same way.
// Any local process or page can reach this port, so nothing a request carries may stop the server: who may ask is
// judged by serve-request.ts, files go through the same textual and realpath checks as app://, every handler path
// ends in a status code, and slow or stalled clients are timed out rather than held forever.
// With the native engine on (the default for `npm start`), a random token is made at launch and printed in the
// address; POST /engine with that token runs SQL in native DuckDB (serve-engine.ts), one engine process per page.
// Usage: tsx scripts/serve.ts [--port N] [--log requests.jsonl] [--no-native]   (port 0 picks a free one)
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync, createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { securityHeaders } from '../electron/main/headers.ts';
import { contentTypeFor, resolveInside } from '../electron/main/static-files.ts';
import { lookupFileInside } from '../electron/main/file-lookup.ts';
import { judgeRequest, refusalText, type Refusal } from './serve-request.ts';
import { EngineSessions, type EngineSessionsOptions } from './serve-engine.ts';
import { ENGINE_TOKEN_PARAM } from '../electron/engine-contract.ts';

export const rendererDir = join(import.meta.dirname, '..', 'out', 'renderer');
/** The engine host as built by `npm run build` (electron.config.ts): forked as plain JS, no tsx at start-up. */
export const builtEngineHost = join(import.meta.dirname, '..', 'out', 'main', 'engine-host.js');

/** The engine host to fork: the built one when `npm run build` wrote it, else the source (through tsx). */
export function engineHostProgram(): string | undefined {
  return existsSync(builtEngineHost) ? builtEngineHost : undefined;
}

export interface ServeOptions {
  port: number;
  root?: string;
  /** Called with every request the server sees (method, url), for audits. */
  onRequest?: (method: string, url: string) => void;
  /** Called when a request is refused (wrong host, cross-origin, method, target), for audits. */
  onRefusal?: (refusal: Refusal, method: string, url: string) => void;
  /** Tests only: false drops COOP/COEP so the page is not cross-origin isolated (the engine's eh fallback). */
  isolated?: boolean;
  /** How long a client may take to send its request headers before it gets 408 and is dropped (default 10 s). */
  headersTimeoutMs?: number;
  /** Native DuckDB for pages opened with the launch token (see serve-engine.ts); off unless asked for. */
  engine?: EngineSessionsOptions | false;
}

export interface StartedServer {
  server: Server;
  /** The server's root address (static files). */
  url: string;
  /** The address to open the app at: with the engine token when the native engine is on, else `url`. */
  appUrl: string;
  /** The engine sessions (pages with a native engine), when on. */
  engines: EngineSessions | null;
}

const ISOLATION = ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy'];
const TEXT = 'text/plain; charset=utf-8';

export function startServer({ port, root = rendererDir, onRequest, onRefusal, isolated = true, headersTimeoutMs = 10_000, engine = false }: ServeOptions): Promise<StartedServer> {
  const token = engine === false ? undefined : randomUUID();
  const engines = engine === false ? null : new EngineSessions(engine);
  const baseHeaders = (): Record<string, string> => {
    const headers = securityHeaders();
    if (!isolated) for (const h of ISOLATION) delete headers[h];
    return headers;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const target = req.url ?? '';
    onRequest?.(method, target);
    const send = (status: number, body: string, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { ...baseHeaders(), ...extra, 'Content-Type': TEXT, 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(method === 'HEAD' ? undefined : body);
    };
    const listening = (server.address() as AddressInfo).port;
    const verdict = judgeRequest({ method: req.method, target: req.url, headers: req.headers }, listening, token);
    if (verdict.kind === 'engine') return engines ? engines.handle(req, res, baseHeaders()) : send(405, 'Only GET and HEAD requests are served.', { Allow: 'GET, HEAD' });
    if (verdict.kind !== 'serve') {
      onRefusal?.(verdict, method, target);
      return send(verdict.status, refusalText(verdict, listening), verdict.kind === 'method' ? { Allow: 'GET, HEAD' } : {});
    }
    const candidate = resolveInside(root, verdict.pathname);
    if (candidate === null) return send(403, 'Forbidden');
    const found = lookupFileInside(root, candidate);
    if (found.kind === 'outside') return send(403, 'Forbidden');
    if (found.kind === 'missing') return send(404, 'Not found');
    const { size } = await stat(found.path);
    res.writeHead(200, { ...baseHeaders(), 'Content-Type': contentTypeFor(found.path), 'Content-Length': String(size) });
    if (method === 'HEAD') return void res.end();
    // A file that vanishes mid-stream ends the response early; the error is the client's truncated body, no more.
    pipeline(createReadStream(found.path), res, () => undefined);
  }

  /** Last resort for a bug or a disk error: answer 500 if nothing was sent yet, else drop the connection. */
  function fail(res: ServerResponse, error: unknown): void {
    console.error(`serve: request failed: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) return void res.destroy();
    const body = 'The server could not answer this request.';
    res.writeHead(500, { ...baseHeaders(), 'Content-Type': TEXT, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  const server = createServer(
    // Node checks these timeouts only every connectionsCheckingInterval: keep it short enough to honour them.
    // An engine request's body may be a large file upload: with the engine on, a whole request may take 30 minutes.
    { headersTimeout: headersTimeoutMs, requestTimeout: engines ? 30 * 60_000 : headersTimeoutMs * 3, connectionsCheckingInterval: Math.min(1000, headersTimeoutMs) },
    (req, res) => {
      // A client that vanishes mid-request or mid-response is not an error of ours; never let it surface as one.
      req.on('error', () => undefined);
      res.on('error', () => res.destroy());
      try {
        handle(req, res).catch((error: unknown) => fail(res, error));
      } catch (error) {
        fail(res, error);
      }
    },
  );
  // CONNECT is a proxy's verb, not ours: refuse it in HTTP rather than leaving the tunnel socket open.
  server.on('connect', (_req, socket) => {
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      // After start-up an 'error' (e.g. accept() failing with EMFILE under a connection flood) must not end the
      // process: say so and keep listening.
      server.on('error', (error) => console.error(`serve: ${error.message}`));
      const actual = (server.address() as AddressInfo).port;
      // Closing the server ends every engine process it started.
      server.on('close', () => engines?.closeAll());
      const url = `http://127.0.0.1:${actual}/`;
      resolve({ server, url, appUrl: token ? `${url}?${ENGINE_TOKEN_PARAM}=${token}` : url, engines });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5180' }, log: { type: 'string' }, 'no-native': { type: 'boolean', default: false } } });
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The renderer is not built yet: run `npm run build` first (or `npm run web`, which builds).');
    process.exit(1);
  }
  const log = values.log;
  const { appUrl, server } = await startServer({
    port: Number(values.port),
    engine: values['no-native'] ? false : { program: engineHostProgram() },
    onRequest: log ? (method, u) => appendFileSync(log, JSON.stringify({ method, url: u }) + '\n') : undefined,
  });
  // Ctrl+C or a kill ends the engine processes too (they also end on their own when this process goes).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
  console.log(`IDMG workbench (web mode) at ${appUrl} — open it in Chromium or Chrome. Ctrl+C stops it.`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) void main();
