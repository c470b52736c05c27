// End-to-end: the analyst's own files — a Windows-1252 CSV by the file picker, a workbook in the official layout
// dropped on the window, a range pasted from Excel — previewed with what was detected (the header row overridden),
// a column renamed and retyped, imported, queried, pivoted with disclosure control on, and still there after a reload; a bad file is explained
// and leaves every table already loaded as it was. Figures are checked against the files read here in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The example's text, decoded independently of the app: Latin-1 plus the one Windows-1252 byte it holds outside
 * Latin-1 (0x92, ’). Node 20's one-shot TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1, so it is not used.
 */
const windows1252 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').replaceAll('\x92', '\u2019');
const EXAMPLES = join(import.meta.dirname, '../../datasets/examples');
const CASES = 'synthetic_nrm_cases_2023q4_windows1252.csv';
const casesText = windows1252(readFileSync(join(EXAMPLES, CASES)));
const caseRows = casesText.trimEnd().split(/\r\n/).slice(1).map((line) => line.split(','));
const ivorian = caseRows.filter((r) => r[5] === 'Côte d’Ivoire').length;

async function runSql(page: Page, sql: string) {
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  return page.getByRole('grid', { name: 'Query results' });
}

test('a Windows-1252 CSV: preview, rename and retype, import, query, pivot with protection on, still there after a reload', async ({ workbench: page }) => {
  expect(ivorian).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.locator('input[type=file]').setInputFiles(join(EXAMPLES, CASES));
  const detected = page.getByRole('definition').filter({ hasText: 'Windows-1252' });
  await expect(detected).toBeVisible();
  const preview = page.getByRole('grid', { name: `Preview of ${CASES}` });
  await expect(preview).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Type of column “Date referred”' })).toHaveValue('DATE');

  await page.getByRole('textbox', { name: 'Name of column “Case ref”' }).fill('case_ref');
  await page.getByRole('textbox', { name: 'Name of column “Case ref”' }).press('Tab');
  await expect(preview.getByRole('columnheader').first()).toContainText('case_ref');
  await page.getByRole('combobox', { name: 'Type of column “Date referred”' }).selectOption('VARCHAR');
  await expect(preview.getByRole('gridcell').nth(1)).toHaveText(caseRows[0]![1]!);
  expect(await new AxeBuilder({ page }).include('#panel-import').analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);

  await page.getByRole('button', { name: 'Import this table' }).click();
  const table = 'synthetic_nrm_cases_2023q4_windows1252';
  await expect(page.getByRole('status').filter({ hasText: `Imported ${table}` })).toContainText(`${caseRows.length.toLocaleString('en-GB')} rows`);
  const listed = page.getByRole('list', { name: 'Imported tables' }).getByRole('listitem');
  await expect(listed).toContainText(['Unpublished']);

  const grid = await runSql(page, `SELECT count(*) AS n, count(*) FILTER (WHERE "Country of nationality" = 'Côte d’Ivoire') AS ci, min("Date referred") AS d FROM ${table}`);
  await expect(grid.getByRole('gridcell')).toHaveText([caseRows.length.toLocaleString('en-GB'), String(ivorian), caseRows.map((r) => r[1]!).sort()[0]!]);

  await page.getByRole('tab', { name: 'Import data' }).click();
  await page.getByRole('button', { name: `Build a pivot table from ${table}` }).click();
  await expect(page.getByRole('switch', { name: 'Protect for publication' })).toBeChecked();

  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Imported tables' }).getByRole('listitem')).toContainText([table]);
  const again = await runSql(page, `SELECT count(*) AS n, count(case_ref) AS refs FROM ${table}`);
  await expect(again.getByRole('gridcell')).toHaveText([caseRows.length.toLocaleString('en-GB'), caseRows.length.toLocaleString('en-GB')]);
});

test('a workbook dropped on the window: notes sheet skipped, title kept, the table below its title', async ({ workbench: page }) => {
  const bytes = readFileSync(join(EXAMPLES, 'synthetic_ocg_extract.xlsx')).toString('base64');
  const drop = await page.evaluateHandle((b64) => {
    const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (p: unknown[], n: string) => unknown; atob(s: string): string };
    const raw = g.atob(b64);
    const data = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    const dt = new g.DataTransfer();
    dt.items.add(new g.File([data], 'synthetic_ocg_extract.xlsx'));
    return dt;
  }, bytes);
  await page.locator('main').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByText(/Not imported: .*Notes/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import this table' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import this table' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported synthetic_ocg_extract' })).toContainText('rows');
  const grid = await runSql(page, `SELECT count(*) AS n FROM synthetic_ocg_extract`);
  await expect(grid.getByRole('gridcell')).not.toHaveText(['0']);
});

test('a range pasted from Excel becomes a table; a bad file is explained and every table stays', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.evaluate(() => {
    const g = globalThis as unknown as { DataTransfer: new () => { setData(t: string, v: string): void }; ClipboardEvent: new (t: string, o: unknown) => unknown; document: { body: { dispatchEvent(e: unknown): void } } };
    const dt = new g.DataTransfer();
    dt.setData('text/plain', 'Force\tReferrals\r\nCleveland\t12\r\nKent\t[c]\r\nGwent\t1,204\r\n');
    g.document.body.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
  const preview = page.getByRole('grid', { name: 'Preview of Pasted range.tsv' });
  await expect(preview).toBeVisible();
  // The first row as data, then as names again: the file is read again each time, the preview follows.
  const header = page.getByRole('checkbox', { name: 'First row holds the column names' });
  await expect(header).toBeChecked();
  await header.click();
  await expect(header).not.toBeChecked();
  await expect(preview.getByRole('gridcell', { name: 'Force', exact: true })).toBeVisible();
  await header.click();
  await expect(header).toBeChecked();
  await expect(preview.getByRole('columnheader', { name: /^Force/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Table name (for SQL)' }).fill('pasted_forces');
  await page.getByRole('button', { name: 'Import this table' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported pasted_forces' })).toContainText('3 rows');
  const grid = await runSql(page, 'SELECT sum("Referrals") AS total, string_agg("Referrals_status", \'\') AS s FROM pasted_forces');
  await expect(grid.getByRole('gridcell')).toHaveText(['1,216', '[c]']);

  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0, 0]) });
  await expect(page.getByRole('alert').filter({ hasText: 'cases.csv' })).toBeVisible();
  const after = await runSql(page, 'SELECT count(*) AS n FROM pasted_forces');
  await expect(after.getByRole('gridcell')).toHaveText(['3']);

  // Renamed and described on its page, then removed with its stored file.
  const imported = page.getByRole('list', { name: 'Imported tables' });
  await imported.getByRole('button', { name: 'Pasted range.tsv' }).click();
  await page.getByRole('textbox', { name: 'Table name (for SQL)' }).fill('forces_2023');
  await page.getByRole('textbox', { name: 'Title' }).fill('Referrals by force, pasted');
  await page.getByRole('button', { name: 'Save name and description' }).click();
  await expect(imported.getByRole('button', { name: 'Referrals by force, pasted' })).toBeVisible();
  const renamed = await runSql(page, 'SELECT count(*) AS n FROM forces_2023');
  await expect(renamed.getByRole('gridcell')).toHaveText(['3']);

  // A new version of the file takes the table's place under its name, keeping its title; it lasts a reload.
  await imported.getByRole('button', { name: 'Referrals by force, pasted' }).click();
  await page.getByRole('button', { name: 'Import a new version of the file…' }).click();
  await page.locator('#panel-dataset-forces_2023 input[type=file]').setInputFiles({ name: 'forces-v2.csv', mimeType: 'text/csv', buffer: Buffer.from('Force,Referrals\r\nCleveland,12\r\nKent,7\r\nGwent,1204\r\nDyfed,40\r\n') });
  await expect(page.getByText('A new version of forces_2023')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Table name (for SQL)' })).toHaveValue('forces_2023');
  await page.getByRole('button', { name: 'Import this table' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported forces_2023' })).toContainText('4 rows');
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
  const replaced = await runSql(page, 'SELECT count(*) AS n, sum("Referrals") AS total FROM forces_2023');
  await expect(replaced.getByRole('gridcell')).toHaveText(['4', '1,263']);
  await expect(imported.getByRole('listitem')).toHaveCount(1);
  await imported.getByRole('button', { name: 'Referrals by force, pasted' }).click();
  await page.getByRole('button', { name: 'Remove this table…' }).click();
  await page.getByRole('button', { name: 'Remove forces_2023' }).click();
  await expect(page.getByText('No imported tables yet.')).toBeVisible();
});
