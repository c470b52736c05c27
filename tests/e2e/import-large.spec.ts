// End-to-end: a big CSV (about 160 MB, generated here) goes into its table a piece at a time with a progress bar;
// Cancel stops it part-way, nothing half-made is left, and the workbench goes on working with every earlier table.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const ROWS = 2_000_000;

/** A referral-shaped CSV of ROWS rows, written in blocks (never whole in memory). */
async function writeBigCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('case_ref,year,force,referrals,note\n');
  for (let from = 0; from < ROWS; from += 50_000) {
    const lines: string[] = [];
    for (let i = from; i < from + 50_000; i++) lines.push(`NRM-${String(i).padStart(8, '0')},${2009 + (i % 15)},Police force ${i % 43},${(i * 7) % 1000},"A note, with a comma ${i % 13}"`);
    if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function runSql(page: Page, sql: string) {
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run query' }).click();
  return page.getByRole('grid', { name: 'Query results' });
}

test('a big CSV shows its progress, and Cancel stops it leaving every earlier table as it was', async ({ workbench: page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'import-large-'));
  try {
    const csv = join(dir, 'big_referrals.csv');
    await writeBigCsv(csv);
    await page.getByRole('button', { name: 'Import data…' }).click();
    await page.locator('input[type=file]').setInputFiles(csv);
    const confirm = page.getByRole('button', { name: 'Import this table' });
    await expect(confirm).toBeEnabled({ timeout: 120_000 });
    await confirm.click();

    // The first piece is in: the bar shows how far, and the page still answers a click on Cancel.
    const status = page.getByRole('status').filter({ hasText: /Creating big_referrals…\s\d+%/ });
    await expect(status).toBeVisible({ timeout: 120_000 });
    await expect(page.getByRole('progressbar', { name: /Creating big_referrals/ })).toHaveAttribute('value', /0\.\d+/);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(page.getByRole('alert')).toContainText('The import of “big_referrals.csv” was cancelled; the table it was creating was not added, and the tables you had before are unchanged.', { timeout: 60_000 });

    await expect(page.getByRole('list', { name: 'Imported tables' })).toHaveCount(0);
    const tables = await runSql(page, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'big_referrals'");
    await expect(tables.getByRole('gridcell')).toHaveText(['0']);
    const builtIn = await runSql(page, 'SELECT sum(referrals) AS n FROM nrm_referrals_quarterly WHERE year = 2011');
    await expect(builtIn.getByRole('gridcell')).toHaveText(['936']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
