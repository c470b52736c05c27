// Column profiles on the real engine (duckdb-wasm's Node build): every figure checked against a small table whose
// profile is worked out by hand — nulls, distinct values, medians of odd and even counts, ties in the top values,
// histograms that add up — over INTEGER, DOUBLE, VARCHAR, DATE, BOOLEAN and TIMESTAMP columns, an all-null column,
// an empty table and a column whose name holds spaces and quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { columnKind, describeSql, readColumns, type ProfileColumn } from './columns.ts';
import { readSummary, summarySql, type TableSummary } from './summary.ts';
import { readTopValues, topValuesSql } from './top-values.ts';
import { histogramSql, planBins, readHistogram, type Bin } from './histogram.ts';

let engine: Engine;
const WEIRD = 'weird "name" col';

beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  await engine.query(`CREATE TABLE p AS SELECT * FROM (VALUES
    (1, 'b', DATE '2024-01-01', true, 1.5, NULL::VARCHAR, TIMESTAMP '2024-01-01 00:00:00'),
    (2, 'a', DATE '2024-01-03', false, 2.5, NULL, TIMESTAMP '2024-01-01 10:00:00'),
    (4, 'b', NULL, true, 10.0, NULL, NULL),
    (7, NULL, DATE '2024-01-03', NULL, 4.0, NULL, TIMESTAMP '2024-01-01 20:00:00'),
    (NULL, 'c', DATE '2024-01-10', true, 0.25, NULL, NULL)
  ) t(n, "${WEIRD.replaceAll('"', '""')}", d, flag, x, nothing, ts)`);
  await engine.query('ALTER TABLE p ALTER x TYPE DOUBLE');
  await engine.query('CREATE TABLE empty_t (a INTEGER, b VARCHAR)');
  await engine.query('CREATE TABLE ties AS SELECT (i % 12) + 1 AS v, (i % 12)::VARCHAR AS s FROM range(24) t(i)');
}, 60_000);
afterAll(() => engine.close());

async function columns(table: string): Promise<ProfileColumn[]> {
  return readColumns((await engine.query(describeSql(table))).table);
}
async function summary(table: string): Promise<TableSummary> {
  const cols = await columns(table);
  return readSummary((await engine.query(summarySql(table, cols))).table, cols);
}
const col = (s: TableSummary, name: string) => s.columns.find((c) => c.name === name)!;
async function histogram(table: string, s: TableSummary, name: string): Promise<Bin[]> {
  const c = col(s, name);
  const plan = planBins(c)!;
  return readHistogram((await engine.query(histogramSql(table, c, plan))).table, plan);
}
const total = (bins: Bin[]) => bins.reduce((a, b) => a + b.count, 0);

describe('column kinds', () => {
  it('reuses the number rule and tells dates, timestamps, booleans, text and nested types apart', () => {
    expect(['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL(10,2)', 'UTINYINT', 'HUGEINT'].map(columnKind)).toEqual(Array(6).fill('number'));
    expect(['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'BOOLEAN', 'VARCHAR', "ENUM('a', 'b')", 'INTEGER[]', 'STRUCT(a INTEGER)', 'BLOB'].map(columnKind)).toEqual([
      'date', 'timestamp', 'timestamp', 'boolean', 'text', 'text', 'nested', 'nested', 'other',
    ]);
  });
});

describe('summary (one scan of every column)', () => {
  it('counts rows, nulls and distinct values, and gives min, max, mean and median of numbers', async () => {
    const s = await summary('p');
    expect(s.rows).toBe(5);
    expect(col(s, 'n')).toMatchObject({ type: 'INTEGER', kind: 'number', nonNull: 4, nulls: 1, min: 1, max: 7, mean: 3.5, median: 3 });
    // An odd count: the middle value.
    expect(col(s, 'x')).toMatchObject({ type: 'DOUBLE', nonNull: 5, nulls: 0, min: 0.25, max: 10, mean: 3.65, median: 2.5 });
    // Text is counted with its top values, not in the summary's scan.
    expect(col(s, WEIRD)).toMatchObject({ type: 'VARCHAR', kind: 'text', nonNull: null, nulls: null, min: null, max: null, mean: null, median: null });
    expect(col(s, 'd')).toMatchObject({ type: 'DATE', nonNull: 4, nulls: 1, min: '2024-01-01', max: '2024-01-10', lo: 19723, hi: 19732 });
    expect(col(s, 'flag')).toMatchObject({ type: 'BOOLEAN', kind: 'boolean', nonNull: 4, nulls: 1, min: null, lo: null });
    expect(col(s, 'ts')).toMatchObject({ nonNull: 3, min: '2024-01-01 00:00:00', max: '2024-01-01 20:00:00' });
  });

  it('an all-null column has no min, max, mean or median, and no histogram; an all-null number counts 0', async () => {
    await engine.query('CREATE TABLE nulls_t AS SELECT NULL::INTEGER AS i FROM range(3)');
    expect(col(await summary('nulls_t'), 'i')).toMatchObject({ rows: 3, nonNull: 0, nulls: 3, min: null, mean: null, median: null, lo: null });
    const nothing = col(await summary('p'), 'nothing');
    expect(nothing).toMatchObject({ kind: 'text', nonNull: null, nulls: null, min: null, max: null, lo: null, hi: null });
    expect(planBins(nothing)).toBeNull();
  });

  it('an empty table: 0 rows, nothing else', async () => {
    const s = await summary('empty_t');
    expect(s.rows).toBe(0);
    expect(s.columns.map((c) => [c.name, c.nonNull, c.nulls, c.min, c.mean, c.median])).toEqual([
      ['a', 0, 0, null, null, null],
      ['b', null, null, null, null, null],
    ]);
    expect(readTopValues((await engine.query(topValuesSql('empty_t', s.columns[0]!))).table)).toEqual({ distinct: 0, nonNull: 0, values: [] });
  });
});

const top = async (table: string, name: string) => readTopValues((await engine.query(topValuesSql(table, (await columns(table)).find((c) => c.name === name)!))).table);

describe('top values and distinct counts', () => {
  it('counts each value, leaves nulls out, orders ties by value, and counts distinct values exactly', async () => {
    expect(await top('p', WEIRD)).toEqual({
      distinct: 3,
      nonNull: 4,
      values: [
        { text: 'b', number: null, count: 2 },
        { text: 'a', number: null, count: 1 },
        { text: 'c', number: null, count: 1 },
      ],
    });
    const flag = await top('p', 'flag');
    expect([flag.distinct, flag.values.map((v) => [v.text, v.count])]).toEqual([2, [['true', 3], ['false', 1]]]);
    expect((await top('p', 'n')).distinct).toBe(4);
    expect((await top('p', 'd')).values.map((v) => [v.text, v.count])).toEqual([['2024-01-03', 2], ['2024-01-01', 1], ['2024-01-10', 1]]);
    expect(await top('p', 'nothing')).toEqual({ distinct: 0, nonNull: 0, values: [] });
  });

  it('keeps the 10 most frequent; ties of numbers in number order (9 before 10), of text in text order', async () => {
    const numbers = await top('ties', 'v');
    expect(numbers.distinct).toBe(12);
    expect(numbers.values.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(numbers.values.every((x) => x.count === 2)).toBe(true);
    expect((await top('ties', 's')).values.map((x) => x.text)).toEqual(['0', '1', '10', '11', '2', '3', '4', '5', '6', '7']);
  });
});

describe('histograms', () => {
  it('whole numbers: one bin per value when few, empty bins included, adding up to the non-null count', async () => {
    const s = await summary('p');
    const bins = await histogram('p', s, 'n');
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([[1, 1, 1], [2, 2, 1], [3, 3, 0], [4, 4, 1], [5, 5, 0], [6, 6, 0], [7, 7, 1]]);
  });

  it('doubles: nice widths from a multiple of the width; counts add up', async () => {
    const s = await summary('p');
    const bins = await histogram('p', s, 'x');
    expect(planBins(col(s, 'x'))).toEqual({ start: 0, width: 0.5, count: 21, discrete: false });
    expect(total(bins)).toBe(5);
    expect(bins.filter((b) => b.count > 0).map((b) => [b.from, b.count])).toEqual([[0, 1], [1.5, 1], [2.5, 1], [4, 1], [10, 1]]);
  });

  it('dates: one bin per day over a short span; timestamps: equal steps, the last value in the last bin', async () => {
    const s = await summary('p');
    const days = await histogram('p', s, 'd');
    expect(days).toHaveLength(10);
    expect(days.map((b) => b.count)).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
    const ts = await histogram('p', s, 'ts');
    expect(ts).toHaveLength(20);
    expect([ts[0]!.count, ts[10]!.count, ts[19]!.count, total(ts)]).toEqual([1, 1, 1, 3]);
  });

  it('wide ranges and awkward decimals: at most 22 bins, every value counted', async () => {
    await engine.query('CREATE TABLE wide AS SELECT (i * 7919) % 100003 AS a, i * 0.1 AS b, -i AS c FROM range(1000) t(i)');
    const s = await summary('wide');
    for (const name of ['a', 'b', 'c']) {
      const bins = await histogram('wide', s, name);
      expect(bins.length, name).toBeLessThanOrEqual(22);
      expect(total(bins), name).toBe(1000);
    }
    expect(planBins(col(s, 'b'))).toEqual({ start: 0, width: 5, count: 20, discrete: false });
    // 0.3 is not 3 × 0.1 in binary: each tenth from 0 to 2 still lands in the bin that starts at it.
    await engine.query('CREATE TABLE tenths AS SELECT i / 10 AS t FROM range(21) r(i)');
    const tenths = await histogram('tenths', await summary('tenths'), 't');
    expect(tenths.map((b) => [b.from, b.count])).toEqual(Array.from({ length: 21 }, (_, i) => [i / 10, 1]));
  });
});
