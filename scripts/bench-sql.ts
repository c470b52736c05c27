// Script layer (part of `npm run bench`): the SQL editor's completion latency on a 200-table catalog — 200 tables
// of 30 columns made through the console, the catalog read, then a letter typed (and Ctrl+Space) in a statement
// joining two of them: the time from the key going down to the completion list drawn, measured in the page.
import type { Page } from '@playwright/test';
import { median } from './bench-app.ts';

const TABLES = 200;
const COLUMNS = 30;
const REPEATS = 15;

export interface CompletionBench {
  tables: number;
  columns: number;
  /** Typing a letter: the list as the analyst types. */
  typed: { medianMs: number; worstMs: number };
  /** Ctrl+Space: includes CodeMirror's own 50 ms wait before it asks for completions. */
  explicit: { medianMs: number; worstMs: number };
}

/**
 * One key in the editor (`Control+Space`, or a letter typed): ms from its keydown to the completion list drawn in
 * the editor's shadow root.
 */
async function completionOnce(page: Page, key: string): Promise<number> {
  const shown = page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        // No named functions in here: the bundler would wrap them in a helper the page does not have.
        // The editor of the console on show: other consoles' editors stay in the page, hidden.
        const root = document.querySelector('[role=tabpanel]:not([hidden]) .sql-editor')!.shadowRoot!;
        const listening = new AbortController();
        let down = Number.NaN;
        window.addEventListener('keydown', (e) => (e.key === expected ? (down = performance.now()) : undefined), { capture: true, signal: listening.signal });
        const observer = new MutationObserver(() => {
          if (!root.querySelector('[role=listbox] [role=option]')) return;
          const at = performance.now();
          observer.disconnect();
          listening.abort();
          resolve(at - down);
        });
        observer.observe(root, { childList: true, subtree: true });
      }),
    key === 'Control+Space' ? ' ' : key,
  );
  await page.getByRole('textbox', { name: 'SQL editor' }).press(key);
  const ms = await shown;
  await page.keyboard.press('Escape');
  if (key !== 'Control+Space') await page.keyboard.press('Backspace');
  return ms;
}

export async function benchCompletion(page: Page): Promise<CompletionBench> {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  const columns = Array.from({ length: COLUMNS }, (_, c) => `column_${c} VARCHAR`).join(', ');
  await editor.fill(Array.from({ length: TABLES }, (_, t) => `CREATE TABLE bench_table_${t} (${columns});`).join('\n'));
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByRole('region', { name: 'Statements run' }).getByRole('listitem').nth(TABLES - 1).filter({ hasText: 'done' }).waitFor({ timeout: 300_000 });
  await editor.fill('SELECT t.column_1 FROM bench_table_7 t JOIN bench_table_150 u ON t.column_2 = u.column_2 WHERE co');
  await editor.press('Control+End');
  // Completion reads the catalog after a run: wait until it offers the joined tables' columns.
  const list = page.getByRole('listbox', { name: 'Completions' });
  for (let tries = 0; !(await list.getByRole('option', { name: /^column_/ }).count()); tries += 1) {
    if (tries > 100) throw new Error('Completion never offered the 200 tables’ columns.');
    await page.keyboard.press('Escape');
    await editor.press('Control+Space');
    await list.waitFor({ timeout: 10_000 });
  }
  await page.keyboard.press('Escape');
  const measure = async (key: string) => {
    const times: number[] = [];
    for (let k = 0; k < REPEATS; k += 1) times.push(await completionOnce(page, key));
    return { medianMs: median(times), worstMs: Math.max(...times) };
  };
  const typed = await measure('l');
  const explicit = await measure('Control+Space');
  await editor.fill(Array.from({ length: TABLES }, (_, t) => `DROP TABLE bench_table_${t};`).join('\n'));
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByRole('region', { name: 'Statements run' }).getByRole('listitem').nth(TABLES - 1).filter({ hasText: 'done' }).waitFor({ timeout: 300_000 });
  return { tables: TABLES, columns: COLUMNS, typed, explicit };
}

const GRID_ROWS = 10_000_000;
const SCROLL_FRAMES = 180;

export interface GridBench {
  rows: number;
  /** Run clicked → the first rows drawn in the results grid (shown while the engine reads the rest). */
  firstRowsMs: number;
  /** Run clicked → the whole result in the grid (its row count known, every row reachable). */
  wholeResultMs: number;
  /** Frame-to-frame times while the grid is scrolled one step per frame from top to bottom (vsync-bound: ≥ 16.7 ms). */
  frame: { p50Ms: number; p95Ms: number; over16: number; frames: number };
  /**
   * The page's own work in each of those frames: from the frame's start to its rows drawn and laid out (the scroll
   * handled, the grid updated, style and layout forced) — what must fit in a frame for scrolling never to stutter.
   */
  work: { p50Ms: number; p95Ms: number; over16: number };
  /** The page's JS heap before and after scrolling (Chromium's performance.memory). */
  heapBeforeMb: number;
  heapAfterMb: number;
}

/**
 * The results grid over a 10M-row `SELECT *`: time to its first rows, frame times while scrolled from the first row
 * to the last (a scroll step each animation frame, as a dragged scrollbar gives), and the JS heap around the scroll.
 */
export async function benchGrid(page: Page): Promise<GridBench> {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill(`CREATE TABLE bench_grid AS SELECT range AS n, range % 97 AS k FROM range(${GRID_ROWS})`);
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByRole('button', { name: 'Run query' }).and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
  await editor.fill('SELECT * FROM bench_grid');
  // Timed from the click on Run: the first rows drawn (the grid shows them while the rest are read), and the whole
  // result in the grid (its row count known).
  const drawn = page.evaluate(
    () =>
      new Promise<{ first: number; whole: number }>((resolve) => {
        const clicked = { at: Number.NaN, first: Number.NaN };
        const listening = new AbortController();
        window.addEventListener('click', () => (clicked.at = performance.now()), { capture: true, signal: listening.signal });
        const observer = new MutationObserver(() => {
          const grid = document.querySelector('[role=tabpanel]:not([hidden]) [role=grid]');
          // The grid of this result (the CREATE TABLE's one-row count was on show before): its first column is n.
          const drawnHere = grid?.querySelector('[role=columnheader] .name')?.textContent === 'n' && grid.querySelector('[role=gridcell]');
          if (Number.isNaN(clicked.at) || !drawnHere) return;
          if (Number.isNaN(clicked.first)) clicked.first = performance.now() - clicked.at;
          if (grid.getAttribute('aria-rowcount') !== '10000001') return;
          observer.disconnect();
          listening.abort();
          resolve({ first: clicked.first, whole: performance.now() - clicked.at });
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      }),
  );
  await page.getByRole('button', { name: 'Run query' }).click();
  const { first: firstRowsMs, whole: wholeResultMs } = await drawn;
  const heap = () => page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1024 / 1024);
  const heapBeforeMb = await heap();
  const frames = await page.evaluate(async (steps) => {
    // No named functions in here: the bundler would wrap them in a helper the page does not have.
    const grid = document.querySelector<HTMLElement>('[role=tabpanel]:not([hidden]) [role=grid]')!;
    const times: number[] = [];
    const work: number[] = [];
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let k = 1; k <= steps; k += 1) {
      // The page's work for this step, timed on its own: the scroll handled (dispatched here rather than waited for),
      // the grid's update flushed (a microtask), then the style and layout still owed forced by reading a cell's box.
      const started = performance.now();
      grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * k) / steps;
      grid.dispatchEvent(new Event('scroll'));
      await Promise.resolve();
      void grid.querySelector('[role=gridcell]')?.getBoundingClientRect();
      work.push(performance.now() - started);
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      times.push(now - last);
      last = now;
    }
    return { times, work };
  }, SCROLL_FRAMES);
  const heapAfterMb = await heap();
  await editor.fill('DROP TABLE bench_grid');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByRole('button', { name: 'Run query' }).and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50Ms: pick(0.5), p95Ms: pick(0.95), over16: values.filter((t) => t > 16.7).length };
  };
  return { rows: GRID_ROWS, firstRowsMs, wholeResultMs, frame: { ...stats(frames.times), frames: frames.times.length }, work: stats(frames.work), heapBeforeMb, heapAfterMb };
}
