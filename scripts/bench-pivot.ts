// Script layer (part of `npm run bench`): pivots in the app, driven through its own UI in Chromium, on generated
// referral-shaped tables — first pivot (2 row fields × 1 column field, subtotals), re-pivot after moving a field,
// % of row, a 3-level pivot — each against native DuckDB running the very SQL the app ran, same thread count; and
// a pivot of 50,000 column values, timed from "Show all" to the table drawn, with the longest task meanwhile.
// `app` is the app's own time of a step on whichever engine the page runs (duckdb-wasm, or the native engine, where
// it includes the transfer of the result to the page).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { generateCompactReferralsSql, generateReferralsSql } from './bench-data.ts';

/** `app`: the whole pivot in the app (SQL, transfer, layout); `engine`: of it, the wait on the engine (SQL and transfer). */
export interface PivotStep { name: string; app: number; engine: number; native: number; reusedBase: boolean; sqlCount: number }
export interface PivotBench { steps: PivotStep[]; memoryGiB: number; memoryLimit: string; tempBytes: number }

interface Measure { duration: number; startTime: number; detail: { sql: string[]; engineMs?: number; reusedBase: boolean } }

async function lastPivot(page: Page): Promise<Measure | null> {
  return page.evaluate(() => {
    const m = performance.getEntriesByName('pivot-run').at(-1) as { duration: number; startTime: number; detail?: unknown } | undefined;
    return m ? { duration: m.duration, startTime: m.startTime, detail: m.detail as Measure['detail'] } : null;
  });
}

/** Does something in the UI that re-runs the pivot, and returns the app's own measure of that run. */
async function pivotAfter(page: Page, act: () => Promise<unknown>): Promise<Measure> {
  const before = (await lastPivot(page))?.startTime ?? -1;
  await act();
  await page.waitForFunction((t) => (performance.getEntriesByName('pivot-run').at(-1)?.startTime ?? -1) > t, before, { timeout: 600_000 });
  await page.getByRole('status').filter({ hasText: /^(Calculated|Laid out again)/ }).waitFor({ timeout: 600_000 });
  return (await lastPivot(page))!;
}

/**
 * Waits for the app's own signal that a pivot's source is read (its fields and its own total rows; on 10M rows
 * that takes a while), or for the error the app shows instead — never a guess at how long it takes.
 */
async function sourceReady(page: Page, table: string): Promise<void> {
  const outcome = await page.waitForFunction(
    (t) => {
      const marks = performance.getEntriesByName('pivot-source-ready') as unknown as Array<{ detail?: { source?: string } }>;
      if (marks.some((m) => m.detail?.source === t)) return 'ready';
      // The page's document, typed loosely: this script is compiled without the DOM library.
      const page = globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } };
      const alert = page.document.querySelector('[role="alert"]');
      return alert ? `The pivot could not read ${t}: ${alert.textContent ?? ''}` : false;
    },
    table,
    { timeout: 0, polling: 250 },
  );
  const value = (await outcome.jsonValue()) as string;
  if (value !== 'ready') throw new Error(value);
}

/**
 * A table made in a console is unpublished, so a new pivot over it starts protected; these benches time the pivot
 * itself (disclosure control has its own, scripts/bench-sdc*.ts), so protection is switched off first.
 */
async function protectionOff(page: Page): Promise<void> {
  const protect = page.getByRole('switch', { name: 'Protect for publication' }).last();
  if (await protect.isChecked()) await protect.uncheck();
}

async function timeNative(conn: DuckDBConnection | null, sql: string[]): Promise<number> {
  if (!conn) return Number.NaN;
  const t0 = performance.now();
  for (const s of sql) await conn.runAndReadAll(s);
  return performance.now() - t0;
}

/**
 * The engine's memory in use, as DuckDB accounts it, read through the app's console (GiB), and its limit; with
 * `temp`, also the bytes of DuckDB's temporary (spill) files then.
 */
async function engineMemory(page: Page, runSql: (sql: string) => Promise<number>, temp: boolean): Promise<{ gib: number; limit: string; tempBytes: number }> {
  const tempSql = temp ? ', (SELECT coalesce(sum(size), 0) FROM duckdb_temporary_files())::BIGINT AS temp_bytes' : '';
  await runSql(`SELECT (sum(memory_usage_bytes) / 1024 / 1024 / 1024)::DOUBLE AS gib, current_setting('memory_limit') AS lim${tempSql} FROM duckdb_memory()`);
  const cells = await page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell').allInnerTexts();
  const num = (cell: string | undefined) => Number(cell?.replace(/,/g, '') ?? Number.NaN);
  return { gib: num(cells[0]), limit: cells[1] ?? '?', tempBytes: temp ? num(cells[2]) : Number.NaN };
}

/**
 * `conn` null: no native comparison (the native figures are NaN); `options.table` names the generated table,
 * `options.tempFiles` also reads DuckDB's temporary file use before the table is dropped.
 */
export async function benchPivots(
  page: Page,
  conn: DuckDBConnection | null,
  rows: number,
  runSql: (sql: string) => Promise<number>,
  compact = false,
  options: { table?: string; tempFiles?: boolean } = {},
): Promise<PivotBench> {
  const table = options.table ?? `bench_pivot_${rows}`;
  for (const sql of compact ? generateCompactReferralsSql(table, rows) : [generateReferralsSql(table, rows)]) {
    await runSql(sql);
    await conn?.run(sql);
  }

  await page.getByRole('button', { name: 'New pivot table' }).click();
  const source = page.getByRole('combobox', { name: 'Source' }).last();
  await source.locator(`option[value="table:${table}"]`).waitFor({ state: 'attached', timeout: 120_000 }).catch(async (err: unknown) => {
    throw new Error(`The pivot's source list never offered ${table}: ${await page.getByRole('alert').allInnerTexts()} ${String(err)}`);
  });
  await source.selectOption(`table:${table}`);
  await sourceReady(page, table);
  await protectionOff(page);
  await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum'));
  await pivotAfter(page, () => page.getByRole('button', { name: 'Remove Count of records' }).click());
  await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows'));
  await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('rows'));

  const steps: PivotStep[] = [];
  const record = async (name: string, m: Measure, nativeSql: string[]) => {
    // A step that only re-laid out the pivot ran no SQL: there is nothing for native DuckDB to run.
    const native = nativeSql.length ? await timeNative(conn, nativeSql) : Number.NaN;
    steps.push({ name, app: m.duration, engine: m.detail.engineMs ?? Number.NaN, native, reusedBase: m.detail.reusedBase, sqlCount: nativeSql.length });
  };
  const first = await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add exploitation_type to' }).selectOption('columns'));
  await record('first pivot (2 row fields × 1 column field, subtotals)', first, first.detail.sql);
  const pivotTab = page.getByRole('tab', { name: /^Pivot/ }).last();
  const moved = await pivotAfter(page, () => page.getByRole('button', { name: 'Move age_at_exploitation to columns' }).click());
  await record('re-pivot after moving a field', moved, moved.detail.sql);
  const pct = await pivotAfter(page, () => page.getByRole('combobox', { name: 'Show as for Sum of referrals' }).selectOption('pct_row'));
  await record('% of row total', pct, pct.detail.sql);
  await pivotAfter(page, () => page.getByRole('button', { name: 'Move age_at_exploitation to rows' }).click());
  const three = await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add nationality to' }).selectOption('rows'));
  await record('3-level pivot (3 row fields × 1 column field)', three, three.detail.sql);
  const memory = await engineMemory(page, runSql, options.tempFiles === true);
  await pivotTab.click();
  await page.getByRole('button', { name: /^Close Pivot/ }).click();
  await runSql(`DROP TABLE ${table}`);
  await conn?.run(`DROP TABLE ${table}`);
  return { steps, memoryGiB: memory.gib, memoryLimit: memory.limit, tempBytes: memory.tempBytes };
}

export interface WidePivotBench {
  /** From agreeing to show the columns to the table drawn (ms). */
  layoutMs: number;
  /** The longest task the page saw meanwhile (ms, wall-clock; 0 when none passed 50 ms). */
  longestTaskMs: number;
}

/**
 * A pivot of 50,000 column values (issue 9: it once froze the page for 182 s): the pivot asks first; the time from
 * "Show all" to the table drawn, and the longest task meanwhile.
 */
export async function benchWidePivot(page: Page, runSql: (sql: string) => Promise<number>): Promise<WidePivotBench> {
  const table = 'bench_wide_pivot';
  await runSql(`CREATE OR REPLACE TABLE ${table} AS SELECT i % 50000 AS k, i % 7 AS g FROM range(200000) t(i)`);
  await page.getByRole('button', { name: 'New pivot table' }).click();
  const source = page.getByRole('combobox', { name: 'Source' }).last();
  await source.locator(`option[value="table:${table}"]`).waitFor({ state: 'attached', timeout: 120_000 });
  await source.selectOption(`table:${table}`);
  await sourceReady(page, table);
  await protectionOff(page);
  await pivotAfter(page, () => page.getByRole('combobox', { name: 'Add g to' }).selectOption('rows'));
  await page.getByRole('combobox', { name: 'Add k to' }).selectOption('columns');
  const show = page.getByRole('button', { name: 'Show all 50,000 columns' });
  await show.focus({ timeout: 600_000 }); // found before the clock starts: the role lookup runs in the page too
  const started = await page.evaluate(() => {
    const g = globalThis as unknown as { __benchLongest: number };
    g.__benchLongest = 0;
    // 'longtask' is a browser entry type that Node's typings (this file's) do not list.
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (g.__benchLongest = Math.max(g.__benchLongest, e.duration)))).observe({ type: 'longtask' } as unknown as { type: 'mark' });
    return performance.now();
  });
  await page.keyboard.press('Enter');
  await page.locator('[role="grid"][aria-colcount="50002"]').waitFor({ timeout: 600_000 });
  const [ended, longestTaskMs] = await page.evaluate(() => [performance.now(), (globalThis as unknown as { __benchLongest: number }).__benchLongest]);
  await page.getByRole('button', { name: /^Close Pivot/ }).click();
  await runSql(`DROP TABLE ${table}`);
  return { layoutMs: ended! - started, longestTaskMs: longestTaskMs! };
}
