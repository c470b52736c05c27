// End-to-end: column profiles. A built-in dataset's page profiles every column; the referrals column's figures
// match SQL run in a console over the same table; the top values and the histogram's table add up to the rows;
// everything is reachable by keyboard, axe finds nothing serious, and no inline style breaks the CSP. A table made
// in a console is profiled from "Profile a table", and switching tables leaves nothing of the earlier one.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const TITLE = 'NRM referrals by quarter, age and location of exploitation';

/** The value beside a term in a column card (its <dl>): the definition following the term. */
function figure(card: Locator, term: string): Locator {
  return card.getByRole('term').filter({ hasText: new RegExp(`^${term}\\b`) }).locator('xpath=following-sibling::dd[1]');
}

async function runSql(page: Page, sql: string): Promise<string[]> {
  await page.getByRole('textbox', { name: 'SQL editor' }).last().fill(sql);
  await page.getByRole('button', { name: 'Run query' }).last().click();
  const grid = page.getByRole('grid', { name: 'Query results' }).last();
  await expect(page.getByRole('status').filter({ hasText: /rows?, \d+ columns? in/ }).last()).toBeVisible();
  return grid.getByRole('gridcell').allInnerTexts();
}

test("a dataset's page profiles its columns with the figures SQL gives, by keyboard, axe-clean", async ({ workbench: page }) => {
  await page.getByRole('button', { name: TITLE }).click();
  const panel = page.getByRole('tabpanel', { name: TITLE });
  await expect(panel.getByRole('status').filter({ hasText: 'profiled in' })).toContainText('708 rows, 5 columns profiled in');
  const card = panel.getByRole('article', { name: /^referrals INTEGER/ });
  await expect(figure(card, 'Nulls')).toHaveText('0 (0.0%)');
  await expect(figure(card, 'Min')).toHaveText('0');
  await expect(figure(card, 'Max')).toHaveText('1,216');
  await expect(figure(card, 'Mean')).toHaveText('133.42');
  await expect(figure(card, 'Median')).toHaveText('37');
  await expect(figure(card, 'Distinct values')).toHaveText('267');
  const top = card.getByRole('table', { name: 'Top 10 values of referrals' });
  await expect(top.getByRole('row').nth(1)).toHaveText(/^0\s*234$/);
  await expect(card.getByText('and 257 other values in')).toBeVisible();
  // Years are codes: no thousands separator; one bin per year.
  const year = panel.getByRole('article', { name: /^year INTEGER/ });
  await expect(figure(year, 'Min')).toHaveText('2009');
  await expect(year.getByText('Histogram: 15 bins from 2009 to 2023')).toBeVisible();
  await expect(panel.getByRole('article', { name: /^quarter VARCHAR/ }).getByRole('table', { name: 'Values of quarter' }).getByRole('row')).toHaveCount(5);

  // The histogram's table, opened by keyboard: every row counted once.
  const summary = card.getByText('Histogram of referrals as a table');
  await summary.focus();
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card.locator('details')).toHaveAttribute('open');
  const bins = card.getByRole('table', { name: 'Histogram of referrals' });
  await expect(bins.getByRole('row')).toHaveCount(14);
  await expect(bins.getByRole('row').nth(1)).toHaveText(/^0 to 99\s*494$/); // whole numbers: both ends included
  await expect(card.getByText('Histogram: 13 bins from 0 to 1,299')).toBeVisible();
  const counts = (await bins.getByRole('cell').allInnerTexts()).filter((_, i) => i % 2 === 1).map((t) => Number(t.replace(/,/g, '')));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(708);

  // Keyboard: from the page's "Query … in a new SQL console" button, Tab reaches "Profile again" next.
  await expect(panel.getByRole('heading', { name: TITLE })).toHaveCount(1);
  await panel.getByRole('button', { name: `Query ${TITLE} in a new SQL console` }).focus();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Profile again' })).toBeFocused();

  const result = await new AxeBuilder({ page }).include('[role="tabpanel"]:not([hidden])').analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`);
  expect(serious).toEqual([]);

  // The same figures from SQL typed in a console.
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  const sql = await runSql(page, `SELECT count(*) AS n, min(referrals) AS lo, max(referrals) AS hi, round(avg(referrals), 2) AS mean, median(referrals) AS med, count(DISTINCT referrals) AS d FROM nrm_referrals_quarterly`);
  expect(sql).toEqual(['708', '0', '1,216', '133.42', '37', '267']);
});

test('"Profile a table" profiles a table made in a console; switching tables replaces the figures', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  await runSql(page, `CREATE TABLE my_profile AS SELECT * FROM (VALUES (1, 'b', DATE '2024-01-01'), (2, 'a', NULL), (4, 'b', DATE '2024-01-03'), (7, NULL, DATE '2024-01-03'), (NULL, 'c', DATE '2024-01-10')) t(n, "odd ""name""", d); SELECT count(*) FROM my_profile`);
  await page.getByRole('button', { name: 'Profile a table' }).click();
  const panel = page.getByRole('tabpanel', { name: /^Profile of nrm_referrals_quarterly/ });
  await expect(panel.getByRole('status').filter({ hasText: 'profiled in' })).toContainText('708 rows, 5 columns');
  await panel.getByRole('combobox', { name: 'Table' }).focus();
  await expect(panel.getByRole('combobox', { name: 'Table' }).locator('option[value="my_profile"]')).toBeAttached();
  await panel.getByRole('combobox', { name: 'Table' }).selectOption('my_profile');
  const mine = page.getByRole('tabpanel', { name: 'Profile of my_profile' });
  await expect(mine.getByRole('status').filter({ hasText: 'profiled in' })).toContainText('5 rows, 3 columns profiled in');
  await expect(mine.getByRole('article')).toHaveCount(3);
  const n = mine.getByRole('article', { name: /^n INTEGER/ });
  await expect(figure(n, 'Nulls')).toHaveText('1 (20.0%)');
  await expect(figure(n, 'Mean')).toHaveText('3.50');
  await expect(figure(n, 'Median')).toHaveText('3');
  const odd = mine.getByRole('article', { name: /^odd "name" VARCHAR/ });
  await expect(figure(odd, 'Distinct values')).toHaveText('3');
  await expect(figure(odd, 'Nulls')).toHaveText('1 (20.0%)');
  await expect(odd.getByRole('table', { name: 'Values of odd "name"' }).getByRole('row')).toHaveText([/Value\s*Rows/, /^b\s*2$/, /^a\s*1$/, /^c\s*1$/]);
  const d = mine.getByRole('article', { name: /^d DATE/ });
  await expect(figure(d, 'Min')).toHaveText('2024-01-01');
  await expect(figure(d, 'Max')).toHaveText('2024-01-10');
  await expect(d.getByText('Histogram: 10 bins from 2024-01-01 to 2024-01-10')).toBeVisible();
  const result = await new AxeBuilder({ page }).include('[role="tabpanel"]:not([hidden])').analyze();
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
