// Tests of the engine host's Arrow results against the page's engine: the same SQL through duckdb-wasm (Node build,
// opened as the page opens it) and through the native host must give the same schema and the same values, because
// every pivot, chart and export reads these tables without knowing which engine made them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchReader, tableFromIPC, type Table } from 'apache-arrow';
import { NodeEngine } from '../../renderer/lib/engine/node.ts';
import { EngineHost } from './host.ts';

let wasm: NodeEngine;
let host: EngineHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'idmg-host-arrow-'));
  wasm = new NodeEngine();
  await wasm.open();
  host = new EngineHost({ dataDir, threads: 1, memoryLimit: '512MiB' });
  expect((await host.handle({ op: 'open' })).header.ok).toBe(true);
});

afterAll(async () => {
  await wasm?.close();
  await host?.handle({ op: 'close' });
  rmSync(dataDir, { recursive: true, force: true });
});

async function native(sql: string): Promise<Table> {
  const reply = await host.handle({ op: 'query', sql, readOnly: true });
  if (!reply.header.ok) throw new Error(reply.header.message);
  return tableFromIPC(reply.bytes!);
}

const plain = (value: unknown): unknown =>
  typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? [...value] : value;

/** Every column by position (names may repeat), every value read with get() so nulls stay null. */
function columns(table: Table): { name: string; type: string; values: unknown[] }[] {
  return table.schema.fields.map((field, i) => {
    const vector = table.getChildAt(i)!;
    return { name: field.name, type: String(field.type), values: Array.from({ length: table.numRows }, (_, r) => plain(vector.get(r))) };
  });
}

async function expectSame(sql: string): Promise<Table> {
  const expected = columns((await wasm.query(sql)).table);
  const actual = await native(sql);
  expect(columns(actual)).toEqual(expected);
  return actual;
}

/** Types the host gives as the wasm engine does: [expression, a second value] — a NULL row is added to each. */
const TYPED: [string, string][] = [
  ['(2::BIGINT ** 60)::BIGINT', '-5::BIGINT'],
  ['42::UBIGINT', '18446744073709551615::UBIGINT'],
  ['170141183460469231731687303715884105727::HUGEINT', '-3::HUGEINT'],
  ['(2::HUGEINT ** 100)::HUGEINT + 12345678901', '-(2::HUGEINT ** 70)::HUGEINT - 1'],
  ['123.45::DECIMAL(5,2)', '-1.005::DECIMAL(4,3)'],
  ['-12345678.901::DECIMAL(18,3)', '0.1::DECIMAL(18,3)'],
  ['12345678901234567890.1234567891::DECIMAL(38,10)', '-0.0000000001::DECIMAL(38,10)'],
  ['2147483647::INTEGER', '-1::INTEGER'],
  ['(-32768)::SMALLINT', '7::SMALLINT'],
  ['(-128)::TINYINT', '127::TINYINT'],
  ['4294967295::UINTEGER', '0::UINTEGER'],
  ['65535::USMALLINT', '1::USMALLINT'],
  ['255::UTINYINT', '2::UTINYINT'],
  ['1.0e300::DOUBLE', "'NaN'::DOUBLE"],
  ['1.5::FLOAT', '-0.25::FLOAT'],
  ['true', 'false'],
  ["'plain'", "'a longer text with ünïcödé, past twelve bytes'"],
  ["DATE '2020-01-02'", "DATE '1900-03-01'"],
  ["TIMESTAMP '2020-01-02 03:04:05.123456'", "TIMESTAMP '1969-12-31 23:59:59.999999'"],
  ["TIMESTAMPTZ '2020-01-02 03:04:05+02'", "TIMESTAMPTZ '1960-06-01 00:00:00'"],
  ["TIMESTAMP_S '2020-01-02 03:04:05'", "TIMESTAMP_S '1970-01-01 00:00:00'"],
  ["TIMESTAMP_MS '2020-01-02 03:04:05.123'", "TIMESTAMP_MS '1999-12-31 23:59:59.999'"],
  ["TIMESTAMP_NS '2020-01-02 03:04:05.123456789'", "TIMESTAMP_NS '1970-01-01 00:00:00'"],
  ["TIME '01:02:03.456789'", "TIME '23:59:59'"],
  ["TIMETZ '01:02:03+01'", "TIMETZ '12:00:00-05'"],
  ["'\\x00\\xFFab'::BLOB", "''::BLOB"],
  ["'8c228f8a-d496-4ceb-8418-ae5831d7eac9'::UUID", "'00000000-0000-0000-0000-000000000000'::UUID"],
];

describe('the host gives the Arrow the page already gets from wasm', () => {
  it.each(TYPED)('%s (with another value and NULL)', async (first, second) => {
    await expectSame(`SELECT ${first} AS v UNION ALL SELECT ${second} UNION ALL SELECT NULL`);
  });

  it('every type side by side in one result', async () => {
    await expectSame(`SELECT ${TYPED.map(([e], i) => `${e} AS c${i}`).join(', ')}`);
  });

  it('an empty result keeps its schema', async () => {
    const table = await expectSame("SELECT 1::INTEGER a, 'x' b, 2::BIGINT c, 1.5::DECIMAL(3,1) d, DATE '2020-01-01' e WHERE false");
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('several chunks (5000 rows)', async () => {
    const table = await expectSame(
      "SELECT range::INTEGER i, range::BIGINT b, range * 1.5 d, range % 7 = 0 bo, CASE WHEN range % 3 = 0 THEN NULL ELSE 'r' || range END s FROM range(5000) ORDER BY i",
    );
    expect(table.numRows).toBe(5000);
  });

  it('100k strings, short and long, multi-byte', async () => {
    const table = await expectSame("SELECT 'row ' || range || repeat('é', (range % 20)::INTEGER) s FROM range(100000) ORDER BY range");
    expect(table.numRows).toBe(100_000);
  });

  it('long and short strings, NULLs and empties mixed, in table order and shuffled (heap runs read whole)', async () => {
    const values = "CASE WHEN range % 5 = 0 THEN NULL WHEN range % 5 = 1 THEN '' WHEN range % 5 = 2 THEN 'short' || (range % 9) ELSE 'a string longer than twelve bytes ' || range || repeat('ß', (range % 7)::INTEGER) END";
    await expectSame(`SELECT ${values} AS s, range AS i FROM range(20000) ORDER BY i`);
    await expectSame(`SELECT ${values} AS s, range AS i FROM range(20000) ORDER BY hash(range)`);
    await expectSame(`SELECT encode(${values}) AS b FROM range(5000) ORDER BY range`);
  });

  it('repeated column names are kept in order', async () => {
    const table = await expectSame("SELECT 1 AS a, 2 AS a, 'x' AS a");
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'a', 'a']);
    // The stream itself carries each column's own type; arrow's reader then merges repeated names (Schema.assign),
    // as it does for the wasm engine's stream, so the page must read such columns by position.
    const reply = await host.handle({ op: 'query', sql: "SELECT 1 AS a, 2 AS a, 'x' AS a", readOnly: true });
    const reader = RecordBatchReader.from(reply.bytes!).open();
    expect(reader.schema.fields.map((f) => String(f.type))).toEqual(['Int32', 'Int32', 'Utf8']);
  });

  it('sum (HUGEINT), count(*) (BIGINT), avg and DECIMAL literals', async () => {
    await expectSame('SELECT sum(range) s, count(*) n, avg(range) m, sum(range::INTEGER) si FROM range(100000)');
    await expectSame('SELECT sum(x) s FROM (VALUES (1.25), (2.5), (NULL)) t(x)');
    await expectSame('SELECT 1.25 a, 123456789012.5 b, 0.1 + 0.2 c, -3.14159 d, 99999999999999999999.99 e');
  });

  it('a bare NULL and a grouped result', async () => {
    await expectSame('SELECT NULL AS x');
    await expectSame('SELECT range % 4 AS k, count(*) AS n, sum(range) AS s FROM range(10000) GROUP BY k ORDER BY k');
  });
});

describe('documented differences: text where wasm gives nested, dictionary or raw types', () => {
  it.each([
    ['[1, 2]', 'SELECT [1, 2] AS v'],
    ["{'a': 1}", "SELECT {'a': 1} AS v"],
    ['x', "SELECT 'x'::ENUM('x', 'y') AS v"],
    ['1 day', 'SELECT INTERVAL 1 DAY AS v'],
  ])('%s arrives as Utf8', async (text, sql) => {
    const table = await native(sql);
    expect(String(table.schema.fields[0]!.type)).toBe('Utf8');
    expect(table.getChildAt(0)!.get(0)).toBe(text);
  });

  it('UHUGEINT arrives as Float64 (wasm gives its raw 16 bytes)', async () => {
    const table = await native('SELECT 12345::UHUGEINT AS v');
    expect(String(table.schema.fields[0]!.type)).toBe('Float64');
    expect(table.getChildAt(0)!.get(0)).toBe(12345);
  });
});
