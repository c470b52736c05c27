// Tests of the engine host's fence: whatever SQL the page sends, native DuckDB reads only the files registered with
// it, writes no file, opens no database, loads no extension, reaches no network, and cannot undo its own settings.
// Each attempt must fail with a clear error and leave the host answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { EngineReply } from '../engine-contract.ts';
import { sandboxStatements } from './sandbox.ts';
import { spawnEngineHost, type EngineHostProcess } from './spawn.ts';

let dataDir: string;
let outside: string;
let host: EngineHostProcess;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'idmg-sandbox-'));
  outside = mkdtempSync(join(tmpdir(), 'idmg-outside-'));
  writeFileSync(join(outside, 'secret.csv'), 'a\n1\n');
  host = spawnEngineHost({ dataDir, threads: 1, memoryLimit: '256MiB' });
  expect((await host.send({ op: 'open' })).header.ok).toBe(true);
  expect((await host.send({ op: 'query', sql: 'CREATE TABLE people AS SELECT 1 AS id', readOnly: false })).header.ok).toBe(true);
  writeFileSync(join(dataDir, 'files', 'source.csv'), 'id\n2\n');
});

afterAll(() => {
  host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function run(sql: string, readOnly = false): Promise<EngineReply> {
  return (await host.send({ op: 'query', sql, readOnly })).header;
}

async function stillAnswers(): Promise<void> {
  const reply = await host.send({ op: 'query', sql: 'SELECT 1 AS one', readOnly: true });
  expect(reply.header.ok).toBe(true);
  expect(tableFromIPC(reply.bytes!).getChild('one')!.get(0)).toBe(1);
}

const files = (): string => join(dataDir, 'files');

describe('the sandbox statements', () => {
  it('lock the configuration last, after the folders and external access', () => {
    const sql = sandboxStatements({ dataDir: '/data', threads: 2, memoryLimit: '1024MiB' });
    expect(sql[0]).toBe('SET threads = 2');
    expect(sql.at(-1)).toBe('SET lock_configuration = true');
    expect(sql.indexOf("SET allowed_directories = ['/data/files/', '/data/tmp/']")).toBeLessThan(sql.indexOf('SET enable_external_access = false'));
    expect(sql).toContain(`ATTACH ':memory:' AS "workbench" (COMPRESS)`);
    expect(() => sandboxStatements({ dataDir: '/data', threads: 2, memoryLimit: "1GiB'; ATTACH" })).toThrow();
  });
});

describe('SQL cannot leave the data folder', () => {
  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error|disabled/],
    ["SELECT * FROM read_text('/etc/passwd')", /Permission Error|disabled/],
    ["SELECT * FROM glob('/etc/*')", /Permission Error|disabled/],
    ["SELECT * FROM read_csv('OUTSIDE/secret.csv')", /Permission Error|disabled/],
    ["SELECT * FROM read_text('DATA/incoming/*')", /Permission Error|disabled/],
    ["SELECT * FROM read_csv('https://example.com/data.csv')", /Permission Error|disabled|httpfs|not.*(found|loaded)/i],
    ["SELECT * FROM read_parquet('s3://bucket/x.parquet')", /Permission Error|disabled|httpfs|not.*(found|loaded)/i],
  ])('%s', async (template, error) => {
    const reply = await run(template.replace('OUTSIDE', outside).replace('DATA', dataDir));
    expect(reply).toMatchObject({ ok: false, kind: 'sql' });
    expect(!reply.ok && reply.message).toMatch(error);
    await stillAnswers();
  });

  it('glob over /etc finds nothing even read-only', async () => {
    const reply = await run("SELECT count(*) AS n FROM glob('/etc/*')", true);
    expect(reply.ok).toBe(false);
  });
});

describe('statements the host refuses whatever their text', () => {
  it.each([
    ["COPY (SELECT 1) TO 'FILES/x.csv'", 'COPY'],
    ["copy (select 1) to 'FILES/y.csv' (format csv)", 'COPY'],
    ["COPY people FROM 'FILES/source.csv'", 'COPY'],
    ["ATTACH 'OUTSIDE/x.duckdb' AS x", 'ATTACH'],
    ["ATTACH 'FILES/x.duckdb' AS x", 'ATTACH'],
    ["ATTACH ':memory:' AS x", 'ATTACH'],
    ['DETACH workbench', 'DETACH'],
    ['INSTALL httpfs', 'INSTALL or LOAD'],
    ['LOAD httpfs', 'INSTALL or LOAD'],
    ['FORCE INSTALL spatial', 'INSTALL or LOAD'],
    ["EXPORT DATABASE 'FILES/out'", 'EXPORT'],
    ["PREPARE sneaky AS COPY (SELECT 1) TO 'FILES/z.csv'", 'PREPARE'],
  ])('%s', async (template, name) => {
    const sql = template.replaceAll('FILES', files()).replaceAll('OUTSIDE', outside);
    for (const readOnly of [false, true]) {
      const reply = await run(sql, readOnly);
      expect(reply, `${sql} readOnly=${readOnly}`).toMatchObject({ ok: false, kind: 'not-allowed' });
      expect(!reply.ok && reply.message).toMatch(new RegExp(`^${name} is not allowed: `));
    }
    expect(existsSync(join(files(), 'x.csv'))).toBe(false);
    expect(existsSync('/tmp/idmg-x.csv')).toBe(false);
    await stillAnswers();
  });

  it('COPY outside the data folder fails already when DuckDB prepares it (its own Permission Error)', async () => {
    for (const readOnly of [false, true]) {
      const reply = await run("COPY (SELECT 1) TO '/tmp/idmg-x.csv'", readOnly);
      expect(reply).toMatchObject({ ok: false });
      expect(!reply.ok && `${reply.kind}: ${reply.message}`).toMatch(/^(sql: Permission Error|not-allowed: COPY is not allowed)/);
    }
    expect(existsSync('/tmp/idmg-x.csv')).toBe(false);
    await stillAnswers();
  });

  it('refuses a statement hidden after an allowed one, before running anything after it', async () => {
    const reply = await run(`CREATE TABLE before_copy AS SELECT 1 AS x; COPY before_copy TO '${files()}/x.csv'; CREATE TABLE after_copy AS SELECT 1`);
    expect(reply).toMatchObject({ ok: false, kind: 'not-allowed' });
    expect(await run('SELECT * FROM after_copy')).toMatchObject({ ok: false, kind: 'sql' });
    await stillAnswers();
  });

  it('copy-to-bytes cannot be steered to another file or statement', async () => {
    const target = join(files(), 'steered.csv');
    for (const [query, options] of [
      [`SELECT 1) TO '${target}' (FORMAT csv) --`, 'FORMAT csv, HEADER false'],
      ['SELECT 1 --', 'FORMAT csv, HEADER false'],
      [`SELECT 1; COPY (SELECT 2) TO '${target}'`, 'FORMAT csv, HEADER false'],
      ['SELECT 1', `FORMAT csv); COPY (SELECT 2) TO '${target}' (FORMAT csv`],
      ['SELECT 1', `FORMAT csv, HEADER false) --`],
      ["ATTACH ':memory:' AS x", 'FORMAT csv, HEADER false'],
    ]) {
      const reply = await host.send({ op: 'copy-to-bytes', query: query!, options: options! });
      if (reply.header.ok) expect(new TextDecoder().decode(reply.bytes)).toBe('1\n');
      expect(existsSync(target), `${query} / ${options}`).toBe(false);
    }
    await stillAnswers();
  });
});

describe('the locked configuration', () => {
  it.each([
    'SET enable_external_access = true',
    "SET allowed_directories = ['/']",
    "SET allowed_paths = ['/etc/passwd']",
    'RESET lock_configuration',
    'SET lock_configuration = false',
    'SET autoload_known_extensions = true',
    "SET temp_directory = '/tmp'",
    "SET memory_limit = '100GiB'",
  ])('%s', async (sql) => {
    const reply = await run(sql);
    expect(reply).toMatchObject({ ok: false, kind: 'sql' });
    expect(!reply.ok && reply.message).toMatch(/lock|configuration|cannot be changed/i);
    await stillAnswers();
  });

  it('keeps its settings', async () => {
    const reply = await host.send({
      op: 'query',
      sql: "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked, current_setting('autoinstall_known_extensions') AS inst, current_setting('TimeZone') AS tz",
      readOnly: true,
    });
    expect(tableFromIPC(reply.bytes!).toArray().map((r) => r.toJSON())).toEqual([{ ext: false, locked: true, inst: false, tz: 'UTC' }]);
  });
});
