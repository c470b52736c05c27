// Script layer (part of `npm run bench`): what every browser bench shares — the result record written to
// bench/results.json, number formatting, reading the app's own performance measures, opening the app and waiting
// until it is ready, and running SQL through the app's own SQL console (timed by the engine's 'engine-query'
// measure; on the native engine that measure includes the transfer of the Arrow result to the page).
import type { Page } from '@playwright/test';
import type { PivotBench } from './bench-pivot.ts';

export interface BenchResult { name: string; value: number; unit: string; native?: number; ratio?: number }

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const round = (x: number, digits = 1) => Number(x.toFixed(digits));
export const fmt = (n: number) => n.toLocaleString('en-GB');
export const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

export async function measureOf(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? Number.NaN, name);
}

/** Opens the app at `url` and waits until the engine runs and the built-in datasets are loaded; returns the status line. */
export async function openApp(page: Page, url: string): Promise<{ status: string; threads: number }> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.getByRole('contentinfo', { name: 'Status' }).getByText(/\d+ datasets loaded/).waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('datasets-load').length > 0, undefined, { timeout: 120_000 });
  const status = await page.getByRole('contentinfo', { name: 'Status' }).innerText();
  return { status, threads: Number(/(\d+) threads?/.exec(status)?.[1] ?? 1) };
}

/**
 * The app's latest engine-query measure of this SQL (the console runs each statement as written, without its `;`):
 * other queries — the editor's completion reading the catalog after a run — leave measures of their own.
 */
export function engineQueryMeasure(page: Page, sql: string): Promise<{ startTime: number; duration: number; detail: Record<string, unknown> } | null> {
  return page.evaluate((text) => {
    const entry = performance.getEntriesByName('engine-query').findLast((e) => (e as PerformanceMeasure).detail?.sql === text) as PerformanceMeasure | undefined;
    return entry ? { startTime: entry.startTime, duration: entry.duration, detail: entry.detail as Record<string, unknown> } : null;
  }, sql.trim().replace(/;\s*$/, ''));
}

/** Runs SQL (one statement) through the app's own SQL console and returns the engine's own timing of it. */
export async function runInApp(page: Page, sql: string): Promise<number> {
  const before = (await engineQueryMeasure(page, sql))?.startTime ?? -1;
  await page.getByRole('tab', { name: /^SQL/ }).first().click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  const deadline = Date.now() + Number(process.env.BENCH_QUERY_TIMEOUT ?? 600_000);
  let measure = await engineQueryMeasure(page, sql);
  while (!measure || measure.startTime <= before) {
    if (Date.now() > deadline) throw new Error(`No result for: ${sql.slice(0, 80)} — status: ${await page.getByRole('status').allInnerTexts()} alerts: ${await page.getByRole('alert').allInnerTexts()}`);
    await page.waitForTimeout(20);
    measure = await engineQueryMeasure(page, sql);
  }
  await page.getByRole('button', { name: 'Run query' }).and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
  const alert = page.getByRole('alert');
  if ((await alert.count()) > 0) throw new Error(`The app reported an error: ${await alert.first().innerText()}`);
  return measure.duration;
}

/** The cells of the console's result grid (the first rows drawn), as shown. */
export async function resultCells(page: Page): Promise<string[]> {
  return page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell').allInnerTexts();
}

/**
 * A pivot run's steps as results: the app's whole time against native DuckDB on the SQL the app ran, where it ran
 * any, and the part of it spent waiting on the engine (the SQL and the transfer of its results to the page) against
 * the same native time — the rest is the app laying the pivot out, which native DuckDB does not do.
 */
export function pivotResults(what: string, run: PivotBench): BenchResult[] {
  return run.steps.flatMap((step) => {
    const ranSql = Number.isFinite(step.native);
    const label = step.reusedBase ? ' (cached aggregate)' : '';
    const name = `${what}: ${step.name}${step.sqlCount === 0 ? ' (layout only, no SQL)' : label}`;
    const versus = (ms: number) => (ranSql ? { native: round(step.native), ratio: round(ms / step.native, 2) } : {});
    const whole: BenchResult = { name, value: round(step.app), unit: 'ms', ...versus(step.app) };
    if (!ranSql || !Number.isFinite(step.engine)) return [whole];
    return [whole, { name: `${name}: of which the engine (SQL + transfer to the page)`, value: round(step.engine), unit: 'ms', ...versus(step.engine) }];
  });
}
