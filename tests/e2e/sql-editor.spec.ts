// End-to-end: the SQL editor in Chromium — completion of a table made in the session and of its columns after an
// alias, the statement under the cursor run alone, a run of several statements with its log, an error marked where
// the engine places it, Format SQL, and the editor's accessibility by axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

test('completion offers session tables and their columns after an alias; Ctrl+Shift+Enter runs the statement under the cursor', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('CREATE TABLE ocg_groups AS SELECT * FROM (VALUES (\'Kent\', 3), (\'Gwent\', 5)) t(force_name, "Group count")');
  await editor.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: /row/ })).toBeVisible();
  // The new table is in the sidebar at once, and can be queried from there.
  const made = page.getByRole('list', { name: 'Made in this session' });
  await expect(made.getByRole('listitem')).toHaveText([/^Query ocg_groups\s*table\s*Pivot$/]);

  await editor.fill('SELECT g. FROM ocg_groups g');
  await editor.press('Control+Home');
  for (let k = 0; k < 'SELECT g.'.length; k += 1) await editor.press('ArrowRight');
  await editor.press('Control+Space');
  const list = page.getByRole('listbox', { name: 'Completions' });
  await expect(list.getByRole('option')).toHaveText([/^force_name\s*VARCHAR · ocg_groups/, /^Group count\s*INTEGER · ocg_groups/]);
  // CodeMirror ignores keys pressed within 75 ms of a list opening (so an Enter meant as a new line is not taken as a
  // choice): a person reads the list first; the test waits longer than that from when it saw the list.
  await page.waitForTimeout(150);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveText('SELECT g."Group count" FROM ocg_groups g', { useInnerText: true });

  await editor.press('Control+End');
  await page.keyboard.type(';\nSELECT force_name FROM ocg_groups WHERE "Group count" > 4;\nSELECT 42 AS other');
  // The cursor on the middle statement: only it runs.
  await editor.press('Control+Home');
  await editor.press('ArrowDown');
  await editor.press('Control+Shift+Enter');
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell')).toHaveText(['Gwent']);
  await expect(page.getByRole('region', { name: 'Statements run' })).toHaveCount(0);

  // Typing a table's first letters offers it.
  await editor.press('Control+End');
  await page.keyboard.type(' FROM ocg_g');
  await expect(page.getByRole('listbox', { name: 'Completions' }).getByRole('option').first()).toHaveText(/^ocg_groups/);
  await page.keyboard.press('Escape');

  await editor.fill('CREATE VIEW big_groups AS SELECT * FROM ocg_groups WHERE "Group count" > 4');
  await editor.press('Control+Enter');
  await expect(made.getByRole('listitem')).toHaveText([/^Query big_groups\s*view/, /^Query ocg_groups/]);
  await made.getByRole('button', { name: 'Query big_groups' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText(['Gwent', '5']);
});

test('a run of several statements shows the last result and a log; an error is marked at its line and column; Format SQL lays it out', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('CREATE TEMP TABLE t AS SELECT range AS n FROM range(5);\nSELECT sum(n) AS total FROM t');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText(['10']);
  const log = page.getByRole('region', { name: 'Statements run' });
  await expect(log.getByRole('listitem')).toHaveText([/^CREATE TEMP TABLE t AS .* — done, 1 row in [\d,]+ ms$/, /^SELECT sum\(n\) AS total FROM t — done, 1 row in [\d,]+ ms$/]);

  await editor.fill('SELECT 1;\nSELECT n,\n  no_such_column\nFROM t;\nSELECT 3');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Query failed' })).toHaveText('Query failed at line 3, column 3.');
  await expect(log.getByRole('listitem')).toHaveText([/done/, /failed/, /not run/]);
  const marked = page.locator('.cm-sql-error');
  await expect(marked).toHaveText('no_such_column');
  // The previous result stays: the first statement's, from this run.
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText(['1']);
  // Typing takes the mark away.
  await editor.press('Control+End');
  await page.keyboard.type(' ');
  await expect(marked).toHaveCount(0);

  await editor.fill('select n,sum(n) as s from t group by n order by n');
  await page.getByRole('button', { name: 'Format SQL' }).click();
  await expect(editor).toHaveText('SELECT\n  n,\n  sum(n) AS s\nFROM\n  t\nGROUP BY\n  n\nORDER BY\n  n', { useInnerText: true });

  // At rest (CodeMirror's open completion list is a scrolling listbox navigated from the editor, which axe cannot see).
  await editor.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Completions' })).toHaveCount(0);
  const results = await new AxeBuilder({ page }).include('.console').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
