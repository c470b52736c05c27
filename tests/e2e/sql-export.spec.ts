// End-to-end: a console's whole result exported through the UI and read back by second readers — a million-row CSV
// (every row, byte order mark, CRLF, in the query's order; the grid only ever drew a window of it), an XLSX read by
// exceljs, a Parquet file read by hyparquet — then a larger export cancelled mid-way (nothing saved, the console
// usable), and a result of a change that cannot be exported, said in words.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { expect, test } from './fixtures.ts';

const bytesOf = async (d: Download) => new Uint8Array(readFileSync(await d.path()));

async function runInConsole(page: Page, sql: string, summary: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: summary })).toBeVisible({ timeout: 60_000 });
}

async function exportAs(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

test('a million-row result is exported whole as CSV, XLSX and Parquet, each equal to the query', async ({ workbench: page }) => {
  test.setTimeout(240_000);
  const sql = "SELECT range AS id, 'row ' || range AS label, CASE WHEN range % 5 = 0 THEN NULL ELSE range * 0.5 END AS half FROM range(1000000) ORDER BY id";
  await runInConsole(page, sql, /1,000,000 rows, 3 columns/);
  const group = page.getByRole('group', { name: 'Export the whole result' });
  await expect(group).toBeVisible();

  const csv = await exportAs(page, 'Export CSV');
  expect(csv.name).toBe('SQL 1.csv');
  expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(csv.bytes.slice(3)).split('\r\n');
  expect(lines.length).toBe(1_000_002); // header, a million rows, and the empty string after the last CRLF
  expect(lines.slice(0, 3)).toEqual(['id,label,half', '0,row 0,', '1,row 1,0.5']);
  expect(lines[1_000_000]).toBe('999999,row 999999,499999.5');
  for (let i = 1; i <= 1_000_000; i += 99_991) expect(lines[i]!.startsWith(`${i - 1},row ${i - 1},`)).toBe(true);
  await expect(group.getByRole('status')).toHaveText('Saved SQL 1.csv: 1,000,000 rows, 3 columns.');

  const parquet = await exportAs(page, 'Export Parquet');
  expect(parquet.name).toBe('SQL 1.parquet');
  const buffer = parquet.bytes.buffer.slice(parquet.bytes.byteOffset, parquet.bytes.byteOffset + parquet.bytes.byteLength) as ArrayBuffer;
  expect(Number(parquetMetadata(buffer).num_rows)).toBe(1_000_000);
  const tail = await parquetReadObjects({ file: buffer, rowStart: 999_998, rowEnd: 1_000_000 });
  expect(tail).toEqual([{ id: 999998n, label: 'row 999998', half: 499999 }, { id: 999999n, label: 'row 999999', half: 499999.5 }]);

  // The same console, a result a spreadsheet holds.
  await page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' }).fill("SELECT 'Kent' AS force, DATE '2024-03-31' AS referred, 12 AS cases, '=1+1' AS note");
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 row, 4 columns/ })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '2024-03-31', exact: true })).toBeVisible(); // a date, not milliseconds
  const xlsx = await exportAs(page, 'Export XLSX');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Result')!;
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['force', 'referred', 'cases', 'note']);
  expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['Kent', new Date(Date.UTC(2024, 2, 31)), 12, '=1+1']);
  expect(wb.getWorksheet('About')!.getCell('A1').value).toBe('About this export');

  const axe = await new AxeBuilder({ page }).include('[role="tabpanel"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a large export shows its progress and stops at Cancel; a change is not exported again', async ({ workbench: page }) => {
  test.setTimeout(240_000);
  await runInConsole(page, "SELECT range AS id, 'row ' || range AS label FROM range(10000000)", /10,000,000 rows, 2 columns/);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  const group = page.getByRole('group', { name: 'Export the whole result' });
  await group.getByRole('button', { name: 'Export CSV' }).click();
  await expect(group.getByRole('status')).toHaveText(/^Exporting CSV: [\d,]+ of 10,000,000 rows written\.$/, { timeout: 60_000 });
  await expect(group.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('max', '10000000');
  await expect(page.getByRole('button', { name: 'Run query' })).toBeDisabled();
  await group.getByRole('button', { name: 'Cancel export' }).click();
  await expect(group.getByRole('status')).toHaveText('Export cancelled. No file was saved.', { timeout: 60_000 });
  await expect(group.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
  expect(downloads).toBe(0);

  // The console is usable again; a result of a change cannot be exported (it would run the change again).
  await page.getByRole('tabpanel').getByRole('textbox', { name: 'SQL editor' }).fill('CREATE TABLE made_here AS SELECT * FROM range(3)');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 row, 1 column/ })).toBeVisible({ timeout: 30_000 });
  await expect(group.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  await expect(group).toContainText('Only the rows of a query can be exported');
});
