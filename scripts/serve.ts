// Web mode: serves the built renderer (out/renderer) on 127.0.0.1 with exactly the security headers of the
// app:// protocol (electron/main/headers.ts), so the page is cross-origin isolated and locked down the same way.
// Usage: tsx scripts/serve.ts [--port N] [--log requests.jsonl]   (port 0 picks a free one)
import { createServer, type Server } from 'node:http';
import { appendFileSync, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { securityHeaders } from '../electron/main/headers.ts';
import { contentTypeFor, resolveInside } from '../electron/main/static-files.ts';

export const rendererDir = join(import.meta.dirname, '..', 'out', 'renderer');

export interface ServeOptions {
  port: number;
  root?: string;
  /** Called with every request the server sees (method, url), for audits. */
  onRequest?: (method: string, url: string) => void;
  /** Tests only: false drops COOP/COEP so the page is not cross-origin isolated (the engine's eh fallback). */
  isolated?: boolean;
}

const ISOLATION = ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy'];

export function startServer({ port, root = rendererDir, onRequest, isolated = true }: ServeOptions): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    onRequest?.(req.method ?? 'GET', req.url ?? '/');
    const headers = securityHeaders();
    if (!isolated) for (const h of ISOLATION) delete headers[h];
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolveInside(root, pathname);
    if (!file) return send(403, 'Forbidden');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'Not found');
      send(200, await readFile(file), contentTypeFor(file));
    } catch {
      send(404, 'Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5180' }, log: { type: 'string' } } });
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The renderer is not built yet: run `npm run build` first (or `npm run web`, which builds).');
    process.exit(1);
  }
  const log = values.log;
  const { url } = await startServer({
    port: Number(values.port),
    onRequest: log ? (method, u) => appendFileSync(log, JSON.stringify({ method, url: u }) + '\n') : undefined,
  });
  console.log(`IDMG workbench (web mode) at ${url} — open it in Chromium or Chrome. Ctrl+C stops it.`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) void main();
