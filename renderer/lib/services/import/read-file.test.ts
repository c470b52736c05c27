// Every format, end to end through the real engine as the page runs it: bytes → reader → staging → inferred types →
// table. Files are generated here (and the shipped examples are read); values come back exact and sums equal the
// source's, and a file that cannot be read fails with its typed reason.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { ImportError } from '../../io/import/types.ts';
import type { ReadOptions } from './importer.ts';
import { createReaders } from './read-file.ts';
import { directParsers } from './direct-parsers.ts';
import { TableImport } from './table-import.ts';

/**
 * The example's text, decoded independently of the app: Latin-1 plus the one Windows-1252 byte it holds outside
 * Latin-1 (0x92, ’). Node 20's one-shot TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1, so it is not used.
 */
const windows1252 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').replaceAll('\x92', '\u2019');
const EXAMPLES = join(import.meta.dirname, '../../../../datasets/examples');
let engine: Engine;
const readers = createReaders(directParsers);
let n = 0;

beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

/** Reads a file, imports its first (or named) table with the inferred types, and returns the table's name. */
async function importFile(bytes: Uint8Array, name: string, sheet?: string, options: ReadOptions = {}) {
  const read = await readers.read(new Blob([bytes as Uint8Array<ArrayBuffer>]), name, options);
  const table = read.tables.find((t) => sheet === undefined || t.sheet === sheet)!;
  const draft = new TableImport(engine, table.source);
  await draft.stage();
  const columns = await draft.infer(table.names);
  const target = `t${(n += 1)}`;
  const outcome = await draft.commit(target, columns);
  await draft.discard();
  return { read, table, columns, target, outcome };
}

const rows = async (sql: string) => (await engine.query(sql)).table.toArray().map((r) => ({ ...r.toJSON() }));

describe('readers through the engine', () => {
  it('a first row the analyst says is data, not names, is imported as the first row (BOM and all)', async () => {
    const bytes = new TextEncoder().encode('\ufeffLeeds,England\nCardiff,Wales\nGlasgow,Scotland\n');
    const detected = await importFile(bytes, 'places.csv');
    expect(detected.outcome.rows).toBe(2);
    const { target, outcome, columns } = await importFile(bytes, 'places.csv', undefined, { header: false });
    expect(outcome.rows).toBe(3);
    expect(columns.map((c) => c.name)).toEqual(['column1', 'column2']);
    expect(await rows(`SELECT * FROM ${target} ORDER BY rowid`)).toEqual([
      { column1: 'Leeds', column2: 'England' },
      { column1: 'Cardiff', column2: 'Wales' },
      { column1: 'Glasgow', column2: 'Scotland' },
    ]);
  });

  it('the Windows-1252 example CSV: every row, its accents, its dates', async () => {
    const bytes = new Uint8Array(readFileSync(join(EXAMPLES, 'synthetic_nrm_cases_2023q4_windows1252.csv')));
    const text = windows1252(bytes);
    const lines = text.trimEnd().split('\r\n');
    const { table, columns, target, outcome } = await importFile(bytes, 'cases.csv');
    expect(table.detected).toContainEqual({ label: 'Encoding', value: expect.stringContaining('Windows-1252') });
    expect(outcome.rows).toBe(lines.length - 1);
    expect(columns.find((c) => c.name === 'Date referred')).toMatchObject({ type: 'DATE', dates: 'dmy' });
    const ivorian = lines.filter((l) => l.split(',')[5] === 'Côte d’Ivoire').length;
    const [r] = await rows(`SELECT count(*) FILTER (WHERE "Country of nationality" = 'Côte d’Ivoire')::INT AS ci, strftime(min("Date referred"), '%d/%m/%Y') AS first FROM ${target}`);
    expect(r).toEqual({ ci: ivorian, first: lines[1]!.split(',')[1] });
  });

  it('the XLSX example: notes sheet skipped, title kept, every group', async () => {
    const bytes = new Uint8Array(readFileSync(join(EXAMPLES, 'synthetic_ocg_extract.xlsx')));
    const { read, table, outcome } = await importFile(bytes, 'ocg.xlsx');
    expect(read.format).toBe('xlsx');
    expect(read.skipped.map((s) => s.why)).toContain('notes');
    expect(table.title).toBeTruthy();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = wb.worksheets.find((w) => w.name === table.sheet)!;
    const headerRow = sheet.getRow(1).cellCount > 1 ? 1 : 3;
    expect(outcome.rows).toBeGreaterThan(0);
    expect(outcome.rows).toBeLessThanOrEqual(sheet.actualRowCount - headerRow);
  });

  it('gzipped UTF-16 with decimal commas: sums exact', async () => {
    const text = '\ufeffregion;rate;count\r\nNorth;1,5;1.200\r\nSouth;2,25;30\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text.slice(1), 'utf16le'))]);
    const { target, columns } = await importFile(new Uint8Array(gzipSync(utf16)), 'rates.csv.gz');
    expect(columns.map((c) => c.type)).toEqual(['VARCHAR', 'DOUBLE', 'BIGINT']);
    expect(await rows(`SELECT sum(rate) AS r, sum("count")::INT AS c FROM ${target}`)).toEqual([{ r: 3.75, c: 1230 }]);
  });

  it('JSON and NDJSON: numbers, text and nested values', async () => {
    const records = [{ force: 'Kent', n: 12, tags: ['a'] }, { force: 'Gwent', n: 7.5, tags: [] }];
    const json = await importFile(new TextEncoder().encode(JSON.stringify(records)), 'f.json');
    expect(await rows(`SELECT sum(n) AS n FROM ${json.target}`)).toEqual([{ n: 19.5 }]);
    const nd = await importFile(new TextEncoder().encode(records.map((r) => JSON.stringify(r)).join('\n')), 'f.ndjson');
    expect(nd.read.format).toBe('ndjson');
    expect(await rows(`SELECT force, tags FROM ${nd.target} ORDER BY rowid`)).toEqual([{ force: 'Kent', tags: '["a"]' }, { force: 'Gwent', tags: '[]' }]);
  });

  it('Parquet written by native DuckDB: 64-bit integers, decimals, dates and text exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pq-'));
    const file = join(dir, 'x.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT i::BIGINT * 1000000007 AS big, (i / 4)::DECIMAL(10,2) AS d, DATE '2023-01-01' + i::INT AS day, 'r' || i AS label FROM range(1, 1001) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
    const { target, columns } = await importFile(new Uint8Array(readFileSync(file)), 'x.parquet');
    expect(columns.map((c) => c.type)).toEqual(['BIGINT', 'DOUBLE', 'DATE', 'VARCHAR']);
    const [r] = await rows(`SELECT sum(big)::VARCHAR AS big, sum(d) AS d, max(day)::VARCHAR AS day, count(DISTINCT label)::INT AS labels FROM ${target}`);
    expect(r).toEqual({ big: String(500500n * 1000000007n), d: 125125, day: new Date(Date.UTC(2023, 0, 1) + 1000 * 86_400_000).toISOString().slice(0, 10), labels: 1000 });
    conn.closeSync();
  });

  it('a workbook with [c] cells below a title: NULL with the marker kept', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Table 1');
    ws.addRow(['Table 1: Referrals by force, 2023']);
    ws.addRow(['Source: synthetic']);
    ws.addRow(['Force', 'Referrals']);
    ws.addRows([['Cleveland', 12], ['Kent', '[c]'], ['Gwent', 1204], ['Total', 1220]]);
    const { target, table } = await importFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'forces.xlsx');
    expect(table.title).toBe('Table 1: Referrals by force, 2023');
    expect(await rows(`SELECT "Force" AS f, "Referrals"::INT AS r, "Referrals_status" AS s FROM ${target} ORDER BY rowid`)).toEqual([
      { f: 'Cleveland', r: 12, s: null },
      { f: 'Kent', r: null, s: '[c]' },
      { f: 'Gwent', r: 1204, s: null },
      { f: 'Total', r: 1220, s: null },
    ]);
  });

  it('refuses what it cannot read, with the reason', async () => {
    const kind = (bytes: Uint8Array, name: string) => readers.read(new Blob([bytes as Uint8Array<ArrayBuffer>]), name).then(() => null, (e: unknown) => (e instanceof ImportError ? e.kind : String(e)));
    expect(await kind(new Uint8Array(), 'empty.csv')).toBe('empty');
    expect(await kind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 0, 0]), 'image.csv')).toBe('binary');
    expect(await kind(new TextEncoder().encode('{"a": 1}'), 'one.json')).toBe('not-a-table');
    expect(await kind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')).toMatch(/truncated|corrupt/);
  });
});
