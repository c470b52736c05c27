// End-to-end (Chromium, web mode): two windows of the workbench over the same local storage. Each sees the other's
// saved queries and pack changes without a reload; a save in one never drops the other's entries; re-saving a query
// that the other window saved since asks first; text typed but not applied survives the other window's change.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, storedItem, test } from './fixtures.ts';

const QUERIES = 'idmg-workbench.saved-queries.v1';

/** A second page in the same browser context (same storage), without the fixture's storage clearing. */
async function secondWindow(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/[1-9]\d* datasets loaded/, { timeout: 60_000 });
  return page;
}

async function saveQuery(page: Page, name: string, sql: string): Promise<void> {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('textbox', { name: 'Query name' }).fill(name);
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByText(`Saved as "${name}".`)).toBeVisible();
}

const savedSql = async (page: Page) =>
  Object.fromEntries((JSON.parse((await storedItem(page, QUERIES))!) as Array<{ name: string; sql: string }>).map((q) => [q.name, q.sql]));

test('two windows see each other\'s saved queries, and re-saving a query the other window changed asks first', async ({ workbench: a, chromiumContext, server }) => {
  const b = await secondWindow(chromiumContext, server.appUrl);
  const listIn = (page: Page) => page.getByRole('list', { name: 'Saved queries' });

  await saveQuery(a, 'From A', 'SELECT 1 AS a');
  await expect(listIn(b).getByRole('button', { name: 'Open From A' })).toBeVisible();
  await saveQuery(b, 'From B', 'SELECT 2 AS b');
  await expect(listIn(a).getByRole('button', { name: 'Open From B' })).toBeVisible();
  expect(await savedSql(a)).toEqual({ 'From A': 'SELECT 1 AS a', 'From B': 'SELECT 2 AS b' });

  // B changes A's query; A's console, still showing its own version, is asked before replacing B's.
  await listIn(b).getByRole('button', { name: 'Open From A' }).click();
  await b.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT 11 AS a');
  await b.getByRole('button', { name: 'Save query' }).click();
  await expect(b.getByText('Saved as "From A", replacing the query saved under that name.')).toBeVisible();

  await a.getByRole('tab', { name: /From A/ }).click();
  await a.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT 111 AS a');
  await a.getByRole('button', { name: 'Save query' }).click();
  await expect(a.getByText(/^"From A" was saved in another window at \d\d:\d\d, after this console opened or saved it\./)).toBeVisible();
  expect((await savedSql(a))['From A']).toBe('SELECT 11 AS a');
  await a.getByRole('button', { name: 'Save query' }).click();
  await expect(a.getByText('Saved as "From A", replacing the query saved under that name.')).toBeVisible();
  expect(await savedSql(b)).toEqual({ 'From A': 'SELECT 111 AS a', 'From B': 'SELECT 2 AS b' });
  await b.close();
});

test('two windows see each other\'s pack changes; text typed in one and not yet applied survives the other\'s change', async ({ workbench: a, chromiumContext, server }) => {
  const b = await secondWindow(chromiumContext, server.appUrl);
  await a.getByRole('button', { name: 'Briefing pack (0)' }).click();
  await a.getByRole('button', { name: 'Add commentary' }).click();
  await b.getByRole('button', { name: 'Briefing pack (1)' }).click();

  await b.getByRole('textbox', { name: 'Title', exact: true }).fill('Title typed in B');
  const author = a.getByRole('textbox', { name: 'Author' });
  await author.fill('Author from A');
  await author.press('Tab');
  await expect(b.getByRole('status').filter({ hasText: 'The pack was changed in another window' })).toContainText('What you typed here and have not applied yet is still in its field');
  await expect(b.getByRole('textbox', { name: 'Author' })).toHaveValue('Author from A');
  await expect(b.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Title typed in B');

  await b.getByRole('textbox', { name: 'Title', exact: true }).press('Tab');
  await expect(a.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Title typed in B');
  const { meta } = JSON.parse((await storedItem(a, 'idmg-workbench.pack.v1'))!) as { meta: { title: string; author: string } };
  expect(meta).toMatchObject({ title: 'Title typed in B', author: 'Author from A' });
  await expect(a.getByRole('list', { name: 'Pack items' }).getByRole('listitem')).toHaveCount(1);
  await b.close();
});
