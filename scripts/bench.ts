// Script layer (`npm run bench`, not a test): measures the app in Debian's Chromium — engine start to first query,
// loading every built-in dataset, a GROUP BY over a generated 1M-row referral-shaped table, and pivots on 1M, 10M
// and 40M rows driven through the pivot UI, the SQL editor's completion on 200 tables — on duckdb-wasm, against the same SQL on native DuckDB
// (@duckdb/node-api, same DuckDB version, same thread count) in the same run, printing ratios; a pivot of 50,000
// column values (time to draw, longest task); then the same app on its NATIVE engine (scripts/bench-native.ts: start,
// Arrow transfer to the page, the same pivots against direct native DuckDB, a 100M-row pivot that spills); then
// disclosure control (scripts/bench-sdc*.ts), briefing-pack exports (scripts/bench-pack.ts), the column profile of
// a 1M-row table (scripts/bench-profile.ts), saving and opening a workbook with a 1M-row imported table
// (scripts/bench-workbook.ts) and the headless rebuild of the 20-item pack (scripts/bench-rebuild.ts). Figures go to
// bench/results.json as [{name, value, unit, native?, ratio?}]. Switches: `BENCH_ONLY=native` runs only the native
// section (written to bench/results-native.json); `BENCH_PIVOT_ROWS=1000000` limits the pivot sizes (default 1M,
// 10M and 40M rows); `BENCH_SPILL_ROWS` (default 100M, 0 skips) and `BENCH_SPILL_MEMORY` (default 2GiB) size the
// spilling pivot; `BENCH_ISOLATED=0` serves the wasm page without cross-origin isolation; `BENCH_QUERY_TIMEOUT` (ms)
// bounds the wait for each console query.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { startServer } from './serve.ts';
import { fmt, mb, measureOf, median, openApp, pivotResults, round, runInApp, type BenchResult } from './bench-app.ts';
import { benchNative } from './bench-native.ts';
import { launchChromium } from '../tests/chromium.ts';
import { generateReferralsSql, groupBySql } from './bench-data.ts';
import { benchPivots, benchWidePivot } from './bench-pivot.ts';
import { benchSdc } from './bench-sdc.ts';
import { benchSdcLinked } from './bench-sdc-linked.ts';
import { benchPack } from './bench-pack.ts';
import { benchProfile } from './bench-profile.ts';
import { benchImport } from './bench-import.ts';
import { benchWorkbook } from './bench-workbook.ts';
import { benchRebuild } from './bench-rebuild.ts';
import { benchCompletion, benchGrid } from './bench-sql.ts';

const ROWS = 1_000_000;
const REPEATS = 5;
const PIVOT_ROWS = (process.env.BENCH_PIVOT_ROWS ?? '1000000,10000000,40000000').split(',').map(Number);
const SPILL_ROWS = Number(process.env.BENCH_SPILL_ROWS ?? 100_000_000);

async function nativeGroupBy(conn: DuckDBConnection): Promise<number[]> {
  await conn.run(generateReferralsSql('bench_referrals', ROWS));
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await conn.runAndReadAll(groupBySql('bench_referrals'));
    times.push(performance.now() - t0);
  }
  return times;
}

/** The app on duckdb-wasm in Chromium (the in-page engine, web mode without the native engine), and the imports. */
async function benchWasmApp(results: BenchResult[]): Promise<void> {
  const { server, url } = await startServer({ port: 0, isolated: process.env.BENCH_ISOLATED !== '0' });
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    const { status, threads } = await openApp(page, url);
    const bundle = /bundle (\w+)/.exec(status)?.[1] ?? '?';
    results.push({ name: 'engine start to first query (Chromium)', value: round(await measureOf(page, 'engine-start-to-first-query')), unit: 'ms' });
    results.push({ name: 'load all built-in datasets (Chromium)', value: round(await measureOf(page, 'datasets-load')), unit: 'ms' });

    const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
    const conn = await instance.connect();
    await page.getByRole('button', { name: 'New SQL console' }).click();
    await runInApp(page, generateReferralsSql('bench_referrals', ROWS));
    const wasm: number[] = [];
    for (let i = 0; i < REPEATS; i++) wasm.push(await runInApp(page, groupBySql('bench_referrals')));
    const nat = median(await nativeGroupBy(conn));
    results.push({
      name: `GROUP BY over ${fmt(ROWS)} generated referral rows, median of ${REPEATS} (Chromium ${bundle}, ${threads} threads vs native)`,
      value: round(median(wasm)),
      unit: 'ms',
      native: round(nat),
      ratio: round(median(wasm) / nat, 2),
    });
    await runInApp(page, 'DROP TABLE bench_referrals');
    const completion = await benchCompletion(page);
    const catalog = `${completion.tables}-table catalog (${completion.columns} columns each)`;
    results.push({ name: `SQL editor: completion on a ${catalog}, a letter typed to the list drawn, median of 15 (Chromium)`, value: round(completion.typed.medianMs), unit: 'ms' });
    results.push({ name: 'SQL editor: completion as typed, slowest of 15', value: round(completion.typed.worstMs), unit: 'ms' });
    results.push({ name: `SQL editor: completion on the ${catalog}, Ctrl+Space to the list drawn (CodeMirror waits 50 ms first), median`, value: round(completion.explicit.medianMs), unit: 'ms' });
    const grid = await benchGrid(page);
    const gridWhat = `results grid, ${fmt(grid.rows)}-row SELECT * (2 columns)`;
    results.push({ name: `${gridWhat}: Run to the first rows drawn (shown while the rest are read; Chromium ${bundle})`, value: round(grid.firstRowsMs), unit: 'ms' });
    results.push({ name: `${gridWhat}: Run to the whole result in the grid (every row reachable)`, value: round(grid.wholeResultMs), unit: 'ms' });
    results.push({ name: `${gridWhat}: frame time scrolling first row to last, p50 of ${grid.frame.frames}`, value: round(grid.frame.p50Ms, 1), unit: 'ms' });
    results.push({ name: `${gridWhat}: frame time scrolling, p95`, value: round(grid.frame.p95Ms, 1), unit: 'ms' });
    results.push({ name: `${gridWhat}: frames over 16.7 ms while scrolling`, value: grid.frame.over16, unit: 'frames' });
    results.push({ name: `${gridWhat}: the page's work per scrolled frame (scroll handled, rows drawn, layout), p50`, value: round(grid.work.p50Ms, 1), unit: 'ms' });
    results.push({ name: `${gridWhat}: the page's work per scrolled frame, p95`, value: round(grid.work.p95Ms, 1), unit: 'ms' });
    results.push({ name: `${gridWhat}: JS heap before → after scrolling`, value: round(grid.heapAfterMb - grid.heapBeforeMb, 1), unit: 'MB grown' });

    for (const rows of PIVOT_ROWS) {
      // Up to 10M rows the generated table stores categories as text; beyond, as ENUMs (as an import would), so
      // 40M rows fit the wasm engine's memory (a 4 GiB address space, memory_limit 3.1 GiB).
      const compact = rows > 10_000_000;
      const run = await benchPivots(page, conn, rows, (sql) => runInApp(page, sql), compact);
      const what = `pivot ${fmt(rows)} rows${compact ? ' (ENUM-coded)' : ''}`;
      results.push(...pivotResults(what, run));
      results.push({ name: `${what}: engine memory in use after the pivots (limit ${run.memoryLimit})`, value: round(run.memoryGiB, 2), unit: 'GiB' });
    }
    // Imports through the app's import tab, against native read_csv on the same file.
    const imp = await benchImport(page, conn);
    results.push({
      name: `import a ${fmt(imp.csvRows)}-row CSV (${mb(imp.csvBytes)}): picked → preview → table created (Chromium ${bundle} vs native read_csv)`,
      value: round(imp.previewMs + imp.createMs),
      unit: 'ms',
      native: round(imp.nativeMs),
      ratio: round((imp.previewMs + imp.createMs) / imp.nativeMs, 2),
    });
    results.push({ name: 'import of the CSV: file picked → preview shown (Chromium)', value: round(imp.previewMs), unit: 'ms' });
    results.push({ name: `import of the CSV: page's peak JS heap meanwhile (file ${mb(imp.csvBytes)})`, value: round(imp.peakHeapBytes / 1024 / 1024), unit: 'MB' });
    results.push({ name: `import a ${fmt(imp.xlsxRows)}-row XLSX in the app (Chromium, worker)`, value: Math.round(imp.xlsxRows / (imp.xlsxAppMs / 1000)), unit: 'rows/s' });
    results.push({ name: `read the same XLSX with SheetJS directly (Node)`, value: Math.round(imp.xlsxRows / (imp.xlsxNodeMs / 1000)), unit: 'rows/s' });
    conn.closeSync();
    const wide = await benchWidePivot(page, (sql) => runInApp(page, sql));
    results.push({ name: 'pivot of 50,000 column values × 7 rows (200,000 rows): "Show all" to the table drawn (Chromium)', value: round(wide.layoutMs), unit: 'ms' });
    results.push({ name: 'pivot of 50,000 column values: longest task meanwhile (wall-clock, Chromium)', value: round(wide.longestTaskMs), unit: 'ms' });

    // Briefing pack: 20 items resolved and written as XLSX and DOCX (Node), then laid out and printed to PDF by
    // the print view in Chromium (the same pages window.print() and Electron's printToPDF print).
    const pack = await benchPack();
    results.push({ name: 'pack of 20 items (10 tables, 8 charts, 2 commentary): resolve on the engine, protect, chart (Node)', value: round(pack.resolveMs), unit: 'ms' });
    results.push({ name: `pack of 20 items: XLSX (${Math.round(pack.xlsxBytes / 1024)} KB, Node)`, value: round(pack.xlsxMs), unit: 'ms' });
    results.push({ name: `pack of 20 items: DOCX (${Math.round(pack.docxBytes / 1024)} KB, Node)`, value: round(pack.docxMs), unit: 'ms' });
    const printPage = await context.newPage();
    await printPage.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), pack.doc);
    let t0 = performance.now();
    await printPage.goto(`${url}pack-print.html`);
    await printPage.locator('.pack-pages[data-ready]').waitFor({ timeout: 120_000 });
    const layoutMs = performance.now() - t0;
    const pages = Number(await printPage.locator('.pack-pages').getAttribute('data-page-count'));
    t0 = performance.now();
    const pdf = await printPage.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfMs = performance.now() - t0;
    results.push({ name: `pack of 20 items: paginate the print view (${pages} pages, Chromium)`, value: round(layoutMs), unit: 'ms' });
    results.push({ name: `pack of 20 items: PDF through Chromium's print pipeline (${Math.round(pdf.length / 1024)} KB)`, value: round(pdfMs), unit: 'ms' });
    console.log(`\nbench (${new Date().toISOString()}; DuckDB wasm ${bundle} with ${threads} threads in Chromium; native @duckdb/node-api with ${threads} threads)\n`);
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
}

/** What runs in Node alone: disclosure control, profiles, workbook files, the headless rebuild. */
async function benchNode(results: BenchResult[]): Promise<void> {
  // Disclosure control runs in the page on HiGHS compiled to wasm; the same wasm runs here in Node.
  for (const r of await benchSdc()) {
    const optimal = r.provenOptimal === undefined ? '' : r.provenOptimal ? ', proven optimal' : ', best found, not proven optimal';
    results.push({ name: `${r.name}: ${r.cells} cells, ${r.primary} primary + ${r.secondary} secondary suppressed, ${r.lossPct.toFixed(1)}% of the total withheld${optimal} (Node, HiGHS wasm)`, value: round(r.ms), unit: 'ms' });
  }
  // Tables published together: three linked 100 × 50 tables, and a 3-table pack over the Q4 2023 detail data.
  for (const r of await benchSdcLinked()) {
    const what = r.cells ? `: ${r.cells} cells (shared totals counted in each table), ${r.suppressed} suppressed, ${fmt(r.suppressedTotal)} people withheld` : ` (${r.suppressed} cells withheld)`;
    results.push({ name: `${r.name}${what} (Node, HiGHS wasm)`, value: round(r.ms), unit: 'ms' });
  }
  // Column profiles: the app's own profile runner on duckdb-wasm's Node build, against native DuckDB on its SQL.
  const profile = await benchProfile(ROWS);
  results.push({
    name: `profile of a ${fmt(profile.rows)}-row table (${profile.columns} columns, ${profile.queries} queries), median of 5 (Node, wasm eh 1 thread vs native 1 thread)`,
    value: round(profile.wasmMs),
    unit: 'ms',
    native: round(profile.nativeMs),
    ratio: round(profile.wasmMs / profile.nativeMs, 2),
  });
  // Workbook files: save and open with a 1M-row imported table (Node, the page's engine), against native DuckDB
  // writing and reading the same table as Parquet; then the headless rebuild of the 20-item pack from its workbook.
  const wb = await benchWorkbook(ROWS);
  const pct = Math.round((wb.workbookBytes / wb.csvBytes) * 100);
  results.push({ name: `workbook with a ${fmt(wb.rows)}-row imported table: save (${mb(wb.workbookBytes)}, ${pct}% of the ${mb(wb.csvBytes)} CSV; native: Parquet zstd ${mb(wb.nativeParquetBytes)}) (Node, wasm vs native)`, value: round(wb.saveMs), unit: 'ms', native: round(wb.nativeParquetWriteMs), ratio: round(wb.saveMs / wb.nativeParquetWriteMs, 2) });
  results.push({ name: `workbook with a ${fmt(wb.rows)}-row imported table: open (Node, wasm vs native Parquet read)`, value: round(wb.openMs), unit: 'ms', native: round(wb.nativeParquetReadMs), ratio: round(wb.openMs / wb.nativeParquetReadMs, 2) });
  const rebuild = await benchRebuild();
  results.push({ name: `headless rebuild of the 20-item pack from its workbook: idmg pack build, ${rebuild.files} files (PDF, XLSX, ODS, DOCX, zip)`, value: round(rebuild.ms / 1000), unit: 's' });
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only !== undefined && only !== 'native') throw new Error(`BENCH_ONLY knows only 'native', not '${only}'`);
  const results: BenchResult[] = [];
  if (!only) await benchWasmApp(results);
  const context = await launchChromium();
  try {
    results.push(...(await benchNative(context, { pivotRows: PIVOT_ROWS, spillRows: SPILL_ROWS, spillMemory: process.env.BENCH_SPILL_MEMORY ?? '2GiB' })));
  } finally {
    await context.close();
  }
  if (!only) await benchNode(results);
  console.table(results.map((r) => ({ name: r.name, value: r.value, unit: r.unit, native: r.native ?? '', ratio: r.ratio ?? '' })));
  const dir = join(import.meta.dirname, '..', 'bench');
  mkdirSync(dir, { recursive: true });
  // A partial run (BENCH_ONLY) keeps the full run's results.json as it was.
  const file = only ? `results-${only}.json` : 'results.json';
  writeFileSync(join(dir, file), JSON.stringify(results, null, 2) + '\n');
  console.log(`written to bench/${file}`);
}

await main();
