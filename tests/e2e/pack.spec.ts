// End-to-end (Chromium, web mode): a briefing pack built from the built-in data through the UI only — a year × age
// pivot with its chart, the 2011 police regions with their reconciliation note, commentary — then exported in
// every format and each file read back: XLSX (exceljs), DOCX and the zip (unzipped), PDF (printed from the app's
// Pack tab through Chromium's print pipeline, read with pdf.js).
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './fixtures.ts';

const bytesOf = async (d: Download) => new Uint8Array(readFileSync(await d.path()));

async function download(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

async function buildPack(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(page.getByRole('grid', { name: 'Pivot table' }).getByRole('row', { name: /^2011 / }).getByRole('gridcell').last()).toHaveText('936');
  await page.getByRole('button', { name: 'Add to pack' }).click();

  await page.getByRole('button', { name: 'NRM referrals 2011 by police region (IDMG 2012)' }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await page.getByRole('combobox', { name: 'Add police_region to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals_2011 to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(page.getByRole('list', { name: 'Checks' })).toContainText('15 short');
  await page.getByRole('combobox', { name: 'Add to pack' }).selectOption('table');
  await page.getByRole('button', { name: 'Add to pack' }).click();

  await page.getByRole('button', { name: 'Briefing pack (2)' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Human trafficking: NRM referrals');
  await page.getByRole('textbox', { name: 'Title', exact: true }).press('Tab');
  await page.getByRole('combobox', { name: 'Protective marking' }).selectOption('OFFICIAL-SENSITIVE');
  await page.getByRole('textbox', { name: 'Handling caveat' }).fill('Not for onward distribution');
  await page.getByRole('textbox', { name: 'Handling caveat' }).press('Tab');
  await page.getByRole('button', { name: 'Add commentary' }).click();
  const commentary = page.getByRole('textbox', { name: /^Commentary of item 3/ });
  await commentary.fill('## Summary\nReferrals **rose** in every year from 2012.\n\n- The 2011 regions sum to 931, not 946.');
  await commentary.press('Tab');
  // Keyboard reordering: the commentary goes first.
  await page.getByRole('button', { name: 'Move item 3 up' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Move item 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem').first()).toContainText('1. Commentary');
  await expect(page.getByRole('status').filter({ hasText: 'Preview: 2 tables, 1 figure.' })).toBeVisible();
  // Captions come from the manifest's labels ("Referrals in 2011"), never the field names.
  await expect(page.locator('section.page').getByText('Table 2: Referrals in 2011 by police region', { exact: true }).first()).toBeVisible();

  // A note on one cell: marked on its column header and its row label, never inside the figure.
  await page.getByRole('textbox', { name: 'New note' }).fill('Age at exploitation as recorded by the first responder.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('group', { name: 'Notes on item 2' });
  await notes.getByRole('checkbox', { name: '[note 1]' }).check();
  await notes.getByRole('combobox', { name: 'Mark [note 1] on' }).selectOption({ label: 'Column: Child (17 or under)' });
  await notes.getByRole('combobox', { name: 'in' }).selectOption({ label: 'Row 2015 (one cell)' });
}

test('a pack built through the UI exports to XLSX, ODS, DOCX, a zip and PDF, each carrying its figures, marking and provenance', async ({ workbench: page }) => {
  test.setTimeout(120_000);
  await buildPack(page);
  const preview = page.getByRole('region', { name: 'Preview of the pack as it will print' });
  await expect(preview.locator('.pack-pages[data-ready]')).toBeVisible();
  await expect(preview).toContainText('OFFICIAL-SENSITIVE');
  await expect(preview).toContainText('Table 2: ');

  const axe = await new AxeBuilder({ page }).include('.pack-view').analyze();
  expect(axe.violations).toEqual([]);

  // XLSX
  const xlsx = await download(page, 'Export XLSX');
  expect(xlsx.name).toMatch(/^human-trafficking-nrm-referrals-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes.buffer as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Contents', 'Notes', 'Table_1', 'Table_2', 'Provenance']);
  expect(wb.getWorksheet('Cover')!.getCell('A1').value).toBe('Human trafficking: NRM referrals');
  const t1 = wb.getWorksheet('Table_1')!;
  const t1Text = JSON.stringify(t1.getSheetValues());
  expect(t1Text).toContain('Child (17 or under) [note 1]');
  expect(t1Text).toContain('2015 [note 1]');
  const t1Values = t1.getSheetValues().flat().filter((v) => typeof v === 'number');
  expect(t1Values).toContain(936);
  const notes = JSON.stringify(wb.getWorksheet('Notes')!.getSheetValues());
  expect(notes).toContain('The grand total is 931 while the total stated by the source');
  expect(JSON.stringify(wb.getWorksheet('Provenance')!.getSheetValues())).toContain('GROUPING SETS');

  // ODS: the same workbook as OpenDocument, the marking as text under each title.
  const ods = await download(page, 'Export ODS');
  expect(ods.name).toMatch(/^human-trafficking-nrm-referrals-\d{4}-\d{2}-\d{2}\.ods$/);
  const odsFiles = unzipSync(ods.bytes);
  expect(strFromU8(odsFiles['mimetype']!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
  const content = strFromU8(odsFiles['content.xml']!);
  expect([...content.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1])).toEqual(wb.worksheets.map((w) => w.name));
  expect(content).toContain('office:value-type="float" office:value="936"');
  expect(content.split('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION').length - 1).toBe(wb.worksheets.length);

  // DOCX
  const docx = unzipSync((await download(page, 'Export DOCX')).bytes);
  const body = strFromU8(docx['word/document.xml']!);
  expect(body).toContain('Referrals');
  expect(body).toContain('936');
  expect(body).toContain('<w:tblHeader/>');
  const headers = Object.keys(docx).filter((f) => /^word\/header\d*\.xml$/.test(f));
  expect(headers.length).toBeGreaterThan(0);
  for (const h of headers) expect(strFromU8(docx[h]!)).toContain('OFFICIAL-SENSITIVE');
  expect(Object.keys(docx).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);

  // Zip of CSV tables and SVG/PNG charts
  const zip = unzipSync((await download(page, 'Export CSV and charts (zip)')).bytes);
  expect(Object.keys(zip).sort()).toEqual(['Figure_1.png', 'Figure_1.svg', 'README.txt', 'Table_1.csv', 'Table_2.csv']);
  expect([...zip['Figure_1.png']!.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  // UTF-8 with a byte order mark (strFromU8 drops it), the marking on the first line, then the header row.
  expect([...zip['Table_2.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(strFromU8(zip['Table_2.csv']!)).toMatch(/^OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION\r\nPolice region,Referrals in 2011\r\n/);

  // PDF: the app's own print stylesheet prints the Pack tab's pages only.
  const count = Number(await preview.locator('.pack-pages').getAttribute('data-page-count'));
  const pdf = await getDocument({ data: new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })), verbosity: 0 }).promise;
  expect(pdf.numPages).toBe(count);
  for (let n = 1; n <= pdf.numPages; n++) {
    const text = (await (await pdf.getPage(n)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
    expect(text.replace(/\s+/g, ''), `page ${n}`).toContain('OFFICIAL-SENSITIVE');
    expect(text.replace(/\s+/g, ''), `page ${n}`).toContain(`Page${n}of${count}`);
    expect(text, `page ${n}`).not.toContain('New SQL console');
  }
  await pdf.destroy();
});

test('disclosure control is on by default and can be turned off only with a reason, shown in the preview', async ({ workbench: page }) => {
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await page.getByRole('button', { name: 'Turn off for this export…' }).click();
  await expect(page.getByRole('button', { name: 'Turn off disclosure control' })).toBeDisabled();
  await page.getByRole('textbox', { name: /Why turn it off/ }).fill('Internal working copy for the analysis team');
  await page.getByRole('button', { name: 'Turn off disclosure control' }).click();
  // Other notes are on the page too (the sidebar's "Synthetic" tags): this one is the disclosure setting's.
  await expect(page.getByRole('note').filter({ hasText: 'Off for this export' })).toContainText('Reason recorded on the cover: Internal working copy for the analysis team');
  await expect(page.getByRole('region', { name: 'Preview of the pack as it will print' })).toContainText('Internal working copy for the analysis team');
});

test('a pack item added from a saved pivot follows it when the pivot is saved again', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await page.getByRole('textbox', { name: 'Save as' }).fill('Referrals by year');
  await page.getByRole('button', { name: 'Save pivot' }).click();
  await page.getByRole('combobox', { name: 'Add to pack' }).selectOption('table');
  await page.getByRole('button', { name: 'Add to pack' }).click();

  // Narrow the pivot to 2020 onwards and save it under the same name: the pack follows.
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('filters');
  await page.getByRole('spinbutton', { name: 'From year' }).fill('2020');
  await page.getByRole('spinbutton', { name: 'From year' }).press('Tab');
  await expect(page.getByRole('grid', { name: 'Pivot table' }).getByRole('row', { name: /^2011 / })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save pivot' }).click();

  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await expect(page.getByRole('list', { name: 'Pack items' })).toContainText('follows the saved pivot "Referrals by year"');
  const pages = page.getByRole('region', { name: 'Preview of the pack as it will print' }).locator('.pack-pages[data-ready]');
  const printed = pages.locator('section.page'); // the pages, not the off-screen measuring sheet
  await expect(printed.getByText('2021', { exact: true })).toHaveCount(1);
  await expect(printed.getByText('2011', { exact: true })).toHaveCount(0);
});
