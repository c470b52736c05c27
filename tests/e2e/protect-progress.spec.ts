// End-to-end: protecting a big table (150 × 60 with thousands of small counts) shows how far disclosure control has
// got in the status bar, with Cancel; the page keeps responding meanwhile (protection runs in its worker), Cancel
// stops it and says nothing is ready to publish, and "Protect again" starts it afresh.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function createTable(page: Page, sql: string): Promise<void> {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /row/ })).toBeVisible();
}

test('a long protection shows its progress with Cancel, and the page stays usable', async ({ workbench: page }) => {
  test.setTimeout(180_000);
  await createTable(
    page,
    `CREATE TABLE big AS SELECT 'Area ' || lpad((i % 150)::VARCHAR, 3, '0') AS area, 'Type ' || lpad((i // 150)::VARCHAR, 2, '0') AS kind, (hash(i) % 25)::INTEGER AS referrals FROM range(9000) t(i)`,
  );
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Source' }).selectOption('big');
  await expect(page.getByRole('status').filter({ hasText: /^Calculated/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Add area to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add kind to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  const statusBar = page.getByRole('contentinfo', { name: 'Status' });
  await expect(page.getByRole('grid', { name: 'Pivot table' }).getByRole('row', { name: /^Area 000 / })).toBeVisible();

  await page.getByRole('switch', { name: 'Protect for publication' }).check();
  const progress = statusBar.getByRole('progressbar', { name: 'Disclosure control progress' });
  await expect(progress).toBeVisible();
  await expect(statusBar).toContainText(/Disclosure control: (choosing cells to withhold|auditing), [\d,]+ of [\d,]+ (confidential|withheld) cells/);
  const axe = await new AxeBuilder({ page }).include('.status-bar').analyze();
  expect(axe.violations).toEqual([]);

  // The page answers while the worker protects: another tab opens and shows its content.
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toBeVisible();
  await page.getByRole('tab', { name: /^Pivot/ }).first().click();

  await statusBar.getByRole('button', { name: 'Cancel disclosure control' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Disclosure control was cancelled, so nothing in this table is ready to publish.' })).toBeVisible();
  await expect(progress).toBeHidden();
  await expect(statusBar).not.toContainText('Disclosure control:');

  await page.getByRole('button', { name: 'Protect again' }).click();
  await expect(progress).toBeVisible();
  await statusBar.getByRole('button', { name: 'Cancel disclosure control' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Disclosure control was cancelled' })).toBeVisible();
});
