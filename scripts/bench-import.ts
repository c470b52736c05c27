// Script layer (part of `npm run bench`): imports through the app's own import tab in Chromium, against native DuckDB
// on the same file in the same run — a generated 1M-row referral-shaped CSV (read_csv, ratio), with the page's peak
// JS heap while it imports (Chromium's own metric, sampled) — and a 100,000-row XLSX (rows/s in the app, against
// the same SheetJS reader called directly in Node).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { readWorkbook } from '../renderer/lib/io/import/spreadsheet.ts';
import { generateReferralsSql } from './bench-data.ts';

export interface ImportBench {
  csvBytes: number;
  csvRows: number;
  /** App: file picked → preview shown, confirm → table created, and the two together (ms). */
  previewMs: number;
  createMs: number;
  nativeMs: number;
  peakHeapBytes: number;
  xlsxRows: number;
  xlsxAppMs: number;
  xlsxNodeMs: number;
}

const measure = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? Number.NaN, name);

/** Imports a file through the import tab; returns the app's own timings and the page's peak JS heap meanwhile. */
async function importInApp(page: Page, file: string, table: string): Promise<{ previewMs: number; createMs: number; peakHeap: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    await page.getByRole('button', { name: 'Import data…' }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    const confirm = page.getByRole('button', { name: 'Import this table' });
    await confirm.and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
    await page.getByRole('textbox', { name: 'Table name (for SQL)' }).fill(table);
    await confirm.click();
    await page.getByRole('status').filter({ hasText: `Imported ${table}` }).waitFor({ timeout: 600_000 });
  } finally {
    sampling = false;
    await sampler;
    await cdp.detach();
  }
  return { previewMs: await measure(page, 'import-preview'), createMs: await measure(page, 'import-create'), peakHeap };
}

export async function benchImport(page: Page, conn: DuckDBConnection, rows = 1_000_000): Promise<ImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const csv = join(dir, 'referrals.csv');
    await conn.run(generateReferralsSql('bench_import_source', rows));
    await conn.run(`COPY bench_import_source TO '${csv}' (HEADER, DELIMITER ',')`);
    const native: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await conn.run(`CREATE OR REPLACE TABLE bench_import_native AS SELECT * FROM read_csv('${csv}')`);
      native.push(performance.now() - t0);
    }
    await conn.run('DROP TABLE bench_import_native');
    const app = await importInApp(page, csv, 'bench_import_csv');

    const xlsxRows = 100_000;
    const xlsx = join(dir, 'referrals.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx });
    const sheet = writer.addWorksheet('Referrals');
    const reader = await conn.runAndReadAll(`SELECT * FROM bench_import_source LIMIT ${xlsxRows}`);
    sheet.addRow(reader.columnNames()).commit();
    for (const row of reader.getRowsJS()) sheet.addRow(row.map((v) => (typeof v === 'bigint' ? Number(v) : v))).commit();
    await writer.commit();
    const bytes = new Uint8Array(readFileSync(xlsx));
    const t0 = performance.now();
    readWorkbook(bytes, 'referrals.xlsx');
    const xlsxNodeMs = performance.now() - t0;
    const x = await importInApp(page, xlsx, 'bench_import_xlsx');
    await conn.run('DROP TABLE bench_import_source');
    return {
      csvBytes: statSync(csv).size,
      csvRows: rows,
      previewMs: app.previewMs,
      createMs: app.createMs,
      nativeMs: [...native].sort((a, b) => a - b)[1]!,
      peakHeapBytes: app.peakHeap,
      xlsxRows,
      xlsxAppMs: x.previewMs + x.createMs,
      xlsxNodeMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
