// Web mode's native engine, tested on a real server, real sockets and real engine-host processes: the page's own
// transport (SocketEngineTransport, here over the `ws` package's client) runs SQL and uploads files in parts; each
// page has an engine of its own, ended when its socket closes; a handshake without the launch token, from another
// origin or to another host name is refused before any engine sees it; a killed engine is reported as stopped and
// a new one opens; no message, however malformed, stops the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { decodeFrame, encodeFrame, ENGINE_PATH, ENGINE_TOKEN_PARAM, ENGINE_UPLOAD_PART } from '../electron/engine-contract.ts';
import { NativeEngine } from '../renderer/lib/engine/native.ts';
import { engineSocketUrl, SocketEngineTransport, type SocketLike } from '../renderer/lib/engine/native-socket.ts';
import { numberColumn, textColumn } from '../renderer/lib/viz/columns.ts';
import { QueryError } from '../renderer/lib/engine/types.ts';
import { startServer, type StartedServer } from './serve.ts';

let srv: StartedServer;
let token: string;
let origin: string;
const refusals: string[] = [];

beforeAll(async () => {
  srv = await startServer({ port: 0, engine: { threads: 1, memoryLimit: '1GiB' }, onRefusal: (r) => refusals.push(r.kind) });
  token = new URL(srv.appUrl).searchParams.get(ENGINE_TOKEN_PARAM) ?? '';
  origin = new URL(srv.url).origin;
});
afterAll(async () => {
  await new Promise((r) => srv.server.close(r));
  expect(srv.engines?.count).toBe(0); // closing the server ended every engine process
});

const socketTo = (url: string, options: ClientOptions = { origin }) => (u: string = url) => new WebSocket(u, options) as unknown as SocketLike;
const transport = () => new SocketEngineTransport(engineSocketUrl(token, srv.url), socketTo(engineSocketUrl(token, srv.url)));
const page = () => new NativeEngine(transport());

/** A handshake with chosen address and headers: 101 when the socket opened, else the status the server refused with. */
function handshake(url: string, options: ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', (err) => reject(err));
  });
}

/** A raw socket of the page's kind, for messages no transport would send: what comes back, and how it closed. */
async function rawSocket(): Promise<{ ws: WebSocket; replies: unknown[]; closed: Promise<number> }> {
  const ws = new WebSocket(engineSocketUrl(token, srv.url), { origin });
  const replies: unknown[] = [];
  ws.on('message', (data: Buffer) => replies.push(decodeFrame(new Uint8Array(data))?.header));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  return { ws, replies, closed };
}

describe('the launch', () => {
  it('prints an address with a random token', () => {
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(srv.appUrl).toBe(`${srv.url}?${ENGINE_TOKEN_PARAM}=${token}`);
  });
});

describe('a page with the native engine', () => {
  it('runs SQL in native DuckDB and gets Arrow back', async () => {
    const engine = page();
    const info = await engine.open();
    expect(info.bundle).toBe('native');
    expect(info.threads).toBe(1);
    expect(info.memoryLimit).toMatch(/GiB|MiB/);
    const { table } = await engine.query("SELECT 41 + 1 AS answer, 'NRM' AS name");
    expect(numberColumn(table, 'answer')).toEqual([42]);
    expect(textColumn(table, 'name')).toEqual(['NRM']);
    await engine.close();
  });

  it('reads a file the page uploads (a Blob, in parts), under the path the engine gives', async () => {
    const engine = page();
    await engine.open();
    const csv = 'year,referrals\n2012,1186\n2013,1746\n';
    const path = await engine.registerFile('referrals.csv', new Blob([csv]));
    expect(path).not.toBe('referrals.csv');
    const { table } = await engine.query(`SELECT sum(referrals)::INTEGER AS n FROM read_csv('${path}')`);
    expect(numberColumn(table, 'n')).toEqual([2932]);
    // A file of three parts, its rows cut across the part boundaries, and an empty one.
    const rows = Math.ceil((2.5 * ENGINE_UPLOAD_PART) / 16);
    const big = new Blob(['id,value\n', Array.from({ length: rows }, (_, i) => `${String(i).padStart(7, '0')},${String(i % 1000).padStart(6, '0')}\n`).join('')]);
    expect(big.size).toBeGreaterThan(2 * ENGINE_UPLOAD_PART);
    const bigPath = await engine.registerFile('big.csv', big);
    const sums = await engine.query(`SELECT count(*)::INTEGER AS n, sum(value::INTEGER)::DOUBLE AS s FROM read_csv('${bigPath}', all_varchar = true)`);
    expect(numberColumn(sums.table, 'n')).toEqual([rows]);
    expect(numberColumn(sums.table, 's')).toEqual([Array.from({ length: rows }, (_, i) => i % 1000).reduce((a, b) => a + b, 0)]);
    const emptyPath = await engine.registerFile('empty.csv', new Blob([]));
    expect((await engine.query(`SELECT * FROM read_csv('${emptyPath}')`)).table.numRows).toBe(0);
    await engine.close();
  });

  it('lets a cancel overtake the query it stops, and the engine answers the next one', async () => {
    const engine = page();
    await engine.open();
    const slow = engine.query('SELECT count(*) FROM range(10000000000) a, range(10) b WHERE a.range % 7 = b.range').catch((e: unknown) => e);
    // The query is under way once the engine reports something to cancel (a cancel before it starts stops nothing).
    await expect.poll(() => engine.cancel(), { timeout: 10_000 }).toBe(true);
    const failure = await slow;
    expect(failure).toBeInstanceOf(QueryError);
    expect((failure as QueryError).message).toMatch(/interrupt/i);
    expect(numberColumn((await engine.query('SELECT 4 AS w')).table, 'w')).toEqual([4]);
    await engine.close();
  });

  it('hands a page the spare engine process started ahead, and starts the next spare', async () => {
    const spare = srv.engines?.sparePid();
    expect(spare).toBeGreaterThan(0);
    const engine = page();
    await engine.open();
    expect(srv.engines?.pids()).toContain(spare);
    await expect.poll(() => srv.engines?.sparePid()).toBeGreaterThan(0);
    expect(srv.engines?.sparePid()).not.toBe(spare);
    await engine.close();
  });

  it('gives each page an engine of its own, and ends it when the page closes it or goes away', async () => {
    const before = srv.engines?.count ?? 0;
    const a = page();
    const bTransport = transport();
    const b = new NativeEngine(bTransport);
    await a.open();
    await b.open();
    expect(srv.engines?.count).toBe(before + 2);
    await a.query('CREATE TABLE mine AS SELECT 1 AS x');
    await expect(b.query('SELECT * FROM mine')).rejects.toThrow(/mine/);
    await a.close();
    await expect.poll(() => srv.engines?.count).toBe(before + 1);
    await bTransport.close(); // the page reloaded: its socket closed without a word
    await expect.poll(() => srv.engines?.count).toBe(before);
  });

  it('says the engine stopped when its process is killed, once, and a new engine opens', async () => {
    let told = 0;
    const engine = new NativeEngine(transport(), () => (told += 1));
    await engine.open();
    await engine.query('CREATE TABLE t AS SELECT 1 AS x');
    const pids = srv.engines?.pids() ?? [];
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const failure = await engine.query('SELECT * FROM t').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryError);
    expect((failure as QueryError).kind).toBe('engine-stopped');
    expect((failure as QueryError).message).toMatch(/SIGKILL/);
    await expect(engine.query('SELECT 1')).rejects.toThrow(QueryError);
    expect(told).toBe(1);
    const again = page();
    await again.open();
    expect(numberColumn((await again.query('SELECT 2 AS y')).table, 'y')).toEqual([2]);
    await again.close();
  });
});

describe('who may ask the engine', () => {
  it('refuses a handshake without the token, with another token, or with two', async () => {
    const socket = new URL(ENGINE_PATH, srv.url.replace('http', 'ws'));
    const wrong = ['', `?${ENGINE_TOKEN_PARAM}=00000000-0000-0000-0000-000000000000`, `?${ENGINE_TOKEN_PARAM}=${token}x`, `?${ENGINE_TOKEN_PARAM}=${token}&${ENGINE_TOKEN_PARAM}=${token}`];
    for (const query of wrong) expect(await handshake(`${socket.href}${query}`, { origin })).toBe(403);
    expect(refusals.filter((r) => r === 'no-token')).toHaveLength(wrong.length);
    expect(await handshake(engineSocketUrl(token, srv.url), { origin })).toBe(101);
  });

  it('refuses another origin, a handshake with no Origin, a foreign Host and another path, even with the token', async () => {
    const url = engineSocketUrl(token, srv.url);
    for (const other of ['http://127.0.0.1:1', 'http://evil.example', 'null']) expect(await handshake(url, { origin: other })).toBe(403);
    expect(await handshake(url, {})).toBe(403);
    expect(await handshake(url, { origin: 'http://evil.example', headers: { Host: 'evil.example' } })).toBe(421);
    expect(await handshake(url.replace(ENGINE_PATH, '/index.html'), { origin })).toBe(400);
    // The engine is a socket only: a POST gets no engine.
    const post = await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers: { Origin: origin }, body: encodeFrame({ header: { op: 'open' } }) });
    expect(post.status).toBe(405);
  });

  it('answers a malformed request by its id, refuses a staged path or an oversized part, and drops a socket that sends no frames', async () => {
    const { ws, replies, closed } = await rawSocket();
    const send = (header: unknown, bytes?: Uint8Array) => ws.send(encodeFrame({ header, bytes }));
    send({ id: 1, request: { op: 'open', sql: 'x' } });
    send({ id: 2, request: { op: 'register-file', name: 'passwd', staged: '/etc/passwd' } });
    send({ id: 3, request: { op: 'register-file', name: 'x.csv' }, upload: 99 });
    send({ id: 4, upload: 5 }, new Uint8Array(ENGINE_UPLOAD_PART + 1));
    send({ id: 5, request: { op: 'query', sql: 'SELECT 1', readOnly: false }, upload: 5 });
    await expect.poll(() => replies.length).toBe(5);
    const kinds = Object.fromEntries((replies as { id: number; reply: { ok: boolean; kind?: string } }[]).map((r) => [r.id, r.reply.kind]));
    expect(kinds).toEqual({ 1: 'bad-request', 2: 'bad-request', 3: 'bad-request', 4: 'bad-request', 5: 'bad-request' });
    ws.send('SELECT 1'); // text, not a frame
    expect(await closed).toBe(1003);
  });

  it('survives any message: random bytes, frames cut short, headers claiming too much — and still opens an engine after', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const messages: Uint8Array<ArrayBuffer>[] = [new Uint8Array(0), new Uint8Array([1, 2, 3])];
    for (let i = 0; i < 40; i++) {
      const body = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      if (i % 3 === 0 && body.length >= 4) new DataView(body.buffer).setUint32(0, Math.floor(random() * 2 ** 32), true); // any header length
      if (i % 3 === 1) messages.push(encodeFrame({ header: { id: i + 1, request: { op: 'query', sql: 'SELECT 1', readOnly: random() > 0.5 } } }).subarray(0, Math.floor(random() * 40)));
      messages.push(body);
    }
    messages.push(encodeFrame({ header: [1, 2, 3] }), encodeFrame({ header: { id: -1, upload: 1 } }), encodeFrame({ header: { id: 1.5, request: { op: 'close' } } }));
    for (const message of messages) {
      const { ws, closed } = await rawSocket();
      ws.send(message);
      ws.send(encodeFrame({ header: { id: 1e6, request: { op: 'cancel' } } }));
      setTimeout(() => ws.close(), 20);
      expect([1000, 1003, 1005]).toContain(await closed);
    }
    const engine = page();
    await engine.open();
    expect(numberColumn((await engine.query('SELECT 3 AS z')).table, 'z')).toEqual([3]);
    await engine.close();
  });

  it('refuses the engine socket when the server runs without the native engine', async () => {
    const plain = await startServer({ port: 0 });
    const url = new URL(ENGINE_PATH, plain.url.replace('http', 'ws'));
    url.searchParams.set(ENGINE_TOKEN_PARAM, token);
    expect(await handshake(url.href, { origin: new URL(plain.url).origin })).toBe(404);
    expect(plain.appUrl).toBe(plain.url);
    await new Promise((r) => plain.server.close(r));
  });
});
