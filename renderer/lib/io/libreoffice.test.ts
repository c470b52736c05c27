// Import/export layer tests: LibreOffice as a second reader. The pack is written as XLSX and as ODS, each converted
// by LibreOffice headless (a private profile per run, so parallel runs do not collide) to XLSX, and the converted
// file read back with exceljs: every cell value must be what we wrote, numbers still numbers with their formats, every
// cell still in Arial, the marking in the page header, and LibreOffice must have loaded the file without a complaint
// (a file it had to repair, or could not load, gives no output or an error). Both files are also printed to PDF by
// LibreOffice and measured with pdf.js: A4 pages, no text past the right edge, every cover line there in full.
// Skipped when `soffice` is not installed (.ci/run installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { packToOds } from './ods.ts';
import { packToXlsx, packWorkbook } from './xlsx.ts';

function soffice(): string | null {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const office = soffice();
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hb-lo-sheets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Converts `name` (written to `dir`) with LibreOffice to `to` in a subfolder; returns the bytes and what it said. */
function convert(name: string, bytes: Uint8Array, to: 'xlsx' | 'pdf'): { bytes: Uint8Array; said: string } {
  const input = join(dir, name);
  const out = join(dir, `${to}-${name.replace(/\W/g, '-')}`);
  writeFileSync(input, bytes);
  const profile = pathToFileURL(join(dir, 'profile')).href;
  const filter = to === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'pdf';
  const run = spawnSync(office ?? 'soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, input], {
    encoding: 'utf8',
    timeout: 150_000,
  });
  const said = `${run.stdout}\n${run.stderr}`;
  const converted = join(out, name.replace(/\.\w+$/, `.${to}`));
  if (!existsSync(converted)) throw new Error(`LibreOffice did not convert ${name}: ${said}`);
  return { bytes: new Uint8Array(readFileSync(converted)), said };
}

async function convertToXlsx(name: string, bytes: Uint8Array): Promise<{ wb: ExcelJS.Workbook; said: string }> {
  const { bytes: converted, said } = convert(name, bytes, 'xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(converted.buffer as ExcelJS.Buffer);
  return { wb, said };
}

interface PrintedPage {
  width: number;
  height: number;
  items: Array<{ text: string; right: number }>;
}

async function printed(pdfBytes: Uint8Array): Promise<PrintedPage[]> {
  const pdf = await getDocument({ data: pdfBytes, verbosity: 0 }).promise;
  const pages: PrintedPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width = 0, height = 0] = page.view;
    const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [{ text: i.str, right: (i.transform[4] as number) + i.width }] : []));
    pages.push({ width, height, items });
  }
  await pdf.destroy();
  return pages;
}

/** A cell's value as a reader sees it: a number, or text (a link by its text). */
function seen(cell: ExcelJS.Cell): number | string {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'hyperlink' in v) return String(v.text);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** Compares every cell of the workbook we built with the converted one; returns how many numbers were compared. */
function expectSameCells(ours: ExcelJS.Workbook, theirs: ExcelJS.Workbook, what: string): number {
  expect(theirs.worksheets.map((w) => w.name), what).toEqual(ours.worksheets.map((w) => w.name));
  let numbers = 0;
  for (const ws of ours.worksheets) {
    const other = theirs.getWorksheet(ws.name) as ExcelJS.Worksheet;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      for (let c = 1; c <= row.cellCount; c++) {
        const mine = row.getCell(c);
        const got = other.getCell(r, c);
        const where = `${what}: ${ws.name}!${mine.address}`;
        expect(seen(got), where).toEqual(seen(mine));
        if (typeof mine.value === 'number') {
          numbers++;
          if (mine.numFmt) expect(got.numFmt, where).toBe(mine.numFmt);
        }
        if (seen(mine) !== '') {
          expect(got.font?.name, where).toBe('Arial');
          expect(Boolean(got.font?.bold), where).toBe(Boolean(mine.font?.bold));
          expect(got.font?.size, where).toBe(mine.font?.size);
        }
      }
    });
    expect(other.headerFooter.oddHeader ?? '', `${what}: ${ws.name} header`).toContain('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
    expect(other.pageSetup.paperSize, `${what}: ${ws.name} paper`).toBe(9);
    expect(other.pageSetup.fitToWidth, `${what}: ${ws.name} fit to width`).toBe(1);
  }
  return numbers;
}

/** The sample with release details, a negative figure, text that looks like a formula and awkward white space. */
function pack(): PackDocument {
  const doc = structuredClone(sampleDocument(2));
  // A release address longer than the cover's column, which must still print on the page.
  doc.meta = { ...doc.meta, status: 'revised', nextUpdate: 'Spring 2027', releaseUrl: 'https://www.gov.uk/government/statistics/national-referral-mechanism-and-duty-to-notify-statistics-uk-end-of-year-summary-2026' };
  const t = doc.items.find((i) => i.kind === 'table');
  if (t?.kind === 'table') {
    t.rows[0]!.cells[0] = { value: '=HYPERLINK("http://example.com")', status: null };
    t.rows[1]!.cells[1] = { value: -12, status: null };
    // White space ODF collapses unless spelled out: double spaces, leading spaces on a line. (Not a tab: LibreOffice
    // Calc drops tabs inside a cell whichever file it reads.)
    t.rows[2]!.cells[0] = { value: '2013  (revised)\n  second line', status: null };
  }
  return doc;
}

describe.skipIf(office === null)('LibreOffice reads our spreadsheets (skipped when LibreOffice is not installed)', () => {
  it('converts our XLSX without complaint, every cell, format and font as we wrote it', async () => {
    const doc = pack();
    const { wb, said } = await convertToXlsx('pack.xlsx', await packToXlsx(doc));
    expect(said).toMatch(/convert .*pack\.xlsx -> .*pack\.xlsx/);
    expect(said).not.toMatch(/error|repair|corrupt|could not be loaded/i);
    expect(expectSameCells(packWorkbook(doc), wb, 'XLSX')).toBeGreaterThan(20);
  }, 180_000);

  it('converts our ODS without complaint into the same workbook as the XLSX', async () => {
    const doc = pack();
    const { wb, said } = await convertToXlsx('pack.ods', packToOds(doc));
    expect(said).toMatch(/convert .*pack\.ods -> .*pack\.xlsx/);
    expect(said).not.toMatch(/error|repair|corrupt|could not be loaded/i);
    const ours = packWorkbook(doc);
    expect(expectSameCells(ours, wb, 'ODS')).toBeGreaterThan(20);
    // Alignment and wrap survive too: headings over numbers right-aligned, headings and row labels wrapped.
    const table = wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    const mine = ours.getWorksheet('Table_1') as ExcelJS.Worksheet;
    const header = Number(/^(\d+):/.exec(mine.pageSetup.printTitlesRow ?? '')?.[1]);
    expect(table.pageSetup.printTitlesRow).toBe(mine.pageSetup.printTitlesRow);
    for (let c = 1; c <= 5; c++) {
      expect(table.getCell(header, c).alignment?.wrapText, `heading ${c}`).toBe(true);
      expect(table.getCell(header, c).alignment?.horizontal ?? 'general', `heading ${c}`).toBe(c === 1 ? 'general' : 'right');
    }
    expect(table.getCell(header + 1, 1).alignment?.wrapText).toBe(true);
  }, 180_000);

  it('prints both files on A4 with no text past the page edge and every cover line in full', async () => {
    const doc = pack();
    const cover: string[] = [];
    packWorkbook(doc).getWorksheet('Cover')?.eachRow((row) => cover.push(row.getCell(1).text));
    const squeeze = (s: string): string => s.replace(/\s+/g, '');
    for (const [name, bytes] of [['print.xlsx', await packToXlsx(doc)], ['print.ods', packToOds(doc)]] as const) {
      const pages = await printed(convert(name, bytes, 'pdf').bytes);
      expect(pages.length, name).toBeGreaterThan(5);
      for (const [i, page] of pages.entries()) {
        expect(Math.round(page.width), `${name} page ${i + 1}`).toBe(595);
        expect(Math.round(page.height), `${name} page ${i + 1}`).toBe(842);
        for (const item of page.items) expect(item.right, `${name} page ${i + 1}: ${item.text}`).toBeLessThanOrEqual(page.width - 20);
      }
      const text = squeeze(pages.flatMap((p) => p.items.map((it) => it.text)).join(''));
      for (const line of cover) expect(text, `${name}: ${line}`).toContain(squeeze(line));
    }
  }, 180_000);
});
