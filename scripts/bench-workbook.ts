// Script layer (for `npm run bench`; alone: `npx tsx scripts/bench-workbook.ts [rows]`): saving and opening a
// workbook file holding one imported 1M-row referral-shaped table, on duckdb-wasm's Node build (the engine the page
// runs): save = embedTable + writeWorkbookZip, open = readWorkbookZip + loadEmbeddedTable, and the file's size
// against the CSV the table was imported from. The ratio base is native DuckDB (1 thread, same version) writing and
// reading the same table as Parquet (zstd) — the format the issue planned, which duckdb-wasm cannot write offline —
// and, like for like, as the same quoted CSV.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { NodeEngine } from '../renderer/lib/engine/node.ts';
import { readWorkbookZip, tableEntryName, writeWorkbookZip } from '../renderer/lib/io/workbook-zip.ts';
import { embedTable, loadEmbeddedTable } from '../renderer/lib/services/workbook/tables.ts';
import { generateReferralsSql } from './bench-data.ts';

export interface WorkbookBench {
  rows: number;
  csvBytes: number;
  workbookBytes: number;
  /** embedTable (COPY out, SHA-256) + writeWorkbookZip (deflate), ms. */
  saveMs: number;
  /** readWorkbookZip (checked inflate) + loadEmbeddedTable (SHA-256, read_csv, checks), ms. */
  openMs: number;
  nativeParquetBytes: number;
  nativeParquetWriteMs: number;
  nativeParquetReadMs: number;
  nativeCsvWriteMs: number;
  nativeCsvReadMs: number;
}

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

export async function benchWorkbook(rows = 1_000_000): Promise<WorkbookBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-workbook-'));
  const engine = new NodeEngine();
  await engine.open();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const csv = join(dir, 'referrals.csv');
    await conn.run(generateReferralsSql('source', rows));
    await conn.run(`COPY source TO '${csv}' (HEADER, DELIMITER ',')`);
    // The analyst's import, as the app does it for delimited text: DuckDB's read_csv over the file's bytes.
    await engine.registerFile('referrals.csv', new Uint8Array(readFileSync(csv)));
    await engine.query(`CREATE TABLE referrals AS SELECT * FROM read_csv('referrals.csv')`);
    await engine.dropFile('referrals.csv');

    const [file, saveMs] = await time(async () => {
      const { bytes, ...facts } = await embedTable(engine, 'referrals');
      return writeWorkbookZip(JSON.stringify({ tables: [{ name: 'referrals', ...facts }] }), [{ entry: tableEntryName('t1'), bytes }]);
    });
    const [, openMs] = await time(async () => {
      const { manifestText, entries } = readWorkbookZip(file);
      const facts = (JSON.parse(manifestText) as { tables: Parameters<typeof loadEmbeddedTable>[3][] }).tables[0]!;
      await loadEmbeddedTable(engine, 'referrals_opened', entries.get('tables/t1.csv')!, facts);
    });

    await conn.run(`CREATE TABLE native_source AS SELECT * FROM read_csv('${csv}')`);
    const parquet = join(dir, 'referrals.parquet');
    const [, nativeParquetWriteMs] = await time(() => conn.run(`COPY native_source TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`));
    const [, nativeParquetReadMs] = await time(() => conn.run(`CREATE TABLE from_parquet AS SELECT * FROM read_parquet('${parquet}')`));
    const quoted = join(dir, 'quoted.csv');
    const [, nativeCsvWriteMs] = await time(() => conn.run(`COPY native_source TO '${quoted}' (FORMAT csv, HEADER true, NULLSTR '', FORCE_QUOTE *)`));
    const [, nativeCsvReadMs] = await time(() => conn.run(`CREATE TABLE from_csv AS SELECT * FROM read_csv('${quoted}', header = true, allow_quoted_nulls = false)`));
    return {
      rows,
      csvBytes: statSync(csv).size,
      workbookBytes: file.length,
      saveMs,
      openMs,
      nativeParquetBytes: statSync(parquet).size,
      nativeParquetWriteMs,
      nativeParquetReadMs,
      nativeCsvWriteMs,
      nativeCsvReadMs,
    };
  } finally {
    conn.closeSync();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const r = await benchWorkbook(Number(process.argv[2] ?? 1_000_000));
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.table({
    'save (embed + zip)': { app: ms(r.saveMs), 'native parquet': ms(r.nativeParquetWriteMs), 'native csv': ms(r.nativeCsvWriteMs), ratio: (r.saveMs / r.nativeParquetWriteMs).toFixed(1) },
    'open (unzip + load)': { app: ms(r.openMs), 'native parquet': ms(r.nativeParquetReadMs), 'native csv': ms(r.nativeCsvReadMs), ratio: (r.openMs / r.nativeParquetReadMs).toFixed(1) },
    'file size': { app: mb(r.workbookBytes), 'native parquet': mb(r.nativeParquetBytes), 'native csv': '', ratio: (r.workbookBytes / r.nativeParquetBytes).toFixed(2) },
  });
  console.log(`${r.rows.toLocaleString('en-GB')} rows; imported CSV ${mb(r.csvBytes)}; workbook file ${((100 * r.workbookBytes) / r.csvBytes).toFixed(0)} % of the CSV`);
}
