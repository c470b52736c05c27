// Tests of the engine host as its callers meet it: a real child process started by spawnEngineHost, spoken to only
// through the protocol (electron/engine-contract.ts). Opening, results, several statements, read-only refusals,
// cancelling, files, Arrow in and out, COPY to bytes, and a process that dies under a pending request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bool, Float64, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { EngineFrame, EngineReply, EngineRequest } from '../engine-contract.ts';
import { NO_REST } from './host.ts';
import { spawnEngineHost, type EngineHostProcess } from './spawn.ts';

let dataDir: string;
let host: EngineHostProcess;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'idmg-host-'));
  host = spawnEngineHost({ dataDir, threads: 1, memoryLimit: '512MiB' });
});

afterAll(() => {
  host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ok(request: EngineRequest, bytes?: Uint8Array | Blob, on = host): Promise<EngineFrame<EngineReply>> {
  const reply = await on.send(request, bytes);
  if (!reply.header.ok) throw new Error(`${reply.header.kind}: ${reply.header.message}`);
  return reply;
}

async function rows(sql: string, readOnly = false): Promise<unknown[]> {
  const reply = await ok({ op: 'query', sql, readOnly });
  return tableFromIPC(reply.bytes!).toArray().map((row) => row.toJSON());
}

async function failure(request: EngineRequest, bytes?: Uint8Array): Promise<{ kind: string; message: string }> {
  const { header } = await host.send(request, bytes);
  if (header.ok) throw new Error(`expected a failure for ${JSON.stringify(request)}`);
  return header;
}

describe('the engine host process', () => {
  it('refuses requests before open, then opens and says what it runs on', async () => {
    expect(await failure({ op: 'query', sql: 'SELECT 1', readOnly: false })).toMatchObject({ kind: 'bad-request' });
    const { header } = await ok({ op: 'open' });
    expect(header).toMatchObject({ ok: true, info: { duckdbVersion: 'v1.4.3', threads: 1 } });
    expect(header.ok && header.info?.memoryLimit).toMatch(/MiB|GiB/);
    expect(await failure({ op: 'open' })).toMatchObject({ kind: 'bad-request' });
  });

  it('answers a malformed header with bad-request', async () => {
    expect(await failure({ op: 'drop-table', name: 'x' } as unknown as EngineRequest)).toMatchObject({ kind: 'bad-request' });
    expect(await failure({ op: 'query', sql: 'SELECT 1' } as unknown as EngineRequest)).toMatchObject({ kind: 'bad-request' });
  });

  it('runs a query and returns Arrow with the time it took', async () => {
    const reply = await ok({ op: 'query', sql: "SELECT 42 AS answer, 'x' AS letter", readOnly: true });
    expect(reply.header.ok && reply.header.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(tableFromIPC(reply.bytes!).toArray().map((r) => r.toJSON())).toEqual([{ answer: 42, letter: 'x' }]);
  });

  it('runs several statements and returns the last result; later ones see tables earlier ones made', async () => {
    expect(await rows('CREATE TABLE people AS SELECT 1 AS id; INSERT INTO people VALUES (2); SELECT id FROM people ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await rows('SELECT current_database() AS db')).toEqual([{ db: 'workbench' }]);
  });

  it('read-only refuses a write and several statements with DuckDB’s own words', async () => {
    const write = await failure({ op: 'query', sql: 'INSERT INTO people VALUES (3)', readOnly: true });
    expect(write).toMatchObject({ kind: 'sql' });
    expect(write.message).toMatch(/read-only/);
    const several = await failure({ op: 'query', sql: 'SELECT 1; SELECT 2', readOnly: true });
    expect(several).toEqual({ ok: false, kind: 'sql', message: 'Invalid Input Error: Cannot prepare multiple statements at once!' });
    expect(await rows('SELECT count(*) AS n FROM people', true)).toEqual([{ n: 2 }]);
  });

  it('passes DuckDB’s errors through unchanged', async () => {
    const error = await failure({ op: 'query', sql: 'SELECT * FROM nowhere', readOnly: false });
    expect(error.kind).toBe('sql');
    expect(error.message).toMatch(/^Catalog Error: Table with name nowhere does not exist/);
  });

  it('cancel interrupts a long query at once, and the host answers afterwards', async () => {
    expect((await ok({ op: 'cancel' })).header).toEqual({ ok: true, cancelled: false });
    const long = host.send({ op: 'query', sql: 'SELECT count(*) FROM range(10_000_000_000)', readOnly: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    expect((await ok({ op: 'cancel' })).header).toEqual({ ok: true, cancelled: true });
    const { header } = await long;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(header).toMatchObject({ ok: false, kind: 'sql' });
    expect(!header.ok && header.message).toMatch(/Interrupted/);
    expect(await rows('SELECT 1 AS still')).toEqual([{ still: 1 }]);
  });

  it('streams a result: its first rows answer at once, the rest follow on query-rest, and other requests wait for them', async () => {
    const first = await ok({ op: 'query', sql: 'CREATE TABLE streamed AS SELECT range AS n FROM range(100000); SELECT n, n % 7 AS k FROM streamed', readOnly: false, firstRows: 1000 });
    expect(first.header).toMatchObject({ ok: true, more: true });
    const head = tableFromIPC(first.bytes!);
    expect(head.numRows).toBeGreaterThanOrEqual(1000);
    expect(head.numRows).toBeLessThan(100_000);
    // Asked meanwhile: answered only after the rest was read, since the connection is busy with the result.
    const order: string[] = [];
    const other = host.send({ op: 'query', sql: 'SELECT count(*) AS n FROM streamed', readOnly: true }).then((r) => (order.push('other'), r));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rest = await ok({ op: 'query-rest' }).then((r) => (order.push('rest'), r));
    expect(tableFromIPC((await other).bytes!).getChild('n')?.get(0)).toBe(100_000);
    expect(order).toEqual(['rest', 'other']);
    const whole = head.concat(tableFromIPC(rest.bytes!));
    expect(whole.numRows).toBe(100_000);
    const n = whole.getChild('n')!;
    const k = whole.getChild('k')!;
    for (const i of [0, 999, 1000, 2047, 2048, 50_000, 99_999]) expect([n.get(i), k.get(i)]).toEqual([i, i % 7]);
    expect(await failure({ op: 'query-rest' })).toEqual({ ok: false, kind: 'sql', message: NO_REST });
  });

  it('a streamed result that fits in its first rows is answered whole; a failing one fails', async () => {
    const small = await ok({ op: 'query', sql: 'SELECT 1 AS one', readOnly: true, firstRows: 1000 });
    expect(small.header).not.toHaveProperty('more');
    expect(tableFromIPC(small.bytes!).toArray().map((r) => r.toJSON())).toEqual([{ one: 1 }]);
    expect(await failure({ op: 'query', sql: 'SELECT * FROM nowhere', readOnly: true, firstRows: 1000 })).toMatchObject({ kind: 'sql' });
    expect(await failure({ op: 'query', sql: 'INSERT INTO people VALUES (9)', readOnly: true, firstRows: 1000 })).toMatchObject({ kind: 'sql' });
    expect(await rows('SELECT count(*) AS n FROM people')).toEqual([{ n: 2 }]);
  });

  it('cancel drops a held result (its read-only transaction ends) and the host goes on', async () => {
    const first = await ok({ op: 'query', sql: 'SELECT range AS n FROM range(100000)', readOnly: true, firstRows: 10 });
    expect(first.header).toMatchObject({ more: true });
    expect((await ok({ op: 'cancel' })).header).toEqual({ ok: true, cancelled: true });
    expect(await failure({ op: 'query-rest' })).toEqual({ ok: false, kind: 'sql', message: NO_REST });
    // Not inside the read-only transaction any more: a write goes through.
    expect(await rows('CREATE TABLE after_cancel AS SELECT 1 AS x; SELECT x FROM after_cancel')).toEqual([{ x: 1 }]);
  });

  it('registers a file SQL reads by the path it returns, and drops it', async () => {
    const csv = new TextEncoder().encode('name,count\nAda,3\nBob,4\n');
    const { header } = await ok({ op: 'register-file', name: '../../evil name?.csv' }, new Blob([csv]));
    const path = header.ok ? header.path! : '';
    expect(path.startsWith(join(dataDir, 'files'))).toBe(true);
    expect(path).toMatch(/\/\d+-evil_name_\.csv$/);
    expect(await rows(`SELECT name, count FROM read_csv('${path}') ORDER BY name`)).toEqual([{ name: 'Ada', count: 3 }, { name: 'Bob', count: 4 }]);
    await ok({ op: 'drop-file', name: '../../evil name?.csv' });
    expect(existsSync(path)).toBe(false);
    await ok({ op: 'drop-file', name: 'never registered' });
  });

  it('moves a staged file in from incoming/, and refuses anything else as staged', async () => {
    const staged = join(dataDir, 'incoming', 'upload-1');
    writeFileSync(staged, 'x\n1\n2\n');
    const { header } = await ok({ op: 'register-file', name: 'big.csv', staged });
    expect(existsSync(staged)).toBe(false);
    expect(await rows(`SELECT sum(x) AS s FROM read_csv('${header.ok ? header.path : ''}')`)).toEqual([{ s: 3 }]);

    const outside = join(dataDir, 'outside.csv');
    writeFileSync(outside, 'x\n1\n');
    const link = join(dataDir, 'incoming', 'link');
    symlinkSync(outside, link);
    for (const path of [outside, link, join(dataDir, 'incoming', '..', 'outside.csv'), join(dataDir, 'incoming'), '/etc/passwd', join(dataDir, 'incoming', 'missing')]) {
      expect(await failure({ op: 'register-file', name: 'x.csv', staged: path }), path).toMatchObject({ kind: 'bad-request' });
    }
    expect(existsSync(outside)).toBe(true);
  });

  it('creates a table from Arrow (the import’s grid) and refuses one that exists', async () => {
    const table = new Table({
      text: vectorFromArray(['a', null, 'ç'], new Utf8()),
      number: vectorFromArray([1.5, 2, null], new Float64()),
      whole: vectorFromArray([1, null, 3], new Int32()),
      flag: vectorFromArray([true, false, null], new Bool()),
    });
    const bytes = tableToIPC(table, 'stream');
    await ok({ op: 'insert-arrow', table: 'grid' }, bytes);
    expect(await rows('SELECT * FROM grid')).toEqual([
      { text: 'a', number: 1.5, whole: 1, flag: true },
      { text: null, number: 2, whole: null, flag: false },
      { text: 'ç', number: null, whole: 3, flag: null },
    ]);
    expect(await rows("SELECT data_type FROM information_schema.columns WHERE table_name = 'grid' ORDER BY ordinal_position")).toEqual(
      ['VARCHAR', 'DOUBLE', 'INTEGER', 'BOOLEAN'].map((data_type) => ({ data_type })),
    );
    expect(await failure({ op: 'insert-arrow', table: 'grid' }, bytes)).toMatchObject({ kind: 'sql' });
    expect(await failure({ op: 'insert-arrow', table: 'nothing' })).toMatchObject({ kind: 'bad-request' });
  });

  it('inserts a large all-text grid', async () => {
    const n = 10_000;
    const table = new Table({ c0: vectorFromArray(Array.from({ length: n }, (_, i) => `v${i}`), new Utf8()) });
    await ok({ op: 'insert-arrow', table: 'big_grid' }, tableToIPC(table, 'stream'));
    expect(await rows("SELECT count(*) AS n, max(c0) AS m FROM big_grid")).toEqual([{ n, m: 'v9999' }]);
  });

  it('copies a query to bytes (CSV) and leaves no file behind', async () => {
    const { bytes } = await ok({ op: 'copy-to-bytes', query: 'SELECT id FROM people ORDER BY id', options: 'FORMAT csv, HEADER true' });
    expect(new TextDecoder().decode(bytes)).toBe('id\n1\n2\n');
    const parquet = await ok({ op: 'copy-to-bytes', query: 'SELECT 1 AS x', options: 'FORMAT parquet' });
    expect(new TextDecoder().decode(parquet.bytes!.subarray(0, 4))).toBe('PAR1');
    expect(readdirSync(join(dataDir, 'tmp')).filter((f) => f.startsWith('copy-'))).toEqual([]);
  });

  it('closes, and refuses requests after', async () => {
    await ok({ op: 'close' });
    expect(await failure({ op: 'query', sql: 'SELECT 1', readOnly: false })).toMatchObject({ kind: 'bad-request' });
  });
});

describe('a host process that dies', () => {
  it('resolves the pending request and every later one as engine-stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idmg-host-crash-'));
    const doomed = spawnEngineHost({ dataDir: dir, threads: 1, memoryLimit: '256MiB' });
    try {
      const exits: unknown[] = [];
      doomed.onExit((code, signal) => exits.push([code, signal]));
      await ok({ op: 'open' }, undefined, doomed);
      const pending = doomed.send({ op: 'query', sql: 'SELECT count(*) FROM range(10_000_000_000)', readOnly: false });
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(doomed.pid!, 'SIGKILL');
      const stopped = { ok: false, kind: 'engine-stopped', message: 'The engine stopped (its process ended: SIGKILL).' };
      expect((await pending).header).toEqual(stopped);
      expect(doomed.exited).toBe(true);
      expect(exits).toEqual([[null, 'SIGKILL']]);
      expect((await doomed.send({ op: 'query', sql: 'SELECT 1', readOnly: false })).header).toEqual(stopped);
    } finally {
      doomed.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kill() mid-query does the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idmg-host-kill-'));
    const doomed = spawnEngineHost({ dataDir: dir, threads: 1 });
    try {
      await ok({ op: 'open' }, undefined, doomed);
      const pending = doomed.send({ op: 'query', sql: 'SELECT count(*) FROM range(10_000_000_000)', readOnly: false });
      await new Promise((resolve) => setTimeout(resolve, 300));
      doomed.kill();
      expect((await pending).header).toMatchObject({ ok: false, kind: 'engine-stopped' });
      expect((await doomed.send({ op: 'open' })).header).toMatchObject({ ok: false, kind: 'engine-stopped' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
