// The SQL console's state and the catalog its completion reads, on the real engine (duckdb-wasm's Node build, or
// native DuckDB in the engine matrix): a run is over when its result shows, so the next one is not refused while
// what follows a run (the catalog re-read) is still going; a catalog re-read asked during another reads again after
// it; one asked after the engine was replaced reads the new engine, never the old one's answer; and every run goes in
// the history, which survives the window and is never written over when it cannot be read.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newTestEngine, TEST_ENGINE } from '../lib/engine/node-native.ts';
import type { Engine, QueryOptions, QueryResult } from '../lib/engine/types.ts';
import { SqlCatalogState } from './sql-catalog.svelte.ts';
import { SqlConsoleState } from './sql-console.svelte.ts';
import { RunHistory } from './run-history.svelte.ts';
import { localSlots } from './local-slot.ts';
import { MemoryStorage } from '../../tests/unit/memory-storage.ts';

let engine: Engine;
let other: Engine;

beforeAll(async () => {
  engine = newTestEngine();
  other = newTestEngine();
  await Promise.all([engine.open(), other.open()]);
}, 120_000);
afterAll(() => Promise.all([engine.close(), other.close()]));

const firstColumn = (c: SqlConsoleState) => c.result?.table.schema.fields[0]?.name;
const tableNames = (c: SqlCatalogState) => c.catalog.tables.map((t) => t.name);

describe('a console run', () => {
  it('is over when its result shows: a run asked while the re-read after the last one is still going runs', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let after = 0;
    const sqlConsole = new SqlConsoleState({ engine: () => engine, afterQuery: () => ((after += 1), held) });
    const first = sqlConsole.run({ sql: 'SELECT 1 AS first', offset: 0 });
    await vi.waitFor(() => expect(firstColumn(sqlConsole)).toBe('first'));
    expect(sqlConsole.running).toBe(false);
    const second = sqlConsole.run({ sql: 'SELECT 2 AS second', offset: 0 });
    await vi.waitFor(() => expect(firstColumn(sqlConsole)).toBe('second'));
    expect(sqlConsole.log.map((e) => e.outcome)).toEqual(['done']);
    release();
    await Promise.all([first, second]);
    expect(after).toBe(2);
  });
});

/** The engine as it is, with a look at the console at the moment it hands over a result's first rows. */
function watching(inner: Engine, atFirstRows: () => void): Engine {
  return Object.assign(Object.create(inner) as Engine, {
    query: (sql: string, options: QueryOptions = {}) => {
      const told = options.onFirstRows;
      return inner.query(sql, told ? { ...options, onFirstRows: (first: QueryResult) => (told(first), atFirstRows()) } : options);
    },
  });
}

// duckdb-wasm's Node build runs each query whole (its blocking API), so only the native engine streams here; the
// page's duckdb-wasm streams too, tested through the UI (tests/e2e/sql-workspace.spec.ts).
describe.skipIf(TEST_ENGINE !== 'native')('a long result', () => {
  it('shows its first rows while the rest are read, then grows into the whole result in its rows\' order', async () => {
    const seen: { reading: boolean; running: boolean; rows: number; id: number }[] = [];
    const sqlConsole: SqlConsoleState = new SqlConsoleState({
      engine: () => watching(engine, () => seen.push({ reading: sqlConsole.reading, running: sqlConsole.running, rows: sqlConsole.result!.table.numRows, id: sqlConsole.resultId })),
    });
    await sqlConsole.run({ sql: 'SELECT 1 AS small', offset: 0 });
    const small = sqlConsole.resultId;
    expect(seen).toEqual([]); // a result read at once is never shown in part
    await sqlConsole.run({ sql: 'SELECT 0 AS setup;\nSELECT range AS n, range * 2 AS twice FROM range(500000)', offset: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ reading: true, running: true, id: small + 1 });
    expect(seen[0]!.rows).toBeGreaterThan(0);
    expect(seen[0]!.rows).toBeLessThan(500_000);
    expect(sqlConsole).toMatchObject({ reading: false, running: false, resultId: small + 1, sortable: true });
    const table = sqlConsole.result!.table;
    expect(table.numRows).toBe(500_000);
    for (const i of [0, seen[0]!.rows - 1, seen[0]!.rows, 499_999]) expect([table.getChild('n')!.get(i), table.getChild('twice')!.get(i)]).toEqual([i, 2 * i]);
    await sqlConsole.run({ sql: 'SELECT 1 AS small', offset: 0 });
    expect(sqlConsole.resultId).toBe(small + 2); // the same SQL again is a new result
  });

  it('cancelled after its first rows showed: the result before it is back and the engine answers', async () => {
    const sqlConsole: SqlConsoleState = new SqlConsoleState({ engine: () => watching(engine, () => void sqlConsole.cancel()) });
    await sqlConsole.run({ sql: 'SELECT 7 AS before', offset: 0 });
    const before = sqlConsole.result;
    await sqlConsole.run({ sql: 'SELECT range AS n FROM range(50000000)', offset: 0 });
    expect(sqlConsole).toMatchObject({ cancelled: true, reading: false, running: false, error: null });
    expect(sqlConsole.result).toBe(before);
    expect(sqlConsole.sortable).toBe(true);
    await vi.waitFor(() => expect(sqlConsole.stopping).toBe(false));
    expect((await engine.query('SELECT 3 AS after')).table.getChild('after')?.get(0)).toBe(3);
  });
});

describe('the catalog completion reads', () => {
  it('reads again after a read under way when asked meanwhile, so a table made in between is offered', async () => {
    const catalog = new SqlCatalogState(() => engine);
    await catalog.refresh(); // functions and keywords read: the next read goes straight to the tables
    const first = catalog.refresh();
    const made = engine.query('CREATE TABLE made_meanwhile AS SELECT 1 AS n');
    const second = catalog.refresh();
    await Promise.all([first, made, second]);
    expect(tableNames(catalog)).toContain('made_meanwhile');
  });

  it('reads the engine that replaced another, and an answer from the old one arriving later is not taken', async () => {
    await other.query('CREATE TABLE only_on_the_new_engine AS SELECT 1 AS n');
    let current = engine;
    const catalog = new SqlCatalogState(() => current);
    const onOld = catalog.refresh();
    current = other;
    await catalog.refresh();
    expect(tableNames(catalog)).toContain('only_on_the_new_engine');
    await onOld;
    expect(tableNames(catalog)).toContain('only_on_the_new_engine');
    expect(tableNames(catalog)).not.toContain('made_meanwhile');
  });
});

describe('the run history', () => {
  it('records every run — done with its rows, failed with the engine\'s first line — and keeps it for the next window', async () => {
    const storage = new MemoryStorage();
    const history = new RunHistory(localSlots('test.', storage));
    const sqlConsole = new SqlConsoleState({ engine: () => engine, recordRun: (r) => history.add(r) });
    await sqlConsole.run({ sql: 'SELECT * FROM range(3);\nSELECT 42 AS answer', offset: 0 });
    await sqlConsole.run({ sql: 'SELECT * FROM no_such_table', offset: 0 });
    const later = new RunHistory(localSlots('test.', storage));
    expect(later.runs.map(({ sql, rows, outcome, statements }) => ({ sql, rows, outcome, statements }))).toEqual([
      { sql: 'SELECT * FROM no_such_table', rows: null, outcome: 'failed', statements: 1 },
      { sql: 'SELECT * FROM range(3);\nSELECT 42 AS answer', rows: 1, outcome: 'done', statements: 2 },
    ]);
    expect(later.runs[0]!.error).toMatch(/^Catalog Error: Table with name no_such_table does not exist/);
    expect(later.runs[0]!.error).not.toContain('\n');
    expect(Date.parse(later.runs[1]!.at)).toBeLessThanOrEqual(Date.parse(later.runs[0]!.at));
  });

  it('leaves a stored history it cannot read as it was, and lists the runs of this window all the same', async () => {
    const storage = new MemoryStorage();
    storage.setItem('test.run-history.v1', '{"version":1,"runs":[{"sql":"SELECT 1"}]}');
    const history = new RunHistory(localSlots('test.', storage));
    expect(history.problem).toMatch(/could not be read/);
    const sqlConsole = new SqlConsoleState({ engine: () => engine, recordRun: (r) => history.add(r) });
    await sqlConsole.run({ sql: 'SELECT 1 AS n', offset: 0 });
    expect(history.runs.map((r) => r.sql)).toEqual(['SELECT 1 AS n']);
    expect(storage.getItem('test.run-history.v1')).toBe('{"version":1,"runs":[{"sql":"SELECT 1"}]}');
  });
});
