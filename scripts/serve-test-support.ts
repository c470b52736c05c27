// Test support for the web-mode server tests: a temp renderer root (with a file and a folder outside it, reached
// through real symlinks), a server on port 0 over it, and clients on real sockets — node:net for raw bytes that
// no HTTP client would send, node:http for well-formed requests with chosen headers.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServeOptions } from './serve.ts';

export const SECRET = 'secret outside the root';
export const INDEX = '<!doctype html><title>workbench test root</title>';

export interface TestServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

/** A server over a fresh temp root; `close` stops it and removes the folder. */
export async function startTestServer(options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'workbench-serve-')));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'data.csv'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(join(base, 'outside'), join(root, 'assets', 'linked'));
  const { server } = await startServer({ port: 0, root, ...options });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(base, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

export interface RawAnswer {
  /** The status code of the first response line, or null if the server closed without answering. */
  status: number | null;
  text: string;
  /** True when the server closed the connection (false: still open when `waitMs` ran out). */
  closed: boolean;
}

/** Sends raw bytes and reads until the server closes the socket or `waitMs` passes. */
export function sendRaw(port: number, bytes: string | Buffer, waitMs = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.write(bytes);
  });
}

/** Opens a socket, sends the start of a request and leaves it hanging; returns the socket and its fate. */
export function stall(port: number, partial: string): { socket: Socket; ended: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const chunks: Buffer[] = [];
  socket.on('data', (c) => chunks.push(c));
  const ended = new Promise<string>((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  socket.write(partial);
  return { socket, ended };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A well-formed request on its own connection (no agent, no keep-alive). */
export function httpGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${method} ${path} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}
