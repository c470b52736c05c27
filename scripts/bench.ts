// Script layer (`npm run bench`, not a test): measures the app in Debian's Chromium — engine start to first query,
// loading every built-in dataset, a GROUP BY over a generated 1M-row referral-shaped table — and runs the same
// SQL on native DuckDB (@duckdb/node-api, same DuckDB version, same thread count) in the same run, printing
// ratios. Figures go to bench/results.json as [{name, value, unit, native?, ratio?}].
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { startServer } from './serve.ts';
import { launchChromium } from '../tests/chromium.ts';
import { generateReferralsSql, groupBySql } from './bench-data.ts';

export interface BenchResult { name: string; value: number; unit: string; native?: number; ratio?: number }

const ROWS = 1_000_000;
const REPEATS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

async function measureOf(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? Number.NaN, name);
}

/** Runs SQL through the app's own SQL console and returns the engine's own timing of it. */
async function runInApp(page: Page, sql: string): Promise<number> {
  const before = await page.evaluate(() => performance.getEntriesByName('engine-query').at(-1)?.startTime ?? -1);
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.waitForFunction((t) => (performance.getEntriesByName('engine-query').at(-1)?.startTime ?? -1) > t, before, { timeout: 300_000 });
  const alert = page.getByRole('alert');
  if ((await alert.count()) > 0) throw new Error(`The app reported an error: ${await alert.innerText()}`);
  return measureOf(page, 'engine-query');
}

async function browserFigures(): Promise<{ start: number; datasets: number; groupBy: number[]; threads: number; bundle: string }> {
  const { server, url } = await startServer({ port: 0 });
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText(/\d+ datasets loaded/).waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('datasets-load').length > 0, undefined, { timeout: 120_000 });
    const start = await measureOf(page, 'engine-start-to-first-query');
    const datasets = await measureOf(page, 'datasets-load');
    const status = await page.getByRole('contentinfo', { name: 'Status' }).innerText();
    const threads = Number(/(\d+) threads?/.exec(status)?.[1] ?? 1);
    const bundle = /bundle (\w+)/.exec(status)?.[1] ?? '?';
    await page.getByRole('button', { name: 'New SQL console' }).click();
    await runInApp(page, generateReferralsSql('bench_referrals', ROWS));
    const groupBy: number[] = [];
    for (let i = 0; i < REPEATS; i++) groupBy.push(await runInApp(page, groupBySql('bench_referrals')));
    return { start, datasets, groupBy, threads, bundle };
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
}

async function nativeGroupBy(threads: number): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  await conn.run(generateReferralsSql('bench_referrals', ROWS));
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await conn.runAndReadAll(groupBySql('bench_referrals'));
    times.push(performance.now() - t0);
  }
  conn.closeSync();
  return times;
}

async function main(): Promise<void> {
  const app = await browserFigures();
  const native = await nativeGroupBy(app.threads);
  const wasm = median(app.groupBy);
  const nat = median(native);
  const results: BenchResult[] = [
    { name: 'engine start to first query (Chromium)', value: round(app.start), unit: 'ms' },
    { name: 'load all built-in datasets (Chromium)', value: round(app.datasets), unit: 'ms' },
    {
      name: `GROUP BY over ${ROWS.toLocaleString('en-GB')} generated referral rows, median of ${REPEATS} (Chromium ${app.bundle}, ${app.threads} threads vs native)`,
      value: round(wasm),
      unit: 'ms',
      native: round(nat),
      ratio: round(wasm / nat, 2),
    },
  ];
  console.log(`\nbench (${new Date().toISOString()}, DuckDB wasm ${app.bundle} with ${app.threads} threads; native @duckdb/node-api with ${app.threads} threads)\n`);
  console.table(results.map((r) => ({ name: r.name, value: r.value, unit: r.unit, native: r.native ?? '', ratio: r.ratio ?? '' })));
  const dir = join(import.meta.dirname, '..', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`written to bench/results.json`);
}

await main();
