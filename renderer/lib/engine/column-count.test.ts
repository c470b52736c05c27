// Counting a pivot's column axis before it runs, on the real engine: filters, blanks and top-N applied, each field
// counted once (a one-column scan) and the real combinations only when the fields together could pass the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from './node-native.ts';
import { PivotRunner } from './pivot-runner.ts';
import { WIDE_COLUMNS } from '../query/pivot/column-count.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { Engine, QueryOptions } from './types.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  await engine.query('CREATE TABLE wide AS SELECT i % 50000 AS k, i % 7 AS g, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 40 END AS h, 1 AS n FROM range(200000) t(i)');
});
afterAll(() => engine.close());

const count = { field: null, aggregate: 'count' as const, label: 'Count of records', showAs: 'raw' as const };
function spec(partial: Partial<PivotSpec>): PivotSpec {
  return { version: 1, source: { kind: 'table', table: 'wide' }, rows: [], columns: [], values: [count], filters: [], fieldOptions: {}, grandTotals: { rows: true, columns: true }, nulls: 'show', collapsed: { rows: [], columns: [] }, expected: null, protection: null, ...partial };
}

/** The real engine, with every SQL statement it is asked to run written down. */
function recording(): { engine: Engine; sql: string[] } {
  const sql: string[] = [];
  const query = (s: string, options?: QueryOptions) => {
    sql.push(s);
    return engine.query(s, options);
  };
  return { sql, engine: Object.assign(Object.create(engine) as Engine, { query }) };
}

describe('counting the column axis before the pivot runs', () => {
  it('a field of 50,000 values is wide; with a filter, blanks hidden or a top N it is not', async () => {
    const runner = new PivotRunner(engine);
    const schema = await runner.schema({ kind: 'table', table: 'wide' });
    expect(await runner.columnCount(spec({ columns: ['k'] }), schema)).toEqual({ wide: true, combinations: 50000, perField: [50000] });
    const filtered = spec({ columns: ['k'], filters: [{ field: 'k', op: 'lt', values: [500] }] });
    expect(await runner.columnCount(filtered, schema)).toMatchObject({ wide: false, perField: [500] });
    const top = spec({ columns: ['k'], fieldOptions: { k: { sortBy: 'label', direction: 'asc', topN: { n: 20, value: 0, other: true }, subtotals: true } } });
    expect((await runner.columnCount(top, schema)).wide).toBe(false);
    // (blank) counts as a value of its own, unless blanks are hidden.
    expect((await runner.columnCount(spec({ columns: ['h'] }), schema)).perField).toEqual([41]);
    expect((await runner.columnCount(spec({ columns: ['h'], nulls: 'hide' }), schema)).perField).toEqual([40]);
  });

  it('counts real combinations only when the fields together could pass the limit', async () => {
    const { engine: counted, sql } = recording();
    const runner = new PivotRunner(counted);
    const schema = await runner.schema({ kind: 'table', table: 'wide' });
    sql.length = 0;
    // 7 × 41 could not pass 1,000: two one-field counts, no combination count.
    expect(await runner.columnCount(spec({ columns: ['g', 'h'] }), schema)).toMatchObject({ wide: false, perField: [7, 41] });
    expect(sql).toHaveLength(2);
    // g × k could (7 × 50,000), and does: k and g are independent here, so every one of the 200,000 rows is its own pair.
    const wide = await runner.columnCount(spec({ columns: ['g', 'k'] }), schema);
    expect(wide).toEqual({ wide: true, combinations: 200000, perField: [7, 50000] });
    expect(sql).toHaveLength(4); // k counted (g was known), then the combinations
    // Asked again (rows ↔ columns order, other values): nothing runs.
    await runner.columnCount(spec({ columns: ['g', 'k'], values: [count, count] }), schema);
    expect(sql).toHaveLength(4);
    expect(WIDE_COLUMNS).toBe(1000);
  });

  it('counts a saved query as the source like a table', async () => {
    const runner = new PivotRunner(engine);
    const source = { kind: 'query' as const, name: 'Low k', sql: 'SELECT k, g FROM wide WHERE k < 2000 -- a comment at the end' };
    const schema = await runner.schema(source);
    expect(await runner.columnCount(spec({ source, columns: ['k'] }), schema)).toEqual({ wide: true, combinations: 2000, perField: [2000] });
    expect(await runner.columnCount(spec({ source, columns: ['g'] }), schema)).toEqual({ wide: false, combinations: 7, perField: [7] });
  });
});
