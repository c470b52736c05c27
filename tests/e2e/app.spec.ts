// End-to-end: the workbench in Debian's Chromium, web mode, real engine, real data. Controls are found by role
// and name, as a person using assistive technology would find them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../../scripts/serve.ts';
import { generateReferralsSql } from '../../scripts/bench-data.ts';
import type { Page } from '@playwright/test';
import { availableParallelism } from 'node:os';
import { E2E_ENGINE, expect, test } from './fixtures.ts';
import { SYNTHETIC_NOTE, SYNTHETIC_TAG_LABEL } from '../../renderer/lib/pack/synthetic.ts';

interface Def { id: string; title: string; rows: number; statedTotals?: { value: number }[] }
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../datasets/manifest.json'), 'utf8')) as { datasets: Def[] };

test('lists every built-in dataset with its row count and shows the engine in the status bar', async ({ workbench: page }) => {
  const list = page.getByRole('list', { name: 'Built-in datasets' });
  await expect(list.getByRole('listitem').filter({ has: page.getByRole('button') })).toHaveCount(manifest.datasets.length);
  for (const d of manifest.datasets) {
    const item = list.locator(`li[data-dataset="${d.id}"]`);
    await expect(item.getByRole('button', { name: d.title })).toBeVisible();
    await expect(item.locator('.rows')).toHaveText(`${d.rows.toLocaleString('en-GB')} rows`);
  }
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('Offline');
  await expect(status).toContainText('DuckDB v1.4.3');
  if (E2E_ENGINE === 'native') {
    // Native DuckDB in its own process, on all the machine's cores, with a memory limit from its RAM.
    await expect(status).toContainText(`native engine · ${availableParallelism()} ${availableParallelism() === 1 ? 'thread' : 'threads'} · memory limit`);
  } else {
    // The server sends COOP/COEP (the page is cross-origin isolated), but the reliable single-threaded bundle is the default.
    await expect(status).toContainText('bundle eh · 1 thread');
  }
  expect(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(true);
});

test('?engine=wasm runs the in-page engine even with the launch token', async ({ chromiumContext, server }) => {
  const page = await chromiumContext.newPage();
  const withToken = new URL(server.appUrl);
  withToken.searchParams.set('engine', 'wasm');
  await page.goto(withToken.href);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
  await expect(status).toContainText('in-page engine (wasm) · bundle eh · 1 thread');
  await page.close();
});

test('synthetic datasets are tagged in the sidebar and on their page, and a pivot over one says so', async ({ workbench: page }) => {
  const synthetic = manifest.datasets.filter((d) => (d as Def & { synthetic?: boolean }).synthetic);
  expect(synthetic.map((d) => d.id)).toEqual(['synthetic_nrm_cases', 'synthetic_ocg_groups']);
  const list = page.getByRole('list', { name: 'Built-in datasets' });
  for (const d of manifest.datasets) {
    const tag = list.locator(`li[data-dataset="${d.id}"]`).getByRole('note', { name: SYNTHETIC_TAG_LABEL });
    await expect(tag).toHaveCount(synthetic.includes(d) ? 1 : 0);
    if (synthetic.includes(d)) await expect(tag).toHaveText('Synthetic');
  }
  await list.getByRole('button', { name: synthetic[0]!.title }).click();
  await expect(page.getByRole('article').getByText(`${SYNTHETIC_NOTE}. Every record is invented`)).toBeVisible();
  await page.getByRole('button', { name: 'New pivot table' }).click();
  const note = page.getByText(`${SYNTHETIC_NOTE}: this pivot reads`);
  await expect(page.getByRole('combobox', { name: 'Source' })).toBeVisible();
  await expect(note).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Source' }).selectOption('table:synthetic_nrm_cases');
  await expect(note).toBeVisible();
  await expect(note).toContainText('synthetic_nrm_cases');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('?engine=threads opts in to the threaded bundle on the isolated page', async ({ chromiumContext, server }) => {
  const page = await chromiumContext.newPage();
  await page.goto(`${server.url}?engine=threads`);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
  await expect(status).toContainText('bundle coi');
  await page.close();
});

test('the overview shows the yearly chart and table, the 931/946 warning and both vintages', async ({ workbench: page }) => {
  await expect(page.getByRole('heading', { name: 'IDMG overview' })).toBeVisible();
  const chart = page.getByRole('img', { name: /Stacked bar chart of NRM referrals per year/ });
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart.locator('svg path').first()).toBeAttached();

  const years = page.getByRole('table', { name: 'NRM referrals per year by age at exploitation' });
  await expect(years.getByRole('row')).toHaveCount(16);
  await expect(years.getByRole('row', { name: /^2011 / }).getByRole('cell')).toHaveText(['642', '294', '0', '936']);
  await expect(years.getByRole('row', { name: /^2023 / }).getByRole('cell')).toHaveText(['8,622', '7,432', '950', '17,004']);

  const warning = page.getByRole('note', { name: 'Reconciliation warning' });
  await expect(warning).toContainText('The rows sum to 931 while the stated total is 946: 15 unaccounted for.');

  const vintages = page.getByRole('table', { name: 'NRM annual totals by vintage' });
  const row2011 = vintages.getByRole('row', { name: /^2011 / });
  await expect(row2011).toContainText('946');
  await expect(row2011).toContainText('936');
  await expect(row2011).toContainText('\u221210');
});

test('a query typed in the SQL console returns the right numbers; a bad query is explained and the console stays usable', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill("SELECT year, sum(referrals) AS referrals FROM nrm_referrals_quarterly WHERE year IN (2011, 2023) GROUP BY year ORDER BY year");
  await editor.press('Control+Enter');
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid.getByRole('columnheader')).toHaveText([/year\s+INTEGER/, /referrals\s+(HUGEINT|DOUBLE|BIGINT)/]);
  await expect(grid.getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['2011', '936']);
  await expect(grid.getByRole('row').nth(2).getByRole('gridcell')).toHaveText(['2023', '17,004']);
  await expect(page.getByRole('status').filter({ hasText: /2 rows, 2 columns in \d+ ms/ })).toBeVisible();

  await editor.fill('SELECT * FROM referals_by_year');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('alert')).toContainText('There is no table called referals_by_year.');

  await editor.fill('SELECT count(*) AS cells, sum(referrals) AS people FROM nrm_referrals_2023q4_detail');
  await editor.press('Control+Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(grid.getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['1,659', '4,141']);
});

test('the console runs several statements and DDL; the result grid pages a large result', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('CREATE TABLE squares AS SELECT range AS n, range * range AS sq FROM range(200000);\nSELECT n, sq FROM squares ORDER BY n');
  await editor.press('Control+Enter');
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(page.getByRole('status').filter({ hasText: /200,000 rows, 2 columns/ })).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', '200001');
  // Only a window of rows is in the DOM, however large the result.
  expect(await grid.getByRole('row').count()).toBeLessThan(100);
  await grid.focus();
  await page.keyboard.press('Control+End');
  await expect(grid.getByRole('row', { name: /199,999/ })).toBeVisible();
});

async function runAndCancel(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('SELECT sum(hash(a) % 7) AS s FROM range(3000000000) t(a)');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Running' })).toBeVisible();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Cancel query' }).click();
}

async function expectConsoleWorks(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('SELECT 6 * 7 AS answer');
  await editor.press('Control+Enter');
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText('42');
}

test('a long query can be cancelled and the console stays usable', async ({ chromiumContext, server }) => {
  // DuckDB-wasm's eh bundle runs the query on the worker itself, between polls, so a cancel always lands; the native
  // engine interrupts its connection.
  const page = await chromiumContext.newPage();
  try {
    await page.goto(server.appUrl);
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
    await page.getByRole('button', { name: 'New SQL console' }).click();
    for (let i = 0; i < 3; i++) {
      await runAndCancel(page);
      await expect(page.getByRole('status').filter({ hasText: 'Query cancelled.' })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expectConsoleWorks(page);
    }
  } finally {
    await page.close();
  }
});

test('with the threaded engine a cancel either lands or the engine can be restarted; the console stays usable', async ({ chromiumContext, server }) => {
  // In the coi bundle the query runs on pthreads and a cancel is sometimes not honoured (the query goes on):
  // the console then offers a restart, which reloads the built-in data.
  const page = await chromiumContext.newPage();
  await page.goto(`${server.url}?engine=threads`);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('bundle coi', { timeout: 60_000 });
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await runAndCancel(page);
  const cancelled = page.getByRole('status').filter({ hasText: 'Query cancelled.' });
  const restart = page.getByRole('button', { name: 'Restart the engine' });
  await expect(cancelled.or(restart)).toBeVisible();
  if (await restart.isVisible()) {
    await restart.click();
    await expect(page.getByRole('note', { name: 'Engine restarted' })).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
  }
  await expectConsoleWorks(page);
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT sum(referrals) AS n FROM nrm_referrals_quarterly WHERE year = 2011');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText('936');
});

test('the dataset detail shows source, licence, vintage and the 931/946 note', async ({ workbench: page }) => {
  const def = manifest.datasets.find((d) => d.id === 'idmg2012_referrals_by_police_region_2011')!;
  await page.getByRole('button', { name: def.title }).click();
  const panel = page.getByRole('tabpanel', { name: def.title });
  await expect(panel.getByRole('heading', { name: def.title })).toBeVisible();
  await expect(panel).toContainText('Open Government Licence v3.0');
  await expect(panel).toContainText('931');
  await expect(panel).toContainText('946');
  await panel.getByRole('button', { name: /in a new SQL console/ }).click();
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' })).toHaveAttribute('aria-rowcount', '13');
});

test('everything works by keyboard: tabs, console, results', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await expect(editor).toBeVisible();
  await editor.focus();
  await page.keyboard.type('SELECT 40 + 2 AS answer');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText('42');
  await page.getByRole('tab', { name: /SQL/ }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'IDMG overview' })).toHaveAttribute('aria-selected', 'true');
});

test('axe-core finds no serious or critical accessibility violations', async ({ workbench: page }) => {
  await expect(page.getByRole('note', { name: 'Reconciliation warning' })).toBeVisible();
  const overview = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = (v: typeof overview.violations) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${x.help} (${x.nodes.length})`);
  expect(serious(overview.violations)).toEqual([]);

  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT * FROM nrm_referrals_quarterly');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();
  const console = await new AxeBuilder({ page }).analyze();
  expect(serious(console.violations)).toEqual([]);
});

test('without cross-origin isolation the engine falls back to the single-threaded eh bundle and still works', async ({ chromiumContext }) => {
  const { server, url } = await startServer({ port: 0, isolated: false });
  const page = await chromiumContext.newPage();
  try {
    await page.goto(url);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await expect(status).toContainText(`${manifest.datasets.length} datasets loaded`, { timeout: 60_000 });
    await expect(status).toContainText('bundle eh · 1 thread');
    expect(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(false);
    await expect(page.getByRole('note', { name: 'Reconciliation warning' })).toContainText('931');
  } finally {
    await page.close();
    server.closeAllConnections();
    server.close();
  }
});

test('after a 10M-row table the results stay correct (the wasm heap is kept under 2 GiB)', async ({ workbench: page }) => {
  // Without the engine's memory limit, results after this table came back corrupt ("offset is out of bounds").
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill(generateReferralsSql('ten_million', 10_000_000));
  await page.getByRole('button', { name: 'Run query' }).click();
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell')).toHaveText(['10,000,000'], { timeout: 90_000 });
  await editor.fill("SELECT count(*) AS n, count(DISTINCT year) AS years FROM ten_million");
  await editor.press('Control+Enter');
  await expect(grid.getByRole('gridcell')).toHaveText(['10,000,000', '15']);
  await editor.fill("SELECT table_name FROM duckdb_tables() WHERE table_name = 'ten_million'");
  await editor.press('Control+Enter');
  await expect(grid.getByRole('gridcell')).toHaveText(['ten_million']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
