// Services tests: a console's whole result exported on the real engine (duckdb-wasm's Node build, and native DuckDB
// in the unit-native run) and read back by a second reader — DuckDB's own CSV and Parquet readers compare a
// million-row export with its source row by row and in order; exceljs reads the XLSX cell by cell. Also: formula-like
// text neutralised, the synthetic warning, a result too long for a spreadsheet refused, Cancel mid-way, and the
// temporary table gone whatever happened.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { newTestEngine, TEST_ENGINE } from '../engine/node-native.ts';
import type { Engine } from '../engine/types.ts';
import { SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { exportResult, ResultExportError, type ExportProgress, type ResultExportRequest } from './result-export.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  await engine.query(`CREATE TABLE src AS SELECT range AS id, 'force ' || (range % 43) AS force, (range % 7)::INTEGER AS count,
    DATE '2015-01-01' + (range % 3000)::INTEGER AS referred, CASE WHEN range % 11 = 0 THEN NULL ELSE range / 8.0 END AS share,
    CASE WHEN range % 13 = 0 THEN '' WHEN range % 17 = 0 THEN NULL ELSE 'a, "quoted"' || chr(10) || 'line' END AS note
    FROM range(1000000)`);
}, 120_000);
afterAll(() => engine.close());

const bytesOf = async (parts: Uint8Array[]) => new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());

async function run(sql: string, format: ResultExportRequest['format'], extra: Partial<ResultExportRequest> = {}) {
  const progress: ExportProgress[] = [];
  const result = await exportResult(engine, {
    format,
    sql,
    synthetic: false,
    appVersion: 'test',
    exportedAt: '2026-12-03T10:00:00Z',
    signal: new AbortController().signal,
    onProgress: (p) => progress.push(p),
    ...extra,
  });
  return { ...result, bytes: await bytesOf(result.parts), progress };
}

const count = async (sql: string) => Number((await engine.query(`SELECT count(*)::DOUBLE AS n FROM (${sql})`)).table.getChild('n')!.get(0));
const leftovers = async () => count("SELECT * FROM duckdb_tables() WHERE table_name LIKE 'export_result_%'");

describe('the whole result exported', () => {
  it('as CSV: a million rows equal the source, in order, with a byte order mark and CRLF', async () => {
    const { bytes, rows, progress } = await run('SELECT * FROM src ORDER BY id', 'csv');
    expect(rows).toBe(1_000_000);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3, 200));
    expect(text.startsWith('id,force,count,referred,share,note\r\n0,force 0,0,2015-01-01,,""\r\n1,force 1,1,2015-01-02,0.125,"a, ""quoted""\nline"\r\n')).toBe(true);
    expect(progress.filter((p) => p.phase === 'writing').map((p) => p.rows)).toEqual([0, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100_000)]);
    const file = await engine.registerFile('export-check.csv', bytes);
    const back = `SELECT row_number() OVER () - 1 AS k, * FROM read_csv('${file}', header = true, allow_quoted_nulls = false, columns = {'id': 'BIGINT', 'force': 'VARCHAR', 'count': 'INTEGER', 'referred': 'DATE', 'share': 'DOUBLE', 'note': 'VARCHAR'})`;
    expect(await count(back)).toBe(1_000_000);
    expect(await count(`SELECT * FROM (${back}) WHERE k <> id`)).toBe(0);
    const diff = (a: string, b: string) => count(`SELECT id, force, count, referred, share, note FROM ${a} EXCEPT ALL SELECT id, force, count, referred, share, note FROM ${b}`);
    expect(await diff('src', `(${back})`)).toBe(0);
    expect(await diff(`(${back})`, 'src')).toBe(0);
    await engine.dropFile('export-check.csv');
    expect(await leftovers()).toBe(0);
  }, 120_000);

  it('as Parquet: a million rows equal the source, exactly typed, the query and the export time in its metadata', async () => {
    const sql = `SELECT *, share::DECIMAL(12,3) AS exact, TIMESTAMP '2024-01-01 00:00:00.000001' + to_seconds(id) AS stamp FROM src`;
    const { bytes, rows } = await run(sql, 'parquet');
    expect(rows).toBe(1_000_000);
    // A second reader: hyparquet, row by row against the source in its order (it reads timestamps to the millisecond;
    // native DuckDB's reader below checks the microseconds).
    const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
    expect(metadata.schema.slice(1).map((e) => [e.name, e.type, e.converted_type ?? null])).toEqual([
      ['id', 'INT64', null], ['force', 'BYTE_ARRAY', 'UTF8'], ['count', 'INT32', null], ['referred', 'INT32', 'DATE'],
      ['share', 'DOUBLE', null], ['note', 'BYTE_ARRAY', 'UTF8'], ['exact', 'INT64', 'DECIMAL'], ['stamp', 'INT64', 'TIMESTAMP_MICROS'],
    ]);
    expect(Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value]))).toMatchObject({ query: sql, exported_at: '2026-12-03T10:00:00Z', exported_by: 'IDMG analyst workbench test' });
    const read = await parquetReadObjects({ file: bytes.buffer as ArrayBuffer, columns: ['id', 'referred', 'share', 'note', 'exact', 'stamp'], rowStart: 999_990, rowEnd: 1_000_000 });
    const expected = (await engine.query(`SELECT id::VARCHAR AS id, referred::VARCHAR AS referred, share, note, exact::VARCHAR AS exact, epoch_ms(stamp)::VARCHAR AS stamp FROM (${sql}) WHERE id >= 999990 ORDER BY id`)).table;
    expect(read.map((r) => [String(r.id), (r.referred as Date).toISOString().slice(0, 10), r.share, r.note, String(r.exact), String((r.stamp as Date).getTime())])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['id', 'referred', 'share', 'note', 'exact', 'stamp'].map((c) => expected.getChild(c)!.get(i))).map((r) => [r[0], r[1], r[2], r[3], r[4] === null ? 'null' : String(Number(r[4])), r[5]]),
    );
    // The engine's own reader, where it has one (native DuckDB; duckdb-wasm has no Parquet offline): every row equal.
    if (TEST_ENGINE === 'native') {
      const file = await engine.registerFile('export-check.parquet', bytes);
      const diff = (a: string, b: string) => count(`SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}`);
      expect(await diff(`(${sql})`, `read_parquet('${file}')`)).toBe(0);
      expect(await diff(`read_parquet('${file}')`, `(${sql})`)).toBe(0);
      await engine.dropFile('export-check.parquet');
    } else {
      const all = await parquetReadObjects({ file: bytes.buffer as ArrayBuffer, columns: ['id'] });
      expect(all.length).toBe(1_000_000);
      expect(all.every((r, i) => r.id === BigInt(i))).toBe(true);
    }
  }, 180_000);

  it('neutralises formula-like text (never numbers) and starts with the synthetic warning when the data is synthetic', async () => {
    const sql = "SELECT * FROM (VALUES ('=HYPERLINK(\"x\")', -12, '@SUM(A1)'), ('+1', 3, '-2'), ('safe', NULL, 'x')) t(\"=name\", n, t)";
    const { bytes } = await run(sql, 'csv', { synthetic: true });
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      `${SYNTHETIC_NOTE}\r\n"'=name",n,t\r\n"'=HYPERLINK(""x"")",-12,'@SUM(A1)\r\n'+1,3,'-2\r\nsafe,,x\r\n`,
    );
  });

  it('as XLSX: every value in its own kind of cell — numbers in full, real dates, booleans, long numbers kept as text', async () => {
    const sql = `SELECT * FROM (VALUES
      (1, 'Kent', DATE '2024-03-31', TIMESTAMP '2024-03-31 13:45:30', true, 12345678901234567::BIGINT, 0.1::DOUBLE, '=1+1' || chr(1)),
      (2, NULL, NULL, NULL, false, -5::BIGINT, NULL, '  spaced _x0041_ ')) t(id, force, referred, "at", flag, big, share, note)`;
    const { bytes } = await run(sql, 'xlsx', { synthetic: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Result', 'About']);
    const ws = wb.getWorksheet('Result')!;
    expect(ws.getCell('A1').value).toBe(SYNTHETIC_NOTE);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['id', 'force', 'referred', 'at', 'flag', 'big', 'share', 'note']);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    const row3 = ws.getRow(3);
    expect(row3.getCell(1).value).toBe(1);
    expect(row3.getCell(2).value).toBe('Kent');
    expect(row3.getCell(3).value).toEqual(new Date(Date.UTC(2024, 2, 31)));
    expect(row3.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(row3.getCell(4).value).toEqual(new Date(Date.UTC(2024, 2, 31, 13, 45, 30)));
    expect(row3.getCell(5).value).toBe(true);
    expect(row3.getCell(6).value).toBe('12345678901234567');
    expect(row3.getCell(7).value).toBe(0.1);
    expect(row3.getCell(8).value).toBe('=1+1_x0001_'); // exceljs leaves OOXML's escape as it is; Excel reads U+0001
    const row4 = ws.getRow(4);
    expect(row4.getCell(2).value).toBeNull();
    expect(row4.getCell(5).value).toBe(false);
    expect(row4.getCell(6).value).toBe(-5);
    expect(row4.getCell(8).value).toBe('  spaced _x005F_x0041_ '); // a literal "_x0041_", its underscore escaped
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<t xml:space="preserve">  spaced _x005F_x0041_ </t>');
    expect(sheet).not.toMatch(/<f>|<f /); // never a formula
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const about = wb.getWorksheet('About')!.getColumn(1).values.filter(Boolean).map(String);
    expect(about).toContain(sql.replace('_x0041_', '_x005F_x0041_'));
    expect(about).toContain('Exported 3 December 2026 at 10:00 UTC by the IDMG analyst workbench, version test.');
    expect(about).toContain(SYNTHETIC_NOTE);
    expect(about.some((l) => l.startsWith('1 number has more than 15 significant digits'))).toBe(true);
  });

  it('refuses an XLSX of more rows than a spreadsheet holds, and says how many', async () => {
    const sql = 'SELECT range AS n FROM range(1048576)';
    await expect(run(sql, 'xlsx')).rejects.toMatchObject({ kind: 'too-many-rows', rows: 1_048_576 });
    expect(await leftovers()).toBe(0);
    const { rows } = await run('SELECT range AS n FROM range(1048575)', 'xlsx');
    expect(rows).toBe(1_048_575);
  }, 120_000);

  it('stops at Cancel and leaves nothing behind', async () => {
    const controller = new AbortController();
    const promise = run('SELECT * FROM src', 'csv', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.rows >= 200_000) controller.abort();
      },
    });
    await expect(promise).rejects.toBeInstanceOf(ResultExportError);
    await expect(promise).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await leftovers()).toBe(0);
  }, 120_000);

  it('never runs again a statement that changed something; DESCRIBE exports as a table', async () => {
    await expect(run('CREATE TABLE made AS SELECT * FROM range(3)', 'csv')).rejects.toMatchObject({ kind: 'not-a-query' });
    expect(await count("SELECT * FROM duckdb_tables() WHERE table_name = 'made'")).toBe(0);
    const { bytes, rows } = await run('DESCRIBE src', 'csv');
    expect(rows).toBe(6);
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')[1]).toMatch(/^id,BIGINT,YES,/);
  });
});
