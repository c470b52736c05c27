// End-to-end (Chromium, web mode, native engine): the page's SQL runs in native DuckDB in a process of its own,
// locked in a sandbox (no file outside what the analyst imported, no ATTACH); when that process dies the status
// bar says so once, Restart brings a new engine, and the analyst's imported table comes back from the import store.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer } from '../../scripts/serve.ts';
import { E2E_ENGINE, expect, test } from './fixtures.ts';

test.skip(E2E_ENGINE !== 'native', 'the native engine runs only when the page has the launch token (IDMG_E2E_ENGINE=native)');

const EXAMPLES = join(import.meta.dirname, '../../datasets/examples');
const CASES = 'synthetic_nrm_cases_2023q4_windows1252.csv';
const TABLE = 'synthetic_nrm_cases_2023q4_windows1252';
const rows = readFileSync(join(EXAMPLES, CASES), 'latin1').trimEnd().split(/\r\n/).length - 1;

async function runSql(page: Page, sql: string): Promise<void> {
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
}

test('SQL typed in the console cannot read files outside the imports or attach a database', async ({ workbench: page }) => {
  await runSql(page, "SELECT * FROM read_csv('/etc/passwd')");
  await expect(page.getByRole('alert')).toContainText('Permission Error');
  await runSql(page, "ATTACH '/tmp/idmg-e2e.duckdb' AS elsewhere");
  await expect(page.getByRole('alert').filter({ hasText: 'This statement is not allowed in the workbench.' })).toBeVisible();
  await runSql(page, 'SET enable_external_access = true');
  await expect(page.getByRole('alert').filter({ hasText: 'Settings are locked in this workbench.' })).toBeVisible();
});

test('a killed engine is reported once, restarts on request, and the imported table comes back', async ({ workbench: page, server }) => {
  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.locator('input[type=file]').setInputFiles(join(EXAMPLES, CASES));
  await page.getByRole('button', { name: 'Import this table' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported ${TABLE}` })).toBeVisible();

  const pids = server.enginePids();
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  await runSql(page, `SELECT count(*) AS n FROM ${TABLE}`);
  await runSql(page, 'SELECT 1 AS one');
  const status = page.getByRole('contentinfo', { name: 'Status' });
  const told = status.getByRole('alert');
  await expect(told).toHaveCount(1);
  await expect(told).toContainText('The data engine stopped');

  await told.getByRole('button', { name: 'Restart the engine' }).click();
  await expect(status).toContainText('datasets loaded', { timeout: 60_000 });
  await expect(status.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Imported tables' }).getByRole('listitem')).toContainText([TABLE]);
  await runSql(page, `SELECT count(*) AS n FROM ${TABLE}`);
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText(rows.toLocaleString('en-GB'));
});

test('a native engine that cannot start leaves the in-page engine running, and the status bar says why', async ({ chromiumContext }) => {
  // A server whose engine processes cannot even get a data folder: every page's 'open' fails.
  const broken = await startServer({ port: 0, engine: { parentDir: '/proc/no-such-folder' } });
  const page = await chromiumContext.newPage();
  try {
    await page.goto(broken.appUrl);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await expect(status).toContainText('datasets loaded', { timeout: 60_000 });
    await expect(status).toContainText('in-page engine (wasm) · bundle eh · 1 thread');
    await expect(status).toContainText('the native engine could not start');
    await runSql(page, 'SELECT 6 * 7 AS answer');
    await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText('42');
  } finally {
    await page.close();
    broken.server.closeAllConnections();
    await new Promise((r) => broken.server.close(r));
  }
});
