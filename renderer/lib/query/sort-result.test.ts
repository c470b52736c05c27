// Sorting a result by a header runs its query again inside ORDER BY on the real engine: ascending, descending, back
// to the query's own order; NULLs last; a trailing comment kept harmless; DDL never sortable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../engine/node-native.ts';
import type { Engine } from '../engine/types.ts';
import { canSortResult, nextSort, sortedSql } from './sort-result.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

const column = async (sql: string) => {
  const vector = (await engine.query(sql)).table.getChild('Group count')!;
  return Array.from({ length: vector.length }, (_, i) => (vector.get(i) === null ? null : Number(vector.get(i))));
};

describe('a result sorted by a header', () => {
  it('is its query run again inside ORDER BY, NULLs last either way', async () => {
    const sql = "SELECT * FROM (VALUES ('Kent', 3), ('Gwent', NULL), ('Dyfed', 5)) t(force, \"Group count\") -- the forces";
    let sort = nextSort(null, 'Group count');
    expect(await column(sortedSql(sql, sort))).toEqual([3, 5, null]);
    sort = nextSort(sort, 'Group count');
    expect(await column(sortedSql(sql, sort))).toEqual([5, 3, null]);
    sort = nextSort(sort, 'Group count');
    expect(sort).toBeNull();
    expect(sortedSql(sql, sort)).toBe(sql);
    expect(nextSort({ column: 'force', descending: true }, 'Group count')).toEqual({ column: 'Group count', descending: false });
  });

  it('is offered for queries, never for statements that change something', () => {
    for (const q of ['SELECT 1', '  -- note\nWITH a AS (SELECT 1) SELECT * FROM a', 'FROM t', '(SELECT 1) UNION (SELECT 2)', 'VALUES (1)', '/* c */ select 1']) expect(canSortResult(q), q).toBe(true);
    for (const q of ['CREATE TABLE x AS SELECT 1', 'INSERT INTO x VALUES (1)', 'DROP TABLE x', 'COPY x TO \'f.csv\'', 'SET threads = 1']) expect(canSortResult(q), q).toBe(false);
  });
});
