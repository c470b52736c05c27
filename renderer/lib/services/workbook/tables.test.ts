// Services tests on the real engine (duckdb-wasm's Node build): tables through a workbook file and back — every value
// of every type equal, row order kept, 1M rows — and bytes or manifests that do not match refused with no table left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { readWorkbookZip, tableEntryName, writeWorkbookZip } from '../../io/workbook-zip.ts';
import { embedTable, EmbeddedTableError, loadEmbeddedTable, type EmbeddedTableErrorKind, type EmbeddedTableFacts } from './tables.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
});
afterAll(() => engine.close());

const scalar = async (sql: string) => (await engine.query(sql)).table.getChild('v')!.get(0) as unknown;
const exists = async (table: string) => Number(await scalar(`SELECT count(*) AS v FROM duckdb_tables() WHERE table_name = '${table}'`)) > 0;

/** Saves `from` into a workbook file, opens that file, and loads the table as `to`. */
async function throughWorkbook(from: string, to: string): Promise<EmbeddedTableFacts> {
  const { bytes, ...facts } = await embedTable(engine, from);
  const file = writeWorkbookZip(JSON.stringify({ tables: [{ name: from, ...facts }] }), [{ entry: tableEntryName('t1'), bytes }]);
  const opened = readWorkbookZip(file);
  await loadEmbeddedTable(engine, to, opened.entries.get('tables/t1.csv')!, facts);
  return facts;
}

/** Rows of `a` and `b`, paired in scan order, whose values differ in any column (by value or by their text). */
async function differingRows(a: string, b: string, columns: string[]): Promise<number> {
  const differs = columns.map((c) => `x."${c}" IS DISTINCT FROM y."${c}" OR x."${c}"::VARCHAR IS DISTINCT FROM y."${c}"::VARCHAR`).join(' OR ');
  return Number(
    await scalar(
      `SELECT count(*) AS v FROM (SELECT row_number() OVER () AS rn, * FROM "${a}") x FULL JOIN (SELECT row_number() OVER () AS rn, * FROM "${b}") y USING (rn) WHERE x.rn IS NULL OR y.rn IS NULL OR ${differs}`,
    ),
  );
}

async function refusal(fn: () => Promise<unknown>): Promise<EmbeddedTableErrorKind | 'no error'> {
  try {
    await fn();
    return 'no error';
  } catch (e) {
    if (e instanceof EmbeddedTableError) return e.kind;
    throw e;
  }
}

describe('embedTable and loadEmbeddedTable: values', () => {
  beforeAll(async () => {
    await engine.query(`CREATE TABLE mixed AS SELECT * FROM (VALUES
      (3, 9007199254740993::BIGINT, 0.1::DOUBLE + 0.2::DOUBLE, DATE '2023-03-31', TIMESTAMP '2023-03-31 12:34:56.123456', true, 'ünïcödé ✓ "quoted", comma', 123.456::DECIMAL(18,3), [1, 2], {'k': 'a,"b'}, '\\xAB\\x00'::BLOB),
      (1, NULL, 'nan'::DOUBLE, NULL, NULL, NULL, '', NULL, NULL, NULL, NULL),
      (2, -9223372036854775808, -0.0::DOUBLE, DATE '0001-01-01', TIMESTAMP '1969-12-31 23:59:59.999999', false, NULL, -0.001, [], {'k': NULL}, ''::BLOB),
      (5, 9223372036854775807, 1.7976931348623157e308, DATE '9999-12-31', TIMESTAMP '2000-02-29 00:00:00', NULL, E'two\\nlines\\r\\nand a tab\\t', 0, NULL, NULL, NULL),
      (4, 0, 5e-324, NULL, NULL, true, '\\N', NULL, [NULL], NULL, NULL),
      (6, 1, 'inf'::DOUBLE, NULL, NULL, false, 'NULL', NULL, NULL, NULL, NULL),
      (7, 2, '-inf'::DOUBLE, NULL, NULL, false, '  spaces  ', NULL, NULL, NULL, NULL)
    ) v(id, big, dbl, day, ts, flag, txt, dec, list, rec, raw)`);
  });

  it('gives back every value of every type, nulls and empty strings apart, in the same row order', async () => {
    const facts = await throughWorkbook('mixed', 'mixed_back');
    expect(facts.rows).toBe(7);
    expect(facts.columns.map((c) => c.type)).toEqual(['INTEGER', 'BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'VARCHAR', 'DECIMAL(18,3)', 'INTEGER[]', 'STRUCT(k VARCHAR)', 'BLOB']);
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await differingRows('mixed', 'mixed_back', facts.columns.map((c) => c.name))).toBe(0);
    // The comparison above can fail: a table that differs in one value is found.
    await engine.query(`CREATE TABLE mixed_changed AS SELECT * REPLACE (CASE WHEN id = 2 THEN 0.0 ELSE dbl END AS dbl) FROM mixed`);
    expect(await differingRows('mixed', 'mixed_changed', facts.columns.map((c) => c.name))).toBe(1);
    const back = (await engine.query(`SELECT id, big::VARCHAR AS big, dbl::VARCHAR AS dbl, txt IS NULL AS no_txt, txt FROM mixed_back`)).table.toArray().map((r) => r.toJSON());
    expect(back.map((r) => r.id)).toEqual([3, 1, 2, 5, 4, 6, 7]);
    expect(back.map((r) => r.big)).toEqual(['9007199254740993', null, '-9223372036854775808', '9223372036854775807', '0', '1', '2']);
    expect(back.map((r) => r.dbl)).toEqual(['0.30000000000000004', 'nan', '-0.0', '1.7976931348623157e+308', '5e-324', 'inf', '-inf']);
    expect(back.slice(0, 3).map((r) => [r.no_txt, r.txt])).toEqual([[false, 'ünïcödé ✓ "quoted", comma'], [false, ''], [true, null]]);
  });

  it('keeps an empty table and a text value longer than DuckDB reads in one line by default (2 MB)', async () => {
    await engine.query(`CREATE TABLE empty_t (a INTEGER, b VARCHAR)`);
    expect((await throughWorkbook('empty_t', 'empty_back')).rows).toBe(0);
    expect(await scalar(`SELECT count(*) AS v FROM empty_back`)).toBe(0);
    await engine.query(`CREATE TABLE long_t AS SELECT 1 AS a, repeat('x', 3000000) AS b`);
    await throughWorkbook('long_t', 'long_back');
    expect(await scalar(`SELECT length(b) AS v FROM long_back`)).toBe(3_000_000);
  });

  it('keeps 1M rows in insertion order (not sorted) with every value', async () => {
    await engine.query(`CREATE TABLE million AS SELECT (i * 7919) % 1000003 AS id, i * 0.5::DOUBLE AS x, 'row ' || i AS s, DATE '2000-01-01' + (i % 10000)::INTEGER AS d, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 100 END AS n FROM range(1000000) t(i)`);
    const facts = await throughWorkbook('million', 'million_back');
    expect(facts.rows).toBe(1_000_000);
    expect(await scalar(`SELECT count(*) AS v FROM million_back`)).toBe(1_000_000);
    // A checksum over each row's values and its position in the scan: equal only if the order is kept too.
    const sum = async (t: string) => scalar(`SELECT v FROM (SELECT bit_xor(h)::VARCHAR AS v FROM (SELECT hash(row_number() OVER (), id, x, s, d, n) AS h FROM "${t}"))`);
    expect(await sum('million_back')).toBe(await sum('million'));
    expect(await scalar(`SELECT first(id) AS v FROM (SELECT id FROM million_back LIMIT 3 OFFSET 1)`)).toBe(7919);
  }, 120_000);
});

describe('loadEmbeddedTable: refusals leave nothing behind', () => {
  let saved: EmbeddedTableFacts & { bytes: Uint8Array };
  beforeAll(async () => {
    await engine.query(`CREATE TABLE source AS SELECT i AS id, 'v' || i AS label FROM range(1000) t(i)`);
    saved = await embedTable(engine, 'source');
  });
  const copy = () => saved.bytes.slice();

  it('refuses tampered bytes by their SHA-256 before the engine reads them', async () => {
    const tampered = copy();
    const at = tampered.length - 5;
    tampered[at] = tampered[at]! ^ 0x01;
    expect(await refusal(() => loadEmbeddedTable(engine, 'tampered', tampered, saved))).toBe('table-hash-mismatch');
    expect(await exists('tampered')).toBe(false);
    await loadEmbeddedTable(engine, 'untampered', copy(), saved);
    expect(await scalar(`SELECT count(*) AS v FROM untampered`)).toBe(1000);
  });

  it('refuses a manifest whose rows or columns are not what the bytes hold', async () => {
    expect(await refusal(() => loadEmbeddedTable(engine, 'rows_off', copy(), { ...saved, rows: 999 }))).toBe('table-rows-mismatch');
    expect(await exists('rows_off')).toBe(false);
    const asText = { ...saved, columns: [{ name: 'id', type: 'VARCHAR' }, saved.columns[1]!] };
    expect(await refusal(() => loadEmbeddedTable(engine, 'types_off', copy(), asText))).toBe('no error');
    await engine.query('DROP TABLE types_off');
    // A type the engine names otherwise (INT for BIGINT) reads, but is not the recorded column: refused.
    const renamed = { ...saved, columns: [{ name: 'id', type: 'INT' }, saved.columns[1]!] };
    expect(await refusal(() => loadEmbeddedTable(engine, 'named_off', copy(), renamed))).toBe('table-columns-mismatch');
    expect(await exists('named_off')).toBe(false);
    const tooFew = { ...saved, columns: [saved.columns[0]!] };
    expect(await refusal(() => loadEmbeddedTable(engine, 'few', copy(), tooFew))).toBe('table-unreadable');
    const wrongType = { ...saved, columns: [saved.columns[0]!, { name: 'label', type: 'INTEGER' }] };
    expect(await refusal(() => loadEmbeddedTable(engine, 'wrong', copy(), wrongType))).toBe('table-unreadable');
    const hostileType = { ...saved, columns: [saved.columns[0]!, { name: 'label', type: "VARCHAR'); DROP TABLE source; --" }] };
    expect(await refusal(() => loadEmbeddedTable(engine, 'hostile', copy(), hostileType))).toBe('table-unreadable');
    expect(await exists('few')).toBe(false);
    expect(await exists('wrong')).toBe(false);
    expect(await scalar(`SELECT count(*) AS v FROM source`)).toBe(1000);
  });

  it('never replaces a table that is open, whatever the case of its name', async () => {
    await engine.query(`CREATE TABLE kept AS SELECT 42 AS answer`);
    expect(await refusal(() => loadEmbeddedTable(engine, 'kept', copy(), saved))).toBe('table-exists');
    expect(await refusal(() => loadEmbeddedTable(engine, 'KEPT', copy(), saved))).toBe('table-exists');
    expect(await scalar(`SELECT answer AS v FROM kept`)).toBe(42);
  });

  it('words each refusal for the analyst with the table named', () => {
    const err = new EmbeddedTableError('table-hash-mismatch', 'referrals', 'SHA-256 …');
    expect(err.message).toContain('"referrals"');
    expect(err.message).toMatch(/not loaded/);
  });
});
