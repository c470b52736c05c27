// Web mode's native engine, tested on a real server, real sockets and real engine-host processes: the page's own
// transport (HttpEngineTransport) runs SQL and uploads files; each page has an engine of its own; requests without
// the launch token, from another origin or to another host name are refused before any engine sees them; a killed
// engine is reported as stopped and a new one opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, ENGINE_PATH, ENGINE_TOKEN_HEADER, ENGINE_TOKEN_PARAM } from '../electron/engine-contract.ts';
import { NativeEngine } from '../renderer/lib/engine/native.ts';
import { HttpEngineTransport } from '../renderer/lib/engine/native-http.ts';
import { numberColumn, textColumn } from '../renderer/lib/viz/columns.ts';
import { QueryError } from '../renderer/lib/engine/types.ts';
import { startServer, type StartedServer } from './serve.ts';
import { UPLOAD_MAX } from './serve-engine.ts';

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
  srv.server.closeAllConnections();
  await new Promise((r) => srv.server.close(r));
  expect(srv.engines?.count).toBe(0); // closing the server ended every engine process
});

const page = () => new NativeEngine(new HttpEngineTransport(token, srv.url, { Origin: origin }));

/** One raw engine request with chosen headers (a frame asking to open an engine). */
async function rawOpen(headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const body = encodeFrame({ header: { op: 'open' } });
  const response = await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
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

  it('reads a file the page uploads (a Blob, streamed), under the path the engine gives', async () => {
    const engine = page();
    await engine.open();
    const csv = 'year,referrals\n2012,1186\n2013,1746\n';
    const path = await engine.registerFile('referrals.csv', new Blob([csv]));
    expect(path).not.toBe('referrals.csv');
    const { table } = await engine.query(`SELECT sum(referrals)::INTEGER AS n FROM read_csv('${path}')`);
    expect(numberColumn(table, 'n')).toEqual([2932]);
    await engine.close();
  });

  it('hands a page the spare engine process started ahead, and starts the next spare', async () => {
    const spare = srv.engines?.sparePid();
    expect(spare).toBeGreaterThan(0);
    const engine = page();
    await engine.open();
    expect(srv.engines?.pids()).toContain(spare);
    expect(srv.engines?.sparePid()).toBeGreaterThan(0);
    expect(srv.engines?.sparePid()).not.toBe(spare);
    await engine.close();
  });

  it('gives each page an engine of its own, and ends it when the page closes it', async () => {
    const before = srv.engines?.count ?? 0;
    const a = page();
    const b = page();
    await a.open();
    await b.open();
    expect(srv.engines?.count).toBe(before + 2);
    await a.query('CREATE TABLE mine AS SELECT 1 AS x');
    await expect(b.query('SELECT * FROM mine')).rejects.toThrow(/mine/);
    await a.close();
    await b.close();
    expect(srv.engines?.count).toBe(before);
  });

  it('says the engine stopped when its process is killed, once, and a new engine opens', async () => {
    let told = 0;
    const engine = new NativeEngine(new HttpEngineTransport(token, srv.url, { Origin: origin }), () => (told += 1));
    await engine.open();
    await engine.query('CREATE TABLE t AS SELECT 1 AS x');
    const pids = srv.engines?.pids() ?? [];
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const failure = await engine.query('SELECT * FROM t').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryError);
    expect((failure as QueryError).kind).toBe('engine-stopped');
    await expect(engine.query('SELECT 1')).rejects.toThrow(QueryError);
    expect(told).toBe(1);
    const again = page();
    await again.open();
    expect(numberColumn((await again.query('SELECT 2 AS y')).table, 'y')).toEqual([2]);
    await again.close();
  });
});

describe('who may ask the engine', () => {
  it('refuses a request without the token, or with another token', async () => {
    const wrong: Record<string, string>[] = [{ Origin: origin }, { Origin: origin, [ENGINE_TOKEN_HEADER]: '00000000-0000-0000-0000-000000000000' }, { Origin: origin, [ENGINE_TOKEN_HEADER]: `${token}x` }];
    for (const headers of wrong) {
      const answer = await rawOpen(headers);
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(/token/);
    }
    expect(refusals).toContain('no-token');
  });

  it('refuses another origin, a request with no Origin, and a foreign Host, even with the token', async () => {
    for (const other of ['http://127.0.0.1:1', 'http://evil.example', 'null']) expect((await rawOpen({ Origin: other, [ENGINE_TOKEN_HEADER]: token })).status).toBe(403);
    expect((await rawOpen({ [ENGINE_TOKEN_HEADER]: token })).status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: new URL(srv.url).port, path: ENGINE_PATH, method: 'POST', headers: { Host: 'evil.example', Origin: 'http://evil.example', [ENGINE_TOKEN_HEADER]: token }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(Buffer.from(encodeFrame({ header: { op: 'open' } })));
    });
    expect(status).toBe(421);
  });

  it('bounds requests: a body past the limit, a body that is not a frame, a request that is not understood', async () => {
    const headers = { Origin: origin, [ENGINE_TOKEN_HEADER]: token };
    const { request } = await import('node:http');
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: new URL(srv.url).port, path: ENGINE_PATH, method: 'POST', headers: { ...headers, 'Content-Length': String(UPLOAD_MAX + 1) }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x');
      req.end();
    });
    expect(tooLarge).toBe(413);
    const notFrame = await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers, body: 'SELECT 1' });
    expect(notFrame.status).toBe(400);
    const unknown = await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers, body: encodeFrame({ header: { op: 'open', sql: 'x' } }) });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toMatch(/not understood/);
    const count = srv.engines?.count;
    expect((await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers, body: encodeFrame({ header: { op: 'query', sql: 'SELECT 1', readOnly: false } }) })).status).toBe(200);
    expect(srv.engines?.count).toBe(count); // a request outside any session starts no engine
  });

  it('survives any body: random bytes, frames cut short, headers claiming too much — and still opens an engine after', async () => {
    const headers = { Origin: origin, [ENGINE_TOKEN_HEADER]: token };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bodies: Uint8Array<ArrayBuffer>[] = [new Uint8Array(0), new Uint8Array([1, 2, 3])];
    for (let i = 0; i < 40; i++) {
      const body = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      if (i % 3 === 0 && body.length >= 4) new DataView(body.buffer).setUint32(0, Math.floor(random() * 2 ** 32), true); // any header length
      if (i % 3 === 1) bodies.push(encodeFrame({ header: { op: 'query', sql: 'SELECT 1', readOnly: random() > 0.5 } }).subarray(0, Math.floor(random() * 30)));
      bodies.push(body);
    }
    bodies.push(encodeFrame({ header: { op: 'register-file', name: '../../etc/passwd', staged: '/etc/passwd' } }));
    bodies.push(encodeFrame({ header: [1, 2, 3] }));
    for (const body of bodies) {
      const response = await fetch(new URL(ENGINE_PATH, srv.url), { method: 'POST', headers, body });
      expect([200, 400, 411]).toContain(response.status);
      await response.arrayBuffer();
    }
    const engine = page();
    await engine.open();
    expect(numberColumn((await engine.query('SELECT 3 AS z')).table, 'z')).toEqual([3]);
    await engine.close();
  });

  it('refuses POST altogether when the server runs without the native engine', async () => {
    const plain = await startServer({ port: 0 });
    const response = await fetch(new URL(ENGINE_PATH, plain.url), { method: 'POST', headers: { Origin: new URL(plain.url).origin }, body: encodeFrame({ header: { op: 'open' } }) });
    expect(response.status).toBe(405);
    expect(plain.appUrl).toBe(plain.url);
    plain.server.closeAllConnections();
    await new Promise((r) => plain.server.close(r));
  });
});
