// End-to-end: the quarterly flow. A pack built through the UI is exported (XLSX, and PDF through the app's print
// stylesheet) and saved as a workbook; `idmg pack build` rebuilds it headless from that file alone. Every XLSX cell
// is equal and the PDF's text is equal page by page — but for the moment of export each file records.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './fixtures.ts';
import { saveWorkbook, withoutPickers } from './workbook-files.ts';

const root = join(import.meta.dirname, '../..');

/** The export time is the one thing a rebuild changes: in ISO form, and in words ("2 December 2026, 10:14 UTC"). */
const timeless = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>').replace(/\b\d{1,2} [A-Z][a-z]+ \d{4}(,| at) \d{2}:\d{2}( UTC)?/g, '<time>');

async function cells(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => void out.push(`${ws.name}!${c.address} ${timeless(JSON.stringify(c.value))} ${c.numFmt ?? ''}`))));
  return out;
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push(timeless((await (await pdf.getPage(n)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ')));
  await pdf.destroy();
  return pages;
}

function idmg(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'scripts/idmg.mjs'), ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

async function buildPackInUi(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(page.getByRole('grid', { name: 'Pivot table' }).getByRole('row', { name: /^2011 / }).getByRole('gridcell').last()).toHaveText('936');
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: 'Briefing pack (1)' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Quarterly referrals');
  await page.getByRole('textbox', { name: 'Title', exact: true }).press('Tab');
  await page.getByRole('combobox', { name: 'Protective marking' }).selectOption('OFFICIAL');
  await page.getByRole('button', { name: 'Add commentary' }).click();
  const commentary = page.getByRole('textbox', { name: /^Commentary of item 2/ });
  await commentary.fill('## Summary\nReferrals **rose** in every year from 2012.');
  await commentary.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: 'Preview: 1 table, 1 figure.' })).toBeVisible();
}

test('a pack built in the UI and saved as a workbook rebuilds headless to the same XLSX cells and PDF text', async ({ workbench: page }) => {
  test.setTimeout(240_000);
  await withoutPickers(page);
  await buildPackInUi(page);
  const preview = page.getByRole('region', { name: 'Preview of the pack as it will print' });
  await expect(preview.locator('.pack-pages[data-ready]')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
  const xlsx = new Uint8Array(readFileSync(await download.path()));
  const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const workbook = await saveWorkbook(page);

  const dir = mkdtempSync(join(tmpdir(), 'idmg-rebuild-'));
  try {
    writeFileSync(join(dir, 'quarterly.idmgwb'), workbook);
    const run = await idmg(['pack', 'build', join(dir, 'quarterly.idmgwb'), '--out', join(dir, 'out'), '--format', 'xlsx,pdf']);
    expect(run.code, run.stderr).toBe(0);
    const file = (ext: string) => new Uint8Array(readFileSync(join(dir, 'out', readdirSync(join(dir, 'out')).find((n) => n.endsWith(ext))!)));
    expect(await cells(file('.xlsx'))).toEqual(await cells(xlsx));
    const rebuilt = await pdfPages(file('.pdf'));
    expect(rebuilt.length).toBeGreaterThan(1);
    expect(rebuilt).toEqual(await pdfPages(pdf));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
