// Script layer (part of `npm run bench`; alone with BENCH_ONLY=native): the app on its NATIVE engine, as web mode
// serves it — native DuckDB in an engine-host process per page (scripts/serve.ts, serve-engine.ts), the page in
// Chromium. Measures engine start to first query (the built host out/main/engine-host.js, and the TypeScript source
// through tsx), the Arrow transfer of a 1M-row result to the page, the pivots of bench-pivot.ts at the
// BENCH_PIVOT_ROWS sizes against native DuckDB in this process (same thread count, the same compressed in-memory
// work database the host attaches, the very SQL the app ran), and a pivot of BENCH_SPILL_ROWS rows (default 100M)
// on an engine held to BENCH_SPILL_MEMORY (default 2GiB), which must complete by spilling to disk: its time, the
// engine process's peak memory (VmHWM) and the temporary files meanwhile.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { BrowserContext, Page } from '@playwright/test';
import { engineHostProgram, startServer } from './serve.ts';
import type { EngineSessions, EngineSessionsOptions } from './serve-engine.ts';
import { engineQueryMeasure, fmt, mb, measureOf, openApp, pivotResults, round, runInApp, type BenchResult } from './bench-app.ts';
import { generateReferralsSql } from './bench-data.ts';
import { benchPivots } from './bench-pivot.ts';

export interface NativeBenchOptions {
  /** Pivot sizes, each against direct native DuckDB (BENCH_PIVOT_ROWS). */
  pivotRows: number[];
  /** Rows of the spilling pivot (BENCH_SPILL_ROWS; 0 skips it). */
  spillRows: number;
  /** The memory limit of the spilling engine (BENCH_SPILL_MEMORY). */
  spillMemory: string;
}

interface NativePage { page: Page; engines: EngineSessions; threads: number; memoryLimit: string }

/** A server with the native engine and one page on it (so one engine process), for the length of `use`. */
async function withNativePage<T>(context: BrowserContext, engine: EngineSessionsOptions, use: (p: NativePage) => Promise<T>): Promise<T> {
  const { server, appUrl, engines } = await startServer({ port: 0, engine });
  const page = await context.newPage();
  try {
    const { status, threads } = await openApp(page, appUrl);
    if (!/native engine/.test(status) || !engines) throw new Error(`The page did not get the native engine: ${status}`);
    const memoryLimit = /memory limit ([\d.]+ \w+)/.exec(status)?.[1] ?? '?';
    await page.getByRole('button', { name: 'New SQL console' }).click();
    return await use({ page, engines, threads, memoryLimit });
  } finally {
    await page.close();
    server.closeAllConnections();
    server.close();
  }
}

/**
 * The 1M-row result of `SELECT *` sent to the page: the app's measure of the query (query, Arrow, transfer and
 * tableFromIPC), the engine host's own time of it (query and Arrow), and the difference — the transfer to the page.
 */
async function transfer(page: Page): Promise<BenchResult[]> {
  const rows = 1_000_000;
  await runInApp(page, generateReferralsSql('bench_transfer', rows));
  const appMs = await runInApp(page, 'SELECT * FROM bench_transfer');
  const detail = (await engineQueryMeasure(page, 'SELECT * FROM bench_transfer'))?.detail;
  const hostMs = typeof detail?.hostMs === 'number' ? detail.hostMs : Number.NaN;
  const bytes = typeof detail?.arrowBytes === 'number' ? detail.arrowBytes : 0;
  await runInApp(page, 'DROP TABLE bench_transfer');
  if (!(bytes > 0) || !Number.isFinite(hostMs)) throw new Error('The engine-query measure did not carry the host’s time and the Arrow size.');
  const rate = (ms: number) => round(bytes / 1024 / 1024 / (ms / 1000));
  const what = `native engine: SELECT * of ${fmt(rows)} rows × 8 columns to the page (${mb(bytes)} Arrow)`;
  return [
    { name: `${what}: the app's engine-query measure (query + Arrow + transfer + tableFromIPC)`, value: round(appMs), unit: 'ms' },
    { name: `${what}: of which the engine host's own time (query + building the Arrow)`, value: round(hostMs), unit: 'ms' },
    { name: `${what}: of which the transfer to the page and tableFromIPC (the difference)`, value: round(appMs - hostMs), unit: 'ms' },
    { name: `${what}: transfer rate (MB = 2^20 bytes)`, value: rate(appMs - hostMs), unit: 'MB/s' },
    { name: `${what}: rate by the whole measure`, value: rate(appMs), unit: 'MB/s' },
  ];
}

/** The pivots at each size on the page's engine against native DuckDB here, same threads and work database. */
async function pivots({ page, threads, memoryLimit }: NativePage, sizes: number[]): Promise<BenchResult[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  await conn.run("ATTACH ':memory:' AS workbench (COMPRESS)");
  await conn.run('USE workbench');
  const results: BenchResult[] = [];
  try {
    for (const rows of sizes) {
      const compact = rows > 10_000_000; // the same SQL as the wasm engine's pivots at this size
      const run = await benchPivots(page, conn, rows, (sql) => runInApp(page, sql), compact);
      const what = `native engine (${threads} threads, vs direct native): pivot ${fmt(rows)} rows${compact ? ' (ENUM-coded)' : ''}`;
      results.push(...pivotResults(what, run));
      results.push({ name: `${what}: engine memory in use after the pivots (limit ${memoryLimit})`, value: round(run.memoryGiB, 2), unit: 'GiB' });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return results;
}

/** Bytes on disk under every session's tmp/ folder in `parent` (DuckDB's temp_directory there). */
function tempBytes(parent: string): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(path);
      else if (st) total += st.blocks * 512;
    }
  };
  for (const session of readdirSync(parent)) {
    try {
      walk(join(parent, session, 'tmp'));
    } catch {
      // a file or folder went away while counted: the next poll counts again
    }
  }
  return total;
}

function peakMemoryBytes(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

/** A pivot over `rows` generated rows on an engine with a low memory limit: it must complete by spilling. */
async function spill(context: BrowserContext, program: string | undefined, rows: number, memory: string): Promise<BenchResult[]> {
  const parentDir = mkdtempSync(join(tmpdir(), 'idmg-bench-spill-'));
  try {
    return await withNativePage(context, { program, memoryLimit: memory, parentDir }, async (p) => {
      const pid = p.engines.pids()[0];
      if (pid === undefined) throw new Error('The spill page has no engine process.');
      let peakTemp = 0;
      const poll = setInterval(() => (peakTemp = Math.max(peakTemp, tempBytes(parentDir))), 250);
      const t0 = performance.now();
      const run = await benchPivots(p.page, null, rows, (sql) => runInApp(p.page, sql), false, { table: 'bench_spill', tempFiles: true }).finally(() => clearInterval(poll));
      const totalS = (performance.now() - t0) / 1000;
      const what = `native engine, memory limit ${p.memoryLimit}, ${p.threads} threads: pivot ${fmt(rows)} rows (text categories)`;
      return [
        ...pivotResults(what, run),
        { name: `${what}: the whole sequence (generate the table, 8 pivots, read memory, drop)`, value: round(totalS), unit: 's' },
        { name: `${what}: engine process's peak memory (VmHWM)`, value: round(peakMemoryBytes(pid) / 1024 ** 3, 2), unit: 'GiB' },
        { name: `${what}: peak size of DuckDB's temp folder meanwhile (polled every 250 ms)`, value: round(peakTemp / 1024 ** 3, 2), unit: 'GiB' },
        { name: `${what}: duckdb_temporary_files() after the pivots (console)`, value: round(run.tempBytes / 1024 ** 3, 2), unit: 'GiB' },
        { name: `${what}: engine memory in use after the pivots (duckdb_memory())`, value: round(run.memoryGiB, 2), unit: 'GiB' },
      ];
    });
  } finally {
    rmSync(parentDir, { recursive: true, force: true });
  }
}

export async function benchNative(context: BrowserContext, options: NativeBenchOptions): Promise<BenchResult[]> {
  const program = engineHostProgram();
  const results: BenchResult[] = [];
  const startName = (how: string) => `native engine: engine start to first query (Chromium, engine host ${how})`;
  await withNativePage(context, { program }, async (p) => {
    results.push({ name: startName(program ? 'built, out/main/engine-host.js' : 'from source through tsx'), value: round(await measureOf(p.page, 'engine-start-to-first-query')), unit: 'ms' });
    results.push({ name: 'native engine: load all built-in datasets (Chromium)', value: round(await measureOf(p.page, 'datasets-load')), unit: 'ms' });
    results.push(...(await transfer(p.page)));
    results.push(...(await pivots(p, options.pivotRows)));
  });
  // The source through tsx, for comparison (what the start cost before the host was built).
  if (program) {
    const ms = await withNativePage(context, {}, (p) => measureOf(p.page, 'engine-start-to-first-query'));
    results.push({ name: startName('from source through tsx'), value: round(ms), unit: 'ms' });
  }
  if (options.spillRows > 0) results.push(...(await spill(context, program, options.spillRows, options.spillMemory)));
  return results;
}
