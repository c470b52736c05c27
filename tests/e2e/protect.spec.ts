// End-to-end: "Protect for publication" on the Q4 2023 detail table by first responder type × exploitation type —
// every count under 10 becomes [c] (primary), secondary cells are told apart by words and marker, the rest keep
// their figures, and the summary reports the audit. Then rounding to 5, and the setting survives save and reopen.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const grid = (page: Page) => page.getByRole('grid', { name: 'Pivot table' });

async function cellTexts(page: Page): Promise<string[]> {
  return grid(page).getByRole('gridcell').allInnerTexts();
}

test('protecting a pivot withholds every small count, audits the pattern, and keeps the rest exact', async ({ workbench: page }) => {
  await page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await page.getByRole('combobox', { name: 'Add first_responder_type to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add exploitation_type to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last()).toHaveText('4,141');
  const before = await cellTexts(page);

  await page.getByRole('switch', { name: 'Protect for publication' }).check();
  const summary = page.getByRole('status').filter({ hasText: 'cells suppressed' });
  await expect(summary).toContainText(/\d+ cells suppressed: \d+ primary, \d+ secondary; audit passed/);
  const after = await cellTexts(page);
  const labels = await grid(page).getByRole('gridcell').evaluateAll((tds) => tds.map((td) => td.getAttribute('aria-label')));
  expect(after).toHaveLength(before.length);
  let primary = 0;
  let secondary = 0;
  before.forEach((text, i) => {
    const n = Number(text.replace(/,/g, ''));
    if (n >= 1 && n <= 9) {
      expect(after[i], `cell ${i} (${text})`).toBe('[c]1');
      expect(labels[i]).toBe('[c] confidential (primary: below the threshold)');
      primary++;
    } else if (text === '') {
      expect(after[i], `cell ${i}: no records is a published 0`).toBe('0');
    } else if (after[i] !== text) {
      expect(after[i]).toBe('[c]2');
      expect(labels[i]).toBe('[c] confidential (secondary: withheld to protect another cell)');
      secondary++;
    }
  });
  await expect(summary).toContainText(`${primary + secondary} cells suppressed: ${primary} primary, ${secondary} secondary; audit passed`);
  expect(primary).toBeGreaterThan(0);

  await page.getByRole('combobox', { name: 'Round published counts' }).selectOption({ label: 'To the nearest 5' });
  await expect(grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last()).toHaveText('4,140');
  await expect(page.getByText('other counts are rounded to the nearest 5')).toBeVisible();
  await expect(page.getByText('Figures are rounded to the nearest 5; totals may not equal the sum of their parts.')).toBeVisible();
  // Controlled rounding: up or down to a multiple of 5, so that every published total adds up, and the note says so.
  await page.getByRole('combobox', { name: 'Rounded totals' }).selectOption({ label: 'Up or down so that totals add up' });
  await expect(page.getByText('other counts are rounded to a multiple of 5 so that totals add up')).toBeVisible();
  await expect(page.getByText('Figures are rounded to a multiple of 5 so that totals add up; each is within 4 of the true count.')).toBeVisible();
  const grandText = (await grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last().textContent())!;
  const grand = Number(grandText.replace(/,/g, ''));
  expect(grand % 5).toBe(0);
  expect(Math.abs(grand - 4141)).toBeLessThan(5);

  const axe = await new AxeBuilder({ page }).include('.pivot-view').analyze();
  expect(axe.violations).toEqual([]);

  await page.getByRole('textbox', { name: 'Save as' }).fill('Q4 protected');
  await page.getByRole('button', { name: 'Save pivot' }).click();
  await page.getByRole('button', { name: /^Close Pivot/ }).click();
  await page.getByRole('button', { name: 'Open Q4 protected' }).click();
  await expect(page.getByRole('switch', { name: 'Protect for publication' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Rounded totals' })).toHaveValue('controlled');
  await expect(grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last()).toHaveText(grandText);

  await page.getByRole('switch', { name: 'Protect for publication' }).uncheck();
  await expect(grid(page).getByRole('row', { name: /^Total / }).getByRole('gridcell').last()).toHaveText('4,141');
});
