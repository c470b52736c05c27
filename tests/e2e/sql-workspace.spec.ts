// End-to-end: the SQL workspace around the editor — console tabs renamed, moved, closed and reopened, coming back as
// they were after a reload and after the window is closed and another opened (a restart); and the history of every
// run, kept across a reload, searched, and reopened in a new console.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { E2E_ENGINE, expect, test } from './fixtures.ts';

const editorOf = (page: Page) => page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' });
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open tabs' }).getByRole('tab');

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/[1-9]\d* datasets loaded/, { timeout: 60_000 });
}

test('console tabs are renamed, moved, closed with undo, and come back with their text after a reload and a restart', async ({ workbench: page, chromiumContext }) => {
  page.on('dialog', (d) => void d.accept()); // leaving with typed SQL asks first; the test leaves
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await editorOf(page).fill("SELECT 'first' AS which");
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await editorOf(page).fill("SELECT 'second' AS which");

  // Rename by keyboard: F2 on the selected tab, type, Enter; focus comes back to the tab.
  await page.getByRole('tab', { name: 'SQL 1' }).click();
  await page.keyboard.press('F2');
  const name = page.getByRole('textbox', { name: 'New name' });
  await expect(name).toBeFocused();
  await name.fill('OCG counts');
  await name.press('Enter');
  await expect(page.getByRole('tab', { name: 'OCG counts' })).toBeFocused();
  // Escape leaves the name as it was.
  await page.getByRole('button', { name: 'Rename OCG counts' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('Not this');
  await page.getByRole('textbox', { name: 'New name' }).press('Escape');
  await expect(tabs(page)).toHaveText(['IDMG overview', 'OCG counts', 'SQL 2']);

  // Move: a button, and Ctrl+Shift+Arrow in the tab list.
  await page.getByRole('tab', { name: 'SQL 2' }).click();
  await page.getByRole('button', { name: 'Move SQL 2 left' }).click();
  await expect(tabs(page)).toHaveText(['IDMG overview', 'SQL 2', 'OCG counts']);
  await page.getByRole('tab', { name: 'SQL 2' }).focus();
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(tabs(page)).toHaveText(['IDMG overview', 'OCG counts', 'SQL 2']);
  await expect(page.getByRole('tab', { name: 'SQL 2' })).toBeFocused();

  // Close with undo: the console comes back where it stood, with its text.
  await page.getByRole('tab', { name: 'OCG counts' }).click();
  await page.getByRole('button', { name: 'Close OCG counts' }).click();
  await expect(tabs(page)).toHaveText(['IDMG overview', 'SQL 2']);
  await page.getByRole('button', { name: 'Reopen OCG counts' }).click();
  await expect(tabs(page)).toHaveText(['IDMG overview', 'OCG counts', 'SQL 2']);
  await expect(page.getByRole('tab', { name: 'OCG counts' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorOf(page)).toHaveText("SELECT 'first' AS which", { useInnerText: true });
  await expect(page.getByRole('button', { name: /^Reopen/ })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('.strip').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.reload();
  await ready(page);
  await expect(tabs(page)).toHaveText(['IDMG overview', 'OCG counts', 'SQL 2']);
  await page.getByRole('tab', { name: 'OCG counts' }).click();
  await expect(editorOf(page)).toHaveText("SELECT 'first' AS which", { useInnerText: true });
  await page.getByRole('tab', { name: 'SQL 2' }).click();
  await expect(editorOf(page)).toHaveText("SELECT 'second' AS which", { useInnerText: true });
  await expect(page.getByRole('group', { name: 'Unsaved work from an earlier session' })).toHaveCount(0);

  // A restart: the window closes, another opens.
  await editorOf(page).fill("SELECT 'second, edited' AS which");
  const url = page.url();
  await page.close({ runBeforeUnload: false });
  const next = await chromiumContext.newPage();
  try {
    await next.goto(url);
    await ready(next);
    await expect(tabs(next)).toHaveText(['IDMG overview', 'OCG counts', 'SQL 2']);
    await next.getByRole('tab', { name: 'SQL 2' }).click();
    await expect(editorOf(next)).toHaveText("SELECT 'second, edited' AS which", { useInnerText: true });
  } finally {
    await next.close();
  }
});

test('every run goes in the history, kept across a reload, searchable, and reopened in a new console', async ({ workbench: page }) => {
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = editorOf(page);
  const status = (text: string) => page.getByRole('tabpanel').getByRole('status').filter({ hasText: text });
  await editor.fill('SELECT 42 AS answer');
  await editor.press('Control+Enter');
  await expect(status('1 row')).toBeVisible();
  await editor.fill('SELECT * FROM no_such_table');
  await editor.press('Control+Enter');
  await expect(status('Query failed')).toBeVisible();
  await editor.fill('SELECT 1 AS a;\nSELECT * FROM range(3)');
  await editor.press('Control+Enter');
  await expect(status('3 rows')).toBeVisible();

  await page.getByRole('button', { name: 'Run history' }).click();
  const runs = page.getByRole('list', { name: 'Runs' }).getByRole('listitem');
  await expect(runs).toHaveText([
    /SELECT 1 AS a;\s*SELECT \* FROM range\(3\).*2 statements · 3 rows in [\d,]+ ms/s,
    /SELECT \* FROM no_such_table.*failed after [\d,]+ ms: Catalog Error: Table with name no_such_table does not exist/s,
    /SELECT 42 AS answer.*1 row in [\d,]+ ms/s,
  ]);
  const axe = await new AxeBuilder({ page }).include('#panel-history').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.reload();
  await ready(page);
  await page.getByRole('tab', { name: 'SQL 1' }).click();
  await page.getByRole('button', { name: 'Run history' }).click();
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('answer 42');
  await expect(page.getByRole('tabpanel').getByRole('status')).toHaveText('1 run matches of 3.');
  await expect(runs).toHaveText([/SELECT 42 AS answer/]);
  await runs.getByRole('button', { name: 'Open in a new console' }).click();
  await expect(page.getByRole('tab', { selected: true })).toHaveText('SQL 2');
  await expect(editorOf(page)).toHaveText('SELECT 42 AS answer', { useInnerText: true });
  await expect(page.getByRole('tabpanel').getByRole('grid', { name: 'Query results' })).toHaveCount(0);
});

test('a 10M-row result scrolls to its true last row, by the scrollbar and by the keyboard, with the JS heap flat', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = editorOf(page);
  await editor.fill('SELECT range AS n FROM range(10000000)');
  // Every state the grid shows on the way, recorded as it changes: the first rows come before the whole result.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { gridStates: string[] }).gridStates = seen;
    new MutationObserver(() => {
      const grid = document.querySelector('[role=tabpanel]:not([hidden]) [role=grid]');
      const range = document.querySelector('[role=tabpanel]:not([hidden]) .range');
      const state = grid && range ? `${grid.getAttribute('aria-rowcount')} ${grid.getAttribute('aria-busy')} ${range.textContent}` : '';
      if (state && seen.at(-1) !== state) seen.push(state);
    }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  await editor.press('Control+Enter');
  const grid = page.getByRole('tabpanel').getByRole('grid', { name: 'Query results' });
  await expect(grid).toHaveAttribute('aria-rowcount', '10000001', { timeout: 60_000 });
  const range = page.getByRole('tabpanel').getByText(/^Rows [\d,]+–[\d,]+ of 10,000,000$/);
  await expect(range).toHaveText(/^Rows 1–\d+ of 10,000,000$/);
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  const states = await page.evaluate(() => (window as unknown as { gridStates: string[] }).gridStates);
  expect(states[0], states.join('\n')).toMatch(/^-1 true Rows 1–\d+ of the first [\d,]+; more are being read$/);
  expect(states.at(-1)).toMatch(/^10000001 false Rows 1–\d+ of 10,000,000$/);

  // Dragged to the end of the scrollbar: the last row is drawn, at the bottom of the view.
  const heap = () => page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
  const before = await heap();
  for (let k = 1; k <= 40; k += 1) {
    await grid.evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), k / 40);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  const lastCell = grid.getByRole('gridcell', { name: '9,999,999', exact: true });
  await expect(lastCell).toBeVisible();
  await expect(lastCell).toHaveAttribute('id', /-r9999999-c0$/);
  await expect(range).toHaveText(/^Rows 9,999,9\d\d–10,000,000 of 10,000,000$/);
  const [cellBox, gridBox] = [await lastCell.boundingBox(), await grid.boundingBox()];
  expect(cellBox!.y + cellBox!.height).toBeLessThanOrEqual(gridBox!.y + gridBox!.height + 1);
  expect(cellBox!.y + cellBox!.height).toBeGreaterThan(gridBox!.y + gridBox!.height - 40);
  const grown = (await heap()) - before;
  expect(grown, `the JS heap grew ${grown} bytes while scrolling`).toBeLessThan(16 * 1024 * 1024);

  // By the keyboard: Ctrl+Home, then Ctrl+End, and a step back up.
  await grid.focus();
  await page.keyboard.press('Control+Home');
  await expect(range).toHaveText(/^Rows 1–\d+ of 10,000,000$/);
  await page.keyboard.press('Control+End');
  await expect(grid.locator('.active')).toHaveText('9,999,999');
  await page.keyboard.press('ArrowUp');
  await expect(grid.locator('.active')).toHaveText('9,999,998');
  await expect(grid.locator('.active')).toBeInViewport({ ratio: 1 });
});

test('selected cells, a column or everything copy as tab-separated text with the header, or as Markdown; NULL differs from empty', async ({ workbench: page, chromiumContext, server }) => {
  await chromiumContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await editorOf(page).fill("SELECT * FROM (VALUES ('Kent', 1204, 'a'), ('Gwent', NULL, ''), ('=1+1', 7, 'tab\there')) t(force, referrals, note)");
  await editorOf(page).press('Control+Enter');
  const grid = page.getByRole('tabpanel').getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell')).toHaveText(['Kent', '1,204', 'a', 'Gwent', 'NULL', '', '=1+1', '7', 'tab\there']);
  await expect(grid.locator('.null')).toHaveText(['NULL']);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const said = page.getByRole('tabpanel').getByRole('status').filter({ hasText: /^Copied|refused|Not copied/ });

  // The keyboard: Shift+arrows extend from the active cell; Ctrl+C copies.
  await grid.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(grid.locator('[aria-selected="true"]')).toHaveText(['Kent', '1,204', 'Gwent', 'NULL']);
  await page.keyboard.press('Control+c');
  await expect(said).toHaveText('Copied 2 rows × 2 columns as tab-separated text, with the header.');
  expect(await clipboard()).toBe('force\treferrals\r\nKent\t1204\r\nGwent\t\r\n');

  // Ctrl+Space takes the active cell's column; Ctrl+A everything.
  await page.keyboard.press('ArrowRight');
  await expect(grid.locator('.active')).toHaveText('');
  await page.keyboard.press('Control+Space');
  await page.getByRole('tabpanel').getByRole('button', { name: /^Copy the selected cells/ }).click();
  await expect(said).toHaveText('Copied 3 rows × 1 column as tab-separated text, with the header.');
  expect(await clipboard()).toBe('note\r\na\r\n\r\n"tab\there"\r\n');
  await grid.focus();
  await page.keyboard.press('Control+a');
  await page.getByRole('tabpanel').getByRole('button', { name: /^Copy as Markdown/ }).click();
  await expect(said).toHaveText('Copied 3 rows × 3 columns as a Markdown table.');
  expect(await clipboard()).toBe('| force | referrals | note |\n| --- | ---: | --- |\n| Kent | 1,204 | a |\n| Gwent | NULL |  |\n| =1+1 | 7 | tab\there |\n');
  await grid.focus();
  await page.keyboard.press('Control+c');
  await expect(said).toHaveText('Copied 3 rows × 3 columns as tab-separated text, with the header.');
  expect(await clipboard()).toBe("force\treferrals\tnote\r\nKent\t1204\ta\r\nGwent\t\t\r\n'=1+1\t7\t\"tab\there\"\r\n");
});

test('a click on a column header sorts the result by running its query again with ORDER BY, NULLs last', async ({ workbench: page, server }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await editorOf(page).fill("SELECT * FROM (VALUES ('Kent', 3), ('Gwent', NULL), ('Dyfed', 12), ('Essex', 5)) t(force, \"Group count\")");
  await editorOf(page).press('Control+Enter');
  const grid = page.getByRole('tabpanel').getByRole('grid', { name: 'Query results' });
  const counts = () => grid.locator('[aria-colindex="2"][role="gridcell"]');
  await expect(counts()).toHaveText(['3', 'NULL', '12', '5']);
  const header = grid.getByRole('columnheader', { name: /^Group count/ });
  const engineCalls = () => server.requests.filter((r) => /^POST \/engine/.test(r)).length;
  const before = engineCalls();
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(counts()).toHaveText(['3', '5', '12', 'NULL']);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(counts()).toHaveText(['12', '5', '3', 'NULL']);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await expect(counts()).toHaveText(['3', 'NULL', '12', '5']);
  // Sorted by the engine: with the native engine each click is a request to it (duckdb-wasm runs in the page).
  if (E2E_ENGINE === 'native') expect(engineCalls()).toBeGreaterThanOrEqual(before + 3);
  // Columns resize: dragged by the header's right edge, or Alt+Right on the active cell.
  const forceHeader = grid.getByRole('columnheader', { name: /^force/ });
  const width = async () => (await forceHeader.boundingBox())!.width;
  const start = await width();
  const edge = (await forceHeader.boundingBox())!;
  await page.mouse.move(edge.x + edge.width - 3, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width + 117, edge.y + edge.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(width).toBeCloseTo(start + 120, 0);
  await expect(header).toHaveAttribute('aria-sort', 'none'); // the drag did not sort
  await grid.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(width).toBeCloseTo(start + 136, 0);
  await expect(grid.locator('[role="gridcell"][aria-colindex="1"]').first()).toHaveCSS('width', `${Math.round(start + 136)}px`);

  // The history shows each run, the SQL as the analyst typed it first.
  await page.getByRole('button', { name: 'Run history' }).click();
  await expect(page.getByRole('list', { name: 'Runs' }).getByRole('listitem')).toHaveCount(1);
});
