// End-to-end: the built-in tables hold published figures that SQL typed in a console may read but not change — the
// attempt is refused in words with the way to work on a copy, the figures stay as published, and the copy works.
import { expect, test } from './fixtures.ts';

test('a console refuses to change a published table and says how to work on a copy', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  const run = page.getByRole('button', { name: 'Run query' });
  await editor.fill('UPDATE nrm_referrals_quarterly SET referrals = referrals*10 WHERE year = 2011');
  await run.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('nrm_referrals_quarterly holds published figures, which cannot be changed.');
  await expect(alert).toContainText('CREATE TABLE my_copy AS SELECT * FROM nrm_referrals_quarterly');

  await editor.fill('SELECT sum(referrals)::INTEGER AS total FROM nrm_referrals_quarterly WHERE year = 2011');
  await run.click();
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell')).toHaveText(['936']);

  await editor.fill('CREATE TABLE my_copy AS SELECT * FROM nrm_referrals_quarterly; UPDATE my_copy SET referrals = referrals*10 WHERE year = 2011; SELECT sum(referrals)::INTEGER AS total FROM my_copy WHERE year = 2011');
  await run.click();
  await expect(grid.getByRole('gridcell')).toHaveText(['9,360']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
