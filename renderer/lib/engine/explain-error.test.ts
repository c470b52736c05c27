// Errors from the real engine, explained: runs bad SQL on duckdb-wasm (Node build) or native DuckDB (as
// IDMG_TEST_ENGINE says) and checks the words shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine, TEST_ENGINE } from './node-native.ts';
import type { Engine } from './types.ts';
import { ENGINE_STOPPED, QueryError } from './types.ts';
import { explainQueryError } from './explain-error.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
});
afterAll(() => engine.close());

async function errorOf(sql: string): Promise<string> {
  try {
    await engine.query(sql);
  } catch (err) {
    expect(err).toBeInstanceOf(QueryError);
    return (err as QueryError).engineMessage;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('explainQueryError', () => {
  it('names a missing table', async () => {
    const e = explainQueryError(await errorOf('SELECT * FROM no_such_table'));
    expect(e.summary).toBe('There is no table called no_such_table.');
    expect(e.engineMessage).toMatch(/no_such_table/);
  });
  it('names a missing column', async () => {
    const e = explainQueryError(await errorOf('SELECT nope FROM range(3)'));
    expect(e.summary).toMatch(/no column called nope/);
  });
  it('explains a syntax error', async () => {
    expect(explainQueryError(await errorOf('SELEC 1')).summary).toMatch(/^The SQL could not be read/);
  });
  it('explains the locked configuration', async () => {
    expect(explainQueryError(await errorOf("SET autoload_known_extensions = true")).summary).toBe('Settings are locked in this workbench.');
  });
  it('explains a blocked extension', async () => {
    expect(explainQueryError(await errorOf("SELECT * FROM sqlite_scan('x.db', 't')")).summary).toMatch(/network or an extension/);
  });
  it.skipIf(TEST_ENGINE !== 'native')('explains a file SQL may not open (the native engine’s sandbox)', async () => {
    const e = explainQueryError(await errorOf("SELECT * FROM read_csv('/etc/passwd')"));
    expect(e.summary).toBe('SQL cannot open files on this computer, so “/etc/passwd” was not read.');
    expect(e.hint).toMatch(/Import data/);
  });
  it('explains a stopped engine and out-of-memory, even when the message links to the web', () => {
    const stopped = new QueryError('SELECT 1', `${ENGINE_STOPPED} (offset is out of bounds)`);
    expect(stopped.kind).toBe('engine-stopped');
    expect(explainQueryError(stopped.engineMessage, stopped.kind).summary).toMatch(/engine stopped/);
    const oom = new QueryError('SELECT 1', 'Out of Memory Error: failed to allocate data of size 1.0 GiB (3.1 GiB/3.1 GiB used). See https://duckdb.org/docs/');
    expect(oom.kind).toBe('out-of-memory');
    expect(explainQueryError(oom.engineMessage, oom.kind).summary).toBe(
      'The query needs more memory than the engine has.',
    );
  });
  it('falls back to a general sentence and keeps the engine message', () => {
    const e = explainQueryError('Something odd');
    expect(e.summary).toBe('The query could not be run.');
    expect(e.engineMessage).toBe('Something odd');
  });
});
