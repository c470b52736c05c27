// The bad-file corpus through the whole import pipeline the page runs — reader, staging, inference, preview, the
// table created and the file stored — on one engine that already holds an analyst's table. Each bad file is refused
// with a message naming the file (and the row where there is one); each odd-but-readable file is imported with its
// warnings; and after every one the earlier table, its sum and the store are exactly as they were.
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { describeImportError } from '../../io/import/import-words.ts';
import { ImportError, type ImportWarningKind } from '../../io/import/types.ts';
import { commitImport, fileFacts } from './importer.ts';
import { directParsers } from './direct-parsers.ts';
import { createReaders } from './read-file.ts';
import { MemoryImportStore } from './store.ts';
import { TableImport } from './table-import.ts';

const MiB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);
const readers = createReaders(directParsers);
const store = new MemoryImportStore();
let engine: Engine;
let dir: string;
let n = 0;

beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
  await engine.query("CREATE TABLE analyst_cases AS SELECT range AS id, 'Force ' || (range % 43) AS force FROM range(5000)");
  dir = mkdtempSync(join(tmpdir(), 'bad-files-'));
}, 60_000);
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything the page does with a file, from reading it to storing it; returns the tables made and their warnings. */
async function importFile(bytes: Uint8Array, name: string): Promise<{ rows: number[]; warnings: ImportWarningKind[] }> {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const read = await readers.read(file, name);
  const facts = await fileFacts(file, name, read.format);
  const made = { rows: [] as number[], warnings: [...read.warnings, ...read.tables.flatMap((t) => t.warnings)].map((w) => w.kind) };
  for (const t of read.tables) {
    const staged = new TableImport(engine, t.source, name);
    try {
      await staged.stage();
      const columns = await staged.infer(t.names);
      await staged.preview(columns);
      const confirmed = { table: `imported_${(n += 1)}`, title: name, description: '', notes: [], columns };
      made.rows.push((await commitImport(engine, store, file, facts, t, staged, confirmed)).outcome.rows);
    } finally {
      await staged.discard();
    }
  }
  return made;
}

/** The earlier table, every table's name, and the store's entries: what a bad file must leave as it was. */
async function snapshot() {
  const sum = await engine.query('SELECT sum(id)::DOUBLE AS s, count(*)::DOUBLE AS c FROM analyst_cases');
  const names = await engine.query('SELECT table_name AS n FROM information_schema.tables ORDER BY 1');
  return { sum: sum.table.toArray()[0]!.toJSON(), tables: names.table.toArray().map((r) => String(r.n)), stored: (await store.list()).length };
}

async function xlsxOf(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
const odsOf = (rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Data');
  return new Uint8Array(XLSX.write(wb, { bookType: 'ods', type: 'array' }) as ArrayBuffer);
};
async function parquetOf(rows: number): Promise<Uint8Array> {
  const path = join(dir, `t${(n += 1)}.parquet`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT range AS id, 'x' || range AS label FROM range(${rows})) TO '${path}' (FORMAT parquet)`);
  con.closeSync();
  db.closeSync();
  return new Uint8Array(readFileSync(path));
}
/** Every byte of each zip entry's compressed data set to 0xFF (an invalid deflate block), headers intact. */
function spoil(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const big = Object.keys(files).sort((a, b) => files[b]!.length - files[a]!.length)[0]!;
  const out = zip.slice();
  const at = out.findIndex((_, i) => out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 3 && out[i + 3] === 4 && new TextDecoder().decode(out.subarray(i + 30, i + 30 + big.length)) === big);
  const view = new DataView(out.buffer);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  out.fill(0xff, start, start + view.getUint32(at + 18, true));
  return out;
}
const seeded = (length: number) => {
  let x = 20121018;
  return Uint8Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
};
const wide = (cols: number) => utf8(`${Array.from({ length: cols }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: cols }, (_, i) => i).join(',')}\n`);
const longLineAt = (row: number) => utf8(['id,text', ...Array.from({ length: row - 2 }, (_, i) => `${i},short`), `${row},${'z'.repeat(10 * MiB + 10)}`, ''].join('\n'));

type Case = [name: string, file: string, bytes: () => Uint8Array | Promise<Uint8Array>, expected: { refused: ImportError['kind']; row?: number } | { rows: number[]; warnings?: ImportWarningKind[] }];

const CASES: Case[] = [
  ['an empty file', 'empty.csv', () => new Uint8Array(), { refused: 'empty' }],
  ['whitespace only', 'blank.csv', () => utf8(' \r\n \r\n'), { refused: 'empty' }],
  ['a header and no rows', 'header.csv', () => utf8('force,referrals\r\n'), { refused: 'header-only' }],
  ['an image named .csv', 'photo.csv', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), { refused: 'binary' }],
  ['random bytes named .csv', 'noise.csv', () => seeded(64 * 1024), { refused: 'binary' }],
  ['a truncated gzip', 'cases.csv.gz', () => gzipSync(utf8('a,b\n1,2\n'.repeat(5000))).subarray(0, 60), { refused: 'truncated' }],
  ['a damaged gzip', 'damaged.csv.gz', () => new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]), { refused: 'corrupt' }],
  ['an unterminated quote', 'quote.csv', () => utf8('a,b\n1,x\n2,"never closed\n3,y\n'), { refused: 'unterminated-quote', row: 3 }],
  ['a 10 MB single line', 'long.csv', () => longLineAt(2), { refused: 'line-too-long', row: 2 }],
  ['a 10 MB line after the first 30,000 rows', 'late-long.csv', () => longLineAt(30_000), { refused: 'line-too-long', row: 30_000 }],
  ['16,385 columns', 'too-wide.csv', () => wide(16_385), { refused: 'too-many-columns' }],
  ['a truncated XLSX', 'cut.xlsx', async () => (await xlsxOf([['a'], [1]])).subarray(0, 900), { refused: 'truncated' }],
  ['a corrupt XLSX', 'corrupt.xlsx', async () => spoil(await xlsxOf([['a', 'b'], ...Array.from({ length: 200 }, (_, i) => [i, `row ${i}`])])), { refused: 'corrupt' }],
  ['a zip bomb named .xlsx', 'bomb.xlsx', () => zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(100 * MiB) }, { level: 1 }), { refused: 'expands-too-much' }],
  ['a password-protected XLSX', 'secret.xlsx', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(4096).fill(0x5a));
    return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayLike<number>);
  }, { refused: 'password' }],
  ['an XLSX with no table', 'blank.xlsx', () => xlsxOf([]), { refused: 'no-sheets' }],
  ['a truncated ODS', 'cut.ods', () => odsOf([['a'], [1]]).subarray(0, 700), { refused: 'truncated' }],
  ['a corrupt ODS', 'corrupt.ods', () => spoil(odsOf([['a', 'b'], ...Array.from({ length: 200 }, (_, i) => [i, `row ${i}`])])), { refused: 'corrupt' }],
  ['a password-protected ODS', 'secret.ods', () => {
    const files = unzipSync(odsOf([['a'], [1]]));
    files['META-INF/manifest.xml'] = strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>');
    return zipSync(files);
  }, { refused: 'password' }],
  ['a truncated Parquet file', 'cut.parquet', async () => (await parquetOf(1000)).subarray(0, 300), { refused: 'truncated' }],
  ['a Parquet file with a junk footer', 'junk.parquet', async () => {
    const good = (await parquetOf(1000)).slice();
    const footer = new DataView(good.buffer).getUint32(good.length - 8, true);
    return good.fill(0xff, good.length - 8 - footer, good.length - 8);
  }, { refused: 'corrupt' }],
  ['JSON that is one object', 'object.json', () => utf8('{"force":"Kent","referrals":5}'), { refused: 'not-a-table' }],
  ['JSON that is a list of numbers', 'numbers.json', () => utf8('[1, 2, 3]'), { refused: 'not-a-table' }],
  ['JSON cut off', 'cut.json', () => utf8('[{"a":1},{"a":'), { refused: 'corrupt' }],
  ['JSON nested 100,000 deep', 'deep.json', () => utf8(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), { refused: 'too-deep' }],
  // Odd but readable: imported, with the warning the preview shows.
  ['mixed line endings', 'endings.csv', () => utf8('force,referrals\r\nKent,1\nSurrey,2\r\nGwent,3\n'), { rows: [3], warnings: ['line-endings'] }],
  ['invalid UTF-8', 'bytes.csv', () => new Uint8Array([...utf8('force,referrals\nKent,1\nS'), 0xff, 0xfe, ...utf8('rey,2\n')]), { rows: [2] }],
  ['duplicate and blank headers', 'headers.csv', () => utf8('force,,force,\nKent,1,2,3\n'), { rows: [1], warnings: ['blank-header', 'duplicate-header'] }],
  ['ragged rows', 'ragged.csv', () => utf8('a,b,c\n1,2,3\n4,5\n6,7,8,9\n'), { rows: [3], warnings: ['ragged-rows'] }],
  ['5,000 columns', 'wide.csv', () => wide(5_000), { rows: [1] }],
  ['formula cells', 'formulas.xlsx', () => xlsxOf([['force', 'referrals'], ['Kent', { formula: '1+1', result: 2 }], ['Gwent', 3]]), { rows: [2], warnings: ['formula-cells'] }],
  ['a CSV named .xlsx', 'really-text.xlsx', () => utf8('force,referrals\nKent,1\n'), { rows: [1] }],
  ['external links', 'linked.xlsx', async () => {
    const files = unzipSync(await xlsxOf([['force', 'referrals'], ['North', { formula: '[1]Sheet1!B2', result: 5 }]]));
    files['xl/externalLinks/externalLink1.xml'] = strToU8('<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    return zipSync(files);
  }, { rows: [1], warnings: ['external-links', 'formula-cells'] }],
];

describe('the bad-file corpus, through the whole pipeline', () => {
  it('has at least 30 files', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  for (const [what, name, bytes, expected] of CASES) {
    it(`${what} (${name})`, async () => {
      const before = await snapshot();
      const result = await importFile(await bytes(), name).catch((e: unknown) => e);
      if ('refused' in expected) {
        expect(result).toBeInstanceOf(ImportError);
        const err = result as ImportError;
        expect(err.kind).toBe(expected.refused);
        const words = describeImportError(err);
        expect(words).toContain(`“${name}”`);
        if (expected.row !== undefined) {
          expect(err.at.row).toBe(expected.row);
          expect(words).toContain(expected.row.toLocaleString('en-GB'));
        }
        expect(await snapshot()).toEqual(before);
      } else {
        if (!('rows' in (result as object))) throw result;
        const made = result as { rows: number[]; warnings: ImportWarningKind[] };
        expect(made.rows).toEqual(expected.rows);
        for (const w of expected.warnings ?? []) expect(made.warnings).toContain(w);
        const after = await snapshot();
        expect(after.sum).toEqual(before.sum);
        expect(after.stored).toBe(before.stored + made.rows.length);
      }
    }, 180_000);
  }
});
