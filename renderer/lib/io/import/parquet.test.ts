// Import layer tests: Parquet files written by native DuckDB (@duckdb/node-api, the same DuckDB the app runs) with
// snappy, zstd, gzip and no compression, read back by readParquet with every value exact — 64-bit integers past 2^53,
// decimals, dates, timestamps at micro- and nanosecond precision, NULLs, nested values — plus truncated and corrupt
// files refused with their ImportError kinds.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from './parquet.ts';

let dir = '';
let instance: DuckDBInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hb-parquet-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
});
afterAll(() => {
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the query's result as a Parquet file with native DuckDB and returns its bytes. */
async function parquetOf(select: string, compression = 'snappy', extra = ''): Promise<Uint8Array> {
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.parquet`);
  const con = await instance.connect();
  try {
    await con.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION ${compression}${extra})`);
  } finally {
    con.closeSync();
  }
  return new Uint8Array(readFileSync(path));
}

const NRM = `SELECT * FROM (VALUES
  ('2023 Q1', 'Adult', 2342::INTEGER, 12345678901234567::BIGINT, 1234.56::DECIMAL(10,2), DATE '2023-03-31'),
  ('2023 Q2', 'Child', 1806::INTEGER, -9007199254740993::BIGINT, -0.05::DECIMAL(10,2), DATE '2023-06-30'),
  ('2023 Q3', NULL, NULL, 42::BIGINT, NULL, NULL)
) t(quarter, age, referrals, big, rate, quarter_end)`;

describe('readParquet: files written by DuckDB', () => {
  for (const compression of ['snappy', 'zstd', 'gzip', 'uncompressed']) {
    it(`reads every value exactly (${compression})`, async () => {
      const t = await readParquet(await parquetOf(NRM, compression), 'exports/nrm_referrals.parquet');
      expect(t.name).toBe('nrm_referrals');
      expect(t.header).toEqual(['quarter', 'age', 'referrals', 'big', 'rate', 'quarter_end']);
      expect(t.rows).toEqual([
        ['2023 Q1', 'Adult', 2342, '12345678901234567', '1234.56', '2023-03-31'],
        ['2023 Q2', 'Child', 1806, '-9007199254740993', '-0.05', '2023-06-30'],
        ['2023 Q3', null, null, 42, null, null],
      ]);
      expect(t.columnTypes).toEqual(['VARCHAR', 'VARCHAR', 'INTEGER', 'BIGINT', 'DECIMAL(10,2)', 'DATE']);
      expect(t.detected).toContainEqual({ label: 'Column types', value: 'quarter STRING, age STRING, referrals INT32, big INT64, rate DECIMAL(10,2), quarter_end DATE' });
      expect(t.detected).toContainEqual({ label: 'Compression', value: compression.toUpperCase() });
      expect(t.detected).toContainEqual({ label: 'Rows', value: '3' });
      expect(t.warnings).toEqual([]);
    });
  }

  it('keeps timestamps, times and wide decimals at full precision', async () => {
    const t = await readParquet(
      await parquetOf(`SELECT TIMESTAMP '2023-03-31 13:45:10.123456' AS ts, TIMESTAMP_NS '2024-02-29 23:59:59.123456789' AS ns,
        TIMESTAMPTZ '2023-03-31 12:00:00+00' AS tz, TIME '08:30:00.5' AS t, TIMESTAMP '1969-12-31 23:59:59.5' AS before_1970,
        123456789012345678901234567.123456789::DECIMAL(38,9) AS wide, 1.5::DECIMAL(4,1) AS small, 1.5::DOUBLE AS d, true AS ok`),
      'times.parquet',
    );
    expect(t.rows).toEqual([
      ['2023-03-31 13:45:10.123456', '2024-02-29 23:59:59.123456789', '2023-03-31 12:00:00+00', '08:30:00.5', '1969-12-31 23:59:59.5', '123456789012345678901234567.123456789', '1.5', 1.5, true],
    ]);
    expect(t.columnTypes).toEqual(['TIMESTAMP', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIME', 'TIMESTAMP', 'DECIMAL(38,9)', 'DECIMAL(4,1)', 'DOUBLE', 'BOOLEAN']);
  });

  it('gives nested values as JSON text, with a warning', async () => {
    const t = await readParquet(await parquetOf(`SELECT 1 AS id, [1, 2, 3] AS list, {'area': 'North', 'n': 5} AS rec`), 'nested.parquet');
    expect(t.rows).toEqual([[1, '[1,2,3]', '{"area":"North","n":5}']]);
    expect(t.warnings.map((w) => [w.kind, w.column, w.count])).toEqual([
      ['nested-values', 'list', 1],
      ['nested-values', 'rec', 1],
    ]);
  });

  it('reads 10,000 rows over five row groups, in order', async () => {
    const bytes = await parquetOf(`SELECT i, 'area ' || (i % 7) AS area FROM range(10000) r(i)`, 'zstd', ', ROW_GROUP_SIZE 2048');
    expect(parquetMetadata(bytes).row_groups).toHaveLength(5);
    const t = await readParquet(bytes, 'range.parquet');
    expect(t.rows).toHaveLength(10000);
    expect(t.rows[9999]).toEqual([9999, 'area 3']);
    expect(t.rows.reduce((s, r) => s + (r[0] as number), 0)).toBe(49995000);
  });
});

describe('readParquet: bad files', () => {
  const refusal = async (bytes: Uint8Array) => readParquet(bytes, 'bad.parquet').then(() => 'no error', (e: { kind: string }) => e.kind);

  it('refuses empty, truncated, corrupt and non-Parquet files by kind', async () => {
    const good = await parquetOf(NRM);
    expect(await refusal(new Uint8Array(0))).toBe('empty');
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toBe('truncated');
    expect(await refusal(good.subarray(0, good.length - 1))).toBe('truncated');
    expect(await refusal(new TextEncoder().encode('quarter,referrals\n2023 Q1,2342\n'))).toBe('unknown-format');
    // The footer's length pointing past the start of the file.
    const long = good.slice();
    new DataView(long.buffer).setUint32(long.length - 8, long.length, true);
    expect(await refusal(long)).toBe('truncated');
    // Footer metadata overwritten with junk.
    const junk = good.slice();
    const footer = new DataView(junk.buffer).getUint32(junk.length - 8, true);
    junk.fill(0xff, junk.length - 8 - footer, junk.length - 8);
    expect(await refusal(junk)).toBe('corrupt');
    // Data pages overwritten with junk, footer intact.
    const pages = good.slice();
    pages.fill(0xee, 4, Math.min(200, pages.length - 8 - footer));
    expect(await refusal(pages)).toBe('corrupt');
  });
});
