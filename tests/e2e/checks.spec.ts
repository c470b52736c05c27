// End-to-end: a pivot says whether it adds up — the 2011 police regions against the 946 the release stated, and
// against a total the analyst enters — and which vintage its figures come from.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

test('the 2011 police-region pivot shows its 15 gap against the stated 946, and checks an expected total', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'NRM referrals 2011 by police region (IDMG 2012)' }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await page.getByRole('combobox', { name: 'Add police_region to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals_2011 to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();

  const checks = page.getByRole('list', { name: 'Checks' });
  await expect(checks.getByRole('listitem')).toHaveText([/^⚠ Does not add up\. Referrals in 2011: The grand total is 931 while the total stated .* is 946: 15 short\.$/]);
  await expect(page.getByText(/vintage: As first published, 18 October 2012/)).toBeVisible();

  await page.getByRole('textbox', { name: 'Expected total' }).fill('abc');
  await page.getByRole('button', { name: 'Check total' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the expected total as a number' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Expected total' }).fill('931');
  await page.getByRole('button', { name: 'Check total' }).click();
  await expect(checks.getByRole('listitem')).toHaveText([/^⚠ Does not add up\./, '✓ Adds up. Referrals in 2011: The grand total, 931, equals the expected total (931).']);

  await page.getByRole('combobox', { name: 'Add police_region to' }).selectOption('filters');
  await expect(checks.getByRole('listitem').first()).toHaveText(/^⚠ Does not add up\./); // nothing chosen yet: no restriction
  await page.getByRole('checkbox', { name: 'Wales' }).check();
  await expect(checks.getByRole('listitem').first()).toHaveText('– Not compared. Referrals in 2011: not compared with the stated total of 946, because the pivot is filtered.');
  const axe = await new AxeBuilder({ page }).include('[aria-labelledby$="-checks"]').analyze();
  expect(axe.violations).toEqual([]);
});

test('a table with its own "Total" rows: a new pivot leaves them out with a visible filter and checks them', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(
    "CREATE TABLE sheet AS SELECT * FROM (VALUES (2011, 'Adult', 642), (2011, 'Child', 294), (2011, 'Total', 936), (2012, 'Adult', 800), (2012, 'Child', 378), (2012, 'All ages', 1200)) t(year, age, referrals)",
  );
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /row/ })).toBeVisible();
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Source' }).selectOption('sheet');
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();

  const checks = page.getByRole('list', { name: 'Checks' });
  await expect(checks.getByRole('listitem')).toHaveText([
    '⚠ Does not add up. Rows labelled "All ages" or "Total" in age were left out so they are not counted twice; they differ in 1 of 2 groups: 2012 referrals, All ages 1,200 vs rows 1,178 (22 unaccounted for).',
  ]);
  const grid = page.getByRole('grid', { name: 'Pivot table' });
  await expect(grid.getByRole('row', { name: /^Total / }).getByRole('gridcell')).toHaveText(['2,114']);
  await expect(page.getByRole('list', { name: 'Filters' })).toContainText('age');

  await page.getByRole('button', { name: 'Remove the filter on age' }).click();
  await expect(grid.getByRole('row', { name: /^Total / }).getByRole('gridcell')).toHaveText(['4,250']);
  await expect(checks.getByRole('listitem').last()).toHaveText(/counted twice\. Filter them out of age\.$/);
});
