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
        const root = document.querySelector('.sql-editor')!.shadowRoot!;
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
