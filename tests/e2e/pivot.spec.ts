// End-to-end: a pivot built through the UI only — year × age from the built-in referrals, % of row, a filter,
// a chart, save and reopen, drill-through — and again by keyboard alone. Figures are checked against the
// published totals read from the dataset file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const vintages = readFileSync(join(import.meta.dirname, '../../datasets/nrm_annual_totals_vintages.csv'), 'utf8').trim().split('\n').slice(1);
const currentSeries = new Map<number, number>(
  vintages.map((l): [number, number] => [Number(l.slice(0, 4)), Number(l.split(',').at(-2) || NaN)]).filter(([, v]) => !Number.isNaN(v)),
);
const grand = [...currentSeries.values()].reduce((a, b) => a + b, 0);

const pivotGrid = (page: Page) => page.getByRole('grid', { name: 'Pivot table' });
const rowCells = (page: Page, label: string) => pivotGrid(page).getByRole('row', { name: new RegExp(`^${label} `) }).getByRole('gridcell');

async function buildYearByAge(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(rowCells(page, '2011')).toHaveText(['642', '294', '0', '936']);
}

test('year × age pivot through the UI: totals, % of row, filter, chart, save and reopen, drill-through', async ({ workbench: page }) => {
  await buildYearByAge(page);
  for (const [year, total] of currentSeries) await expect(rowCells(page, String(year)).last()).toHaveText(total.toLocaleString('en-GB'));
  await expect(rowCells(page, 'Total').last()).toHaveText(grand.toLocaleString('en-GB'));

  await page.getByRole('combobox', { name: 'Show as for Sum of referrals' }).selectOption({ label: '% of row total' });
  await expect(rowCells(page, '2011')).toHaveText(['68.59%', '31.41%', '0.00%', '100.00%']);

  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('filters');
  await page.getByRole('spinbutton', { name: 'From year' }).fill('2015');
  await page.getByRole('spinbutton', { name: 'From year' }).press('Tab');
  await expect(pivotGrid(page).getByRole('row', { name: /^2011 / })).toHaveCount(0);
  await expect(pivotGrid(page).getByRole('row', { name: /^2015 / })).toHaveCount(1);

  const chart = page.getByRole('region', { name: 'Chart' });
  await chart.getByRole('combobox', { name: 'Chart type' }).selectOption({ label: '100% stacked bar' });
  await expect(chart.getByRole('img').locator('svg')).toBeVisible();

  await page.getByRole('textbox', { name: 'Save as' }).fill('Year by age since 2015');
  await page.getByRole('button', { name: 'Save pivot' }).click();
  await page.getByRole('button', { name: /^Close Pivot/ }).click();
  await expect(pivotGrid(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Open Year by age since 2015' }).click();
  const pct = (n: number) => `${((n / 3263) * 100).toFixed(2)}%`; // 2015: 2,284 adults, 979 children, 3,263 in all
  await expect(rowCells(page, '2015')).toHaveText([pct(2284), pct(979), '0.00%', '100.00%']);
  await expect(pivotGrid(page).getByRole('row', { name: /^2011 / })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Chart type' })).toHaveValue('stacked_bar_100');

  // Drill-through: Enter on the 2015 × Child cell opens its records (4 quarters × 4 locations) in a SQL console.
  await rowCells(page, '2015').nth(1).focus();
  await page.keyboard.press('Enter');
  const results = page.getByRole('grid', { name: 'Query results' });
  await expect(results).toHaveAttribute('aria-rowcount', '17');
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toHaveText(/"year" IS NOT DISTINCT FROM 2015[\s\S]*"age_at_exploitation" IS NOT DISTINCT FROM 'Child \(17 or under\)'/, { useInnerText: true });
});

test('Show SQL shows the GROUPING SETS query, and moving a field reuses the cached aggregate', async ({ workbench: page }) => {
  await buildYearByAge(page);
  await page.getByRole('button', { name: 'Show SQL' }).click();
  await expect(page.getByRole('region', { name: 'Pivot SQL' })).toContainText('GROUPING SETS');
  await page.getByRole('button', { name: 'Move age_at_exploitation to rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'from the cached aggregate' })).toBeVisible();
  await expect(rowCells(page, 'Total')).toHaveText([grand.toLocaleString('en-GB')]);
});

test('a pivot can be built and read with the keyboard alone', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New pivot table' }).focus();
  await page.keyboard.press('Enter');
  // A field's "Add to" list acts only when chosen: open it (Alt+Down), type to move to a choice, Enter to place.
  const choose = async (name: string, key: string) => {
    await page.getByRole('combobox', { name }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
  };
  await choose('Add year to', 'r'); // "Rows"
  await expect(pivotGrid(page).getByRole('row', { name: /^2011 / })).toHaveCount(1);
  await choose('Add age_at_exploitation to', 'c'); // "Columns"
  await expect(pivotGrid(page).getByRole('columnheader', { name: 'Child (17 or under)' })).toBeVisible();
  await rowCells(page, '2011').first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveText('16');
  await page.getByRole('button', { name: 'Move age_at_exploitation to rows' }).focus();
  await page.keyboard.press('Enter');
  await expect(pivotGrid(page).getByRole('row', { name: /^Child \(17 or under\) / })).toHaveCount(15);
  await page.getByRole('button', { name: 'Collapse 2011' }).focus();
  await page.keyboard.press('Enter');
  await expect(pivotGrid(page).getByRole('row', { name: /^Child \(17 or under\) / })).toHaveCount(14);
  await expect(page.getByRole('button', { name: 'Expand 2011' })).toBeFocused();
});

test('the pivot view has no serious accessibility violations', async ({ workbench: page }) => {
  await buildYearByAge(page);
  await page.getByRole('combobox', { name: 'Add quarter to' }).selectOption('filters');
  await page.getByRole('button', { name: 'New pivot table' }).click(); // a second pivot: ids must stay unique
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('tab', { name: 'Pivot 1' }).click();
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`);
  expect(serious).toEqual([]);
});

test('fields can be dragged to the zones; the chart exports as SVG', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  const fields = page.getByRole('list', { name: /^Fields of/ });
  await fields.getByRole('listitem').filter({ hasText: 'year' }).first().dragTo(page.getByRole('region', { name: 'Rows' }));
  await fields.getByRole('listitem').filter({ hasText: 'referrals' }).dragTo(page.getByRole('region', { name: 'Values' }));
  await expect(page.getByRole('list', { name: 'Rows fields' })).toContainText('year');
  await expect(page.getByRole('list', { name: 'Values' })).toContainText('Sum of referrals');
  await expect(pivotGrid(page).getByRole('row', { name: /^2011 / }).getByRole('gridcell').last()).toHaveText('936');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export chart as SVG' }).click();
  const file = await download;
  const svg = readFileSync((await file.path())!, 'utf8');
  expect(svg).toMatch(/^<svg/);
  expect(svg).toContain('2011');
});

test('a pivot over a table made in the console, filtered by a date range', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(
    "CREATE TABLE referral_days AS SELECT DATE '2023-01-01' + INTERVAL (i) DAY AS referral_date, ['Adult', 'Child'][1 + i % 2] AS age FROM range(365) t(i)",
  );
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /row/ })).toBeVisible();
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Source' }).selectOption('referral_days');
  await page.getByRole('combobox', { name: 'Add age to' }).selectOption('rows');
  await expect(rowCells(page, 'Total')).toHaveText(['365']);
  await page.getByRole('combobox', { name: 'Add referral_date to' }).selectOption('filters');
  await page.getByLabel('From referral_date').fill('2023-03-01');
  await page.getByLabel('To referral_date').fill('2023-03-31');
  await page.getByLabel('To referral_date').press('Tab');
  await expect(rowCells(page, 'Total')).toHaveText(['31']);
});

test('a query typed in the console can be pivoted', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill("SELECT sum(referrals) AS n FROM nrm_referrals_quarterly WHERE location_of_exploitation = 'UK'");
  await editor.press('Control+Enter');
  const expected = await page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell').innerText();
  await editor.fill("SELECT year, age_at_exploitation, referrals FROM nrm_referrals_quarterly WHERE location_of_exploitation = 'UK'");
  await editor.press('Control+Enter');
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();
  await page.getByRole('button', { name: 'Pivot this query' }).click();
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('query:Query of SQL 1');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(rowCells(page, 'Total')).toHaveText([expected]);
});

test('the chart title follows the pivot until the analyst edits it', async ({ workbench: page }) => {
  await buildYearByAge(page);
  const chart = page.getByRole('region', { name: 'Chart' });
  const title = chart.getByRole('textbox', { name: 'Title' });
  await expect(title).toHaveValue('Referrals by year and age at exploitation');
  await page.getByRole('button', { name: 'Swap rows and columns' }).click();
  await expect(title).toHaveValue('Referrals by age at exploitation and year');
  await title.fill('Referrals since 2009');
  await title.press('Tab');
  await page.getByRole('button', { name: 'Swap rows and columns' }).click();
  await expect(title).toHaveValue('Referrals since 2009');
});

test('fields and values are shown under labels, not database names, and each can be relabelled for the pivot', async ({ workbench: page }) => {
  await buildYearByAge(page);
  const chart = page.getByRole('region', { name: 'Chart' });
  await expect(pivotGrid(page).getByRole('columnheader', { name: 'Year' })).toBeVisible();
  await page.getByText('Labels in tables, charts and exports').click();
  const year = page.getByRole('textbox', { name: 'Label for year' });
  await expect(year).toHaveValue('Year');
  await year.fill('Year of referral');
  await year.press('Tab');
  await expect(pivotGrid(page).getByRole('columnheader', { name: 'Year of referral' })).toBeVisible();
  await expect(chart.getByRole('textbox', { name: 'Title' })).toHaveValue('Referrals by year of referral and age at exploitation');
  const value = page.getByRole('textbox', { name: 'Label for value 1 (Sum of referrals)' });
  await expect(value).toHaveValue('Referrals');
  await value.fill('Potential victims');
  await value.press('Tab');
  await expect(chart.getByRole('textbox', { name: 'Title' })).toHaveValue('Potential victims by year of referral and age at exploitation');
  // Emptying a box goes back to the default label.
  await year.fill('');
  await year.press('Tab');
  await expect(year).toHaveValue('Year');
  await expect(pivotGrid(page).getByRole('columnheader', { name: 'Year' })).toBeVisible();
});

test('two pivots of one dataset get tab titles that tell them apart', async ({ workbench: page }) => {
  const title = 'NRM referrals 2011 by police region (IDMG 2012)';
  for (let n = 0; n < 2; n++) {
    await page.getByRole('button', { name: title, exact: true }).click();
    await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  }
  await expect(page.getByRole('tab', { name: `Pivot of ${title}`, exact: true })).toHaveCount(1);
  await expect(page.getByRole('tab', { name: `Pivot of ${title} (2)`, exact: true })).toHaveCount(1);
});

test('published figures start unprotected, unpublished (synthetic) ones protected, and each dataset says which it is', async ({ workbench: page }) => {
  const protect = page.getByRole('switch', { name: 'Protect for publication' });
  await page.getByRole('button', { name: 'NRM referrals 2011 by police region (IDMG 2012)', exact: true }).click();
  await expect(page.getByText(/^Published by the Home Office on 18 October 2012: its pivots start with disclosure control off/)).toBeVisible();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Calculated/ })).toBeVisible();
  await expect(protect).not.toBeChecked();
  await page.getByRole('button', { name: /^SYNTHETIC: NRM referrals, one row per case/ }).click();
  await expect(page.getByText('Unpublished: its pivots start with disclosure control on.')).toBeVisible();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await expect(protect).toBeChecked();
});
