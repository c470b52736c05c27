// End-to-end: a query saved by name survives a reload, reopens in a console, and is the source of a pivot whose
// inner field keeps its top item within each parent group (the top nationality for each age group).
import { expect, test } from './fixtures.ts';

const SQL = 'SELECT age_at_exploitation, nationality, referrals\nFROM nrm_referrals_2023q4_detail';

test('save a query by name, reopen it after a reload, pivot it with a top 1 per age group', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(SQL);
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByText('Give the query a name before saving it.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Query name' }).fill('Q4 2023 by nationality');
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByText('Saved as "Q4 2023 by nationality".')).toBeVisible();
  await expect(page.getByRole('tab', { name: /Q4 2023 by nationality/ })).toBeVisible();

  await page.reload();
  await expect(page.getByText('11 datasets loaded')).toBeVisible();
  const saved = page.getByRole('list', { name: 'Saved queries' });
  await saved.getByRole('button', { name: 'Open Q4 2023 by nationality' }).click();
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toHaveText(SQL, { useInnerText: true });
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();

  await saved.getByRole('button', { name: 'Pivot Q4 2023 by nationality' }).click();
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('query:Q4 2023 by nationality');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add nationality to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await page.getByText('Options for nationality').click();
  await page.getByRole('spinbutton', { name: 'Top N (0 for all)' }).last().fill('1');
  await page.getByRole('spinbutton', { name: 'Top N (0 for all)' }).last().press('Tab');
  await expect(page.getByText('Ranked within each age_at_exploitation.')).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Pivot table' });
  await expect(grid.getByRole('row')).toHaveText([
    /.*/, // header
    /Adult \(18 or over\)\s*1,978/,
    /Albanian\s*605/,
    /Other\s*1,373/,
    /Child \(17 or under\)\s*1,944/,
    /UK\s*914/,
    /Other\s*1,030/,
    /Not specified or unknown\s*219/,
    /Albanian\s*55/,
    /Other\s*164/,
    /Total\s*4,141/,
  ]);
});
