// End-to-end: a quick chart of a console's result — "Chart result" opens a panel beside the grid (which stays
// usable), bars switch to a line by keyboard, the chart's text alternative names the data (summed by category, NULL
// a gap), a result with no number says so in words, and "Add chart to pack" adds a pivot chart over the result's SQL
// that the pack lists; the panel passes axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

const SQL = "SELECT * FROM (VALUES ('Child', 2023, 10), ('Adult', 2023, 20), ('Child', 2022, 5), ('Unknown', 2023, NULL)) t(age_group, referral_year, referrals)";

test('a result is charted beside its grid as bars or a line, described in words, and added to the pack', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' });
  await editor.fill(SQL);
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /4 rows, 3 columns/ })).toBeVisible({ timeout: 30_000 });

  const toggle = page.getByRole('button', { name: 'Chart result' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const panel = page.getByRole('region', { name: 'Chart of the result' });
  await expect(panel).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();

  // Defaults: the year-like column as category, the first other numeric column as value; labels, not field names.
  const category = panel.getByRole('combobox', { name: 'Category (x axis)' });
  const value = panel.getByRole('combobox', { name: 'Value (summed by category)' });
  await expect(category.locator('option:checked')).toHaveText('Referral year');
  await expect(value.locator('option:checked')).toHaveText('Referrals');
  await category.selectOption({ label: 'Age group' });
  const chart = panel.getByRole('img');
  await expect(chart).toHaveAttribute('aria-label', /^Bar chart of Referrals by age group; 3 categories: Adult, Child, Unknown; highest Adult \(20\), lowest Child \(15\); 1 category has no value/);
  await expect(panel.locator('svg').first()).toBeVisible();
  expect((await panel.locator('svg').first().boundingBox())?.height).toBeGreaterThan(200);

  // Bar → line by keyboard.
  const bar = panel.getByRole('radio', { name: 'Bar' });
  await expect(bar).toBeChecked();
  await bar.focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('radio', { name: 'Line' })).toBeChecked();
  await expect(chart).toHaveAttribute('aria-label', /^Line chart of Referrals by age group/);

  // The grid stays usable while the panel is open.
  await page.getByRole('grid', { name: 'Query results' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeFocused();

  const axe = await new AxeBuilder({ page }).include('.console').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await panel.getByRole('button', { name: 'Add chart to pack' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Added to the pack as the chart "Referrals by age group"/);
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  const items = page.getByRole('list', { name: 'Pack items' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Pivot');
  await expect(items.first().getByRole('textbox', { name: 'Caption of item 1' })).toHaveValue('Referrals by age group');
  await expect(items.first().getByRole('combobox', { name: /Show/ }).locator('option:checked')).toHaveText('Chart only');
  // The pack redraws it from the result's SQL: one figure, no table.
  await expect(page.getByRole('status').filter({ hasText: 'Preview: 0 tables, 1 figure.' })).toBeVisible({ timeout: 30_000 });
});

test('a result with no number says there is nothing to chart; a change cannot be added to the pack', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' });
  await editor.fill("SELECT 'a' AS name");
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 row, 1 column/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Chart result' }).click();
  const panel = page.getByRole('region', { name: 'Chart of the result' });
  await expect(panel.getByRole('note')).toHaveText(/nothing to chart: the result has no numeric column/);

  await editor.fill('CREATE TABLE chart_me AS SELECT 1 AS n, 2 AS m');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(panel.getByRole('button', { name: 'Add chart to pack' })).toBeDisabled({ timeout: 30_000 });
  await expect(panel).toContainText('Only a query that returns rows');
});
