// End-to-end (Chromium, web mode): leaving the page asks first while typed text would be lost — SQL typed in a
// console and not saved, text typed in a pack field and not yet applied, or an import being previewed — and not
// otherwise.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/[1-9]\d* datasets loaded/, { timeout: 60_000 });
}

test('a reload with typed SQL, an unapplied pack field or an import in preview asks first; saved SQL does not', async ({ workbench: page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.reload();
  await ready(page);
  expect(dialogs).toEqual([]); // an empty console loses nothing

  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT 1 AS typed');
  await page.reload();
  await ready(page);
  expect(dialogs).toEqual(['beforeunload']);

  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT 2 AS saved');
  await page.getByRole('textbox', { name: 'Query name' }).fill('Saved first');
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByText('Saved as "Saved first".')).toBeVisible();
  await page.reload();
  await ready(page);
  expect(dialogs).toEqual(['beforeunload']);

  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Typed, not applied');
  await page.reload();
  await ready(page);
  expect(dialogs).toEqual(['beforeunload', 'beforeunload']);

  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from('force,referrals\nKent,12\nEssex,7\n') });
  await expect(page.getByRole('button', { name: 'Import this table' })).toBeEnabled({ timeout: 30_000 });
  await page.reload();
  await ready(page);
  expect(dialogs).toEqual(['beforeunload', 'beforeunload', 'beforeunload']);
});

test('choosing to stay keeps the page and the typed SQL', async ({ workbench: page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.click();
  await editor.fill('SELECT 3 AS kept');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(editor).toHaveText('SELECT 3 AS kept', { useInnerText: true });
});
