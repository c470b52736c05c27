// End-to-end: two saved pivots marked "published together" — referrals by first responder × exploitation type and
// × age — are protected jointly, as linked tables: each says so, and a first responder's total (their shared
// margin) is withheld in both or in neither, however each table alone would have it.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const grid = (page: Page) => page.getByRole('grid', { name: 'Pivot table' });
const summary = (page: Page) => page.getByRole('status').filter({ hasText: 'cells suppressed' });

async function protectedPivot(page: Page, column: string, name: string): Promise<void> {
  await page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await page.getByRole('combobox', { name: 'Add first_responder to' }).selectOption('rows');
  await page.getByRole('combobox', { name: `Add ${column} to` }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last()).toHaveText('4,141');
  await page.getByRole('switch', { name: 'Protect for publication' }).check();
  await expect(summary(page)).toContainText('audit passed');
  await page.getByRole('checkbox', { name: /^Published together with the other saved pivots so marked/ }).check();
  await page.getByRole('textbox', { name: 'Save as' }).fill(name);
  await page.getByRole('button', { name: 'Save pivot' }).click();
}

/** The text of each first responder's total (the last cell of its row), for the rows in view. */
async function totals(page: Page): Promise<Map<string, string>> {
  const rows = await grid(page)
    .getByRole('row')
    .evaluateAll((els) => els.map((r) => [r.querySelector('[role="rowheader"]')?.textContent?.trim() ?? '', [...r.querySelectorAll('[role="gridcell"]')].at(-1)?.textContent?.trim() ?? '']));
  return new Map(rows.filter(([label]) => label && label !== 'Total') as [string, string][]);
}

test('saved pivots marked "published together" are protected jointly: a shared total is withheld in both or neither', async ({ workbench: page }) => {
  test.setTimeout(180_000);
  await protectedPivot(page, 'exploitation_type', 'By exploitation type');
  await expect(summary(page)).toContainText('audit passed');
  await page.getByRole('button', { name: /^Close Pivot/ }).click();

  await protectedPivot(page, 'age_at_exploitation', 'By age');
  await expect(summary(page)).toContainText(/audit passed \(protected together with 1 other table\)/);
  const byAge = await totals(page);
  expect(await new AxeBuilder({ page }).include('.protection').analyze().then((r) => r.violations)).toEqual([]);
  await page.getByRole('button', { name: /^Close Pivot/ }).click();

  await page.getByRole('button', { name: 'Open By exploitation type' }).click();
  await expect(summary(page)).toContainText(/audit passed \(protected together with 1 other table\)/);
  const byType = await totals(page);
  let compared = 0;
  for (const [label, text] of byAge) {
    if (!byType.has(label)) continue;
    // Withheld in both, or the same figure in both.
    expect(byType.get(label)!.startsWith('[c]'), label).toBe(text.startsWith('[c]'));
    if (!text.startsWith('[c]')) expect(byType.get(label), label).toBe(text);
    compared++;
  }
  expect(compared).toBeGreaterThan(5);
  expect([...byAge.values()].some((t) => t.startsWith('[c]'))).toBe(true);
});
