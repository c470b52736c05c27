// Import layer tests: real workbooks written in the test — an NRM-style XLSX laid out as the Analysis Function asks
// (cover, contents, notes, tables under titles, shorthand, total rows, formulas with and without cached results,
// dates) written with exceljs, ODS written by SheetJS — read back by readWorkbook.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from './spreadsheet.ts';
import type { GridTable } from './types.ts';

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function lines(ws: ExcelJS.Worksheet, texts: string[]): void {
  texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = t));
}

/** An NRM-style published workbook: Cover, Contents, Notes, two tables and an empty sheet. */
async function nrmWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  lines(wb.addWorksheet('Cover'), [
    'Modern Slavery: National Referral Mechanism and Duty to Notify statistics, UK, Quarter 1 2023',
    'About these tables',
    'These tables accompany the quarterly release.',
    'Contact: MSStats@example.gov.uk',
  ]);
  const contents = wb.addWorksheet('Contents');
  lines(contents, ['Contents', 'This worksheet contains one table.']);
  contents.addRow(['Sheet name', 'Sheet title']);
  contents.addRow(['Notes', 'Notes used in this workbook']);
  contents.addRow(['Table_1', 'Table 1: NRM referrals by quarter and age']);
  const notes = wb.addWorksheet('Notes');
  lines(notes, ['Notes', 'This worksheet contains one table.']);
  notes.addRow(['Note number', 'Note text']);
  notes.addRow(['[note 1]', 'Age at exploitation as reported by the first responder.']);
  notes.addRow(['[note 3]', 'Figures for 2023 are provisional.']);

  const t1 = wb.addWorksheet('Table_1');
  lines(t1, [
    'Table 1: NRM referrals by quarter and age at exploitation, UK, 2023',
    'This worksheet contains one table.',
    'Source: Home Office, National Referral Mechanism statistics',
    'Some cells show [c] instead of a figure. [c] means confidential.',
  ]);
  t1.addRow(['Quarter', 'Quarter end', 'Adult (18 or over)', 'Child (17 or under) [note 3]', 'Not specified\n[note 1]', 'Total']);
  const q = (label: string, end: Date, a: number | string, c: number | string, n: number | string) => t1.addRow([label, end, a, c, n]);
  q('2023 Q1', new Date(Date.UTC(2023, 2, 31)), 2342, 1668, '[c]');
  q('2023 Q2', new Date(Date.UTC(2023, 5, 30)), 2451, 1806, '[z]');
  q('2023 Q3', new Date(Date.UTC(2023, 8, 30)), 2287, 1794, '[c] ');
  q('2023 Q4', new Date(Date.UTC(2023, 11, 31, 23, 59, 59)), 2599, 1871, 0);
  for (let r = 6; r <= 9; r++) t1.getCell(r, 2).numFmt = r === 9 ? 'dd/mm/yyyy hh:mm:ss' : 'dd/mm/yyyy';
  t1.getCell('F6').value = { formula: 'SUM(C6:E6)', result: 4010 };
  t1.getCell('F7').value = { formula: 'SUM(C7:E7)' };
  t1.addRow(['Total', null, { formula: 'SUM(C6:C9)', result: 9679 }, 7139, '..', { formula: 'SUM(C10:E10)', result: 16818 }]);

  // A table that starts in column B, with footnotes under it after a blank row.
  const t2 = wb.addWorksheet('Table_2');
  t2.getCell('B1').value = 'Table 2: Referrals by exploitation type';
  t2.getRow(3).values = [null, 'Exploitation type', 'Referrals'];
  t2.getRow(4).values = [null, 'Labour', 1200];
  t2.getRow(5).values = [null, 'Sexual', 800];
  t2.getRow(6).values = [null, 'Total', 2000];
  t2.getCell('B8').value = 'Note: figures are rounded.';
  wb.addWorksheet('Empty');
  return bytesOf(wb);
}

const sheet = (read: { sheets: GridTable[] }, name: string): GridTable => {
  const s = read.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

describe('readWorkbook: an official-statistics XLSX', () => {
  it('skips cover, contents, notes and empty sheets and says so', async () => {
    const read = readWorkbook(await nrmWorkbook(), 'nrm.xlsx');
    expect(read.sheets.map((s) => s.name)).toEqual(['Table_1', 'Table_2']);
    expect(read.skipped).toEqual([
      { name: 'Cover', why: 'cover' },
      { name: 'Contents', why: 'contents' },
      { name: 'Notes', why: 'notes' },
      { name: 'Empty', why: 'empty' },
    ]);
    expect(read.warnings).toContainEqual({ kind: 'skipped-sheets', count: 4, examples: ['Cover (cover)', 'Contents (contents)', 'Notes (notes)', 'Empty (empty)'] });
    expect(read.detected).toEqual([{ label: 'Format', value: 'Excel workbook (XLSX)' }]);
  });

  it('finds the header below the title and note rows, and keeps those as title and notes', async () => {
    const t = sheet(readWorkbook(await nrmWorkbook(), 'nrm.xlsx'), 'Table_1');
    expect(t.title).toBe('Table 1: NRM referrals by quarter and age at exploitation, UK, 2023');
    expect(t.notes).toEqual([
      'This worksheet contains one table.',
      'Source: Home Office, National Referral Mechanism statistics',
      'Some cells show [c] instead of a figure. [c] means confidential.',
    ]);
    // Raw, line break and all; the shorthand warning names the column as the import will.
    expect(t.header).toEqual(['Quarter', 'Quarter end', 'Adult (18 or over)', 'Child (17 or under) [note 3]', 'Not specified\n[note 1]', 'Total']);
    expect(t.detected).toContainEqual({ label: 'Header row', value: 'row 5' });
  });

  it('keeps numbers, shorthand as its text, dates as ISO text, formulas as their text, and the total row', async () => {
    const t = sheet(readWorkbook(await nrmWorkbook(), 'nrm.xlsx'), 'Table_1');
    expect(t.rows).toEqual([
      ['2023 Q1', '2023-03-31', 2342, 1668, '[c]', '=SUM(C6:E6)'],
      ['2023 Q2', '2023-06-30', 2451, 1806, '[z]', '=SUM(C7:E7)'],
      ['2023 Q3', '2023-09-30', 2287, 1794, '[c] ', null],
      ['2023 Q4', '2023-12-31 23:59:59', 2599, 1871, 0, null],
      ['Total', null, '=SUM(C6:C9)', 7139, '..', '=SUM(C10:E10)'],
    ]);
  });

  it('warns about shorthand per column and about formulas, with cell references', async () => {
    const t = sheet(readWorkbook(await nrmWorkbook(), 'nrm.xlsx'), 'Table_1');
    expect(t.warnings).toContainEqual({ kind: 'shorthand', count: 4, examples: ['"[c]" 2 times', '"[z]" once', '".." once'], column: 'Not specified [note 1]' });
    expect(t.warnings).toContainEqual({
      kind: 'formula-cells',
      count: 4,
      examples: ['Table_1!F6: =SUM(C6:E6)', 'Table_1!F7: =SUM(C7:E7)', 'Table_1!C10: =SUM(C6:C9)', 'Table_1!F10: =SUM(C10:E10)'],
    });
  });

  it('reads a table that starts in column B, with footnotes under it kept as notes', async () => {
    const t = sheet(readWorkbook(await nrmWorkbook(), 'nrm.xlsx'), 'Table_2');
    expect(t.title).toBe('Table 2: Referrals by exploitation type');
    expect(t.header).toEqual(['Exploitation type', 'Referrals']);
    expect(t.rows).toEqual([['Labour', 1200], ['Sexual', 800], ['Total', 2000]]);
    expect(t.notes).toEqual(['Note: figures are rounded.']);
    expect(t.warnings).toEqual([]);
  });

  it('reports links to other workbooks without following them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Area', 'Referrals']);
    ws.addRow(['North', { formula: '[1]Sheet1!B2', result: 5 }]);
    const files = unzipSync(await bytesOf(wb));
    files['xl/externalLinks/externalLink1.xml'] = new TextEncoder().encode('<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    const read = readWorkbook(zipSync(files), 'linked.xlsx');
    expect(read.warnings).toContainEqual({ kind: 'external-links', count: 1, examples: ['Data!B2: =[1]Sheet1!B2'] });
    expect(read.sheets[0]?.rows).toEqual([['North', '=[1]Sheet1!B2']]);
  });

  it('reads a plain sheet with its header in row 1', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('referrals');
    ws.addRow(['year', 'referrals', 'flag']);
    ws.addRow([2022, 16938, true]);
    ws.addRow([2023, 17004, false]);
    const t = readWorkbook(await bytesOf(wb), 'plain.xlsx').sheets[0];
    expect(t).toMatchObject({ name: 'referrals', header: ['year', 'referrals', 'flag'], rows: [[2022, 16938, true], [2023, 17004, false]], notes: [] });
    expect(t?.title).toBeUndefined();
  });

  it('refuses a workbook with no table sheet', async () => {
    const wb = new ExcelJS.Workbook();
    lines(wb.addWorksheet('Cover'), ['A title', 'Some prose.']);
    await expect(async () => readWorkbook(await bytesOf(wb), 'cover-only.xlsx')).rejects.toMatchObject({ kind: 'no-sheets' });
  });
});

describe('readWorkbook: ODS', () => {
  function odsOf(sheets: Record<string, unknown[][]>): Uint8Array {
    const wb = XLSX.utils.book_new();
    for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), name);
    return new Uint8Array(XLSX.write(wb, { bookType: 'ods', type: 'array' }) as ArrayBuffer);
  }

  it('reads an ODS table under its title, with notes and cover sheets skipped', () => {
    const bytes = odsOf({
      Cover: [['NRM statistics'], ['About these tables']],
      Notes: [['Notes'], ['Note number', 'Note text'], ['[note 1]', 'Provisional.']],
      Table_1: [
        ['Table 1: NRM referrals by nationality'],
        ['Source: Home Office'],
        ['Nationality', 'Referrals', 'Date'],
        ['UK', 4746, new Date(Date.UTC(2023, 2, 31))],
        ['Albania', '[c]', new Date(Date.UTC(2023, 5, 30))],
        ['Total', 4746, null],
      ],
    });
    const read = readWorkbook(bytes, 'nrm.ods');
    expect(read.detected).toEqual([{ label: 'Format', value: 'OpenDocument spreadsheet (ODS)' }]);
    expect(read.skipped.map((s) => s.why)).toEqual(['cover', 'notes']);
    const t = read.sheets[0];
    expect(t).toMatchObject({ name: 'Table_1', title: 'Table 1: NRM referrals by nationality', notes: ['Source: Home Office'], header: ['Nationality', 'Referrals', 'Date'] });
    expect(t?.rows).toEqual([['UK', 4746, '2023-03-31'], ['Albania', '[c]', '2023-06-30'], ['Total', 4746, null]]);
    expect(t?.warnings).toContainEqual({ kind: 'shorthand', count: 1, examples: ['"[c]" once'], column: 'Referrals' });
  });
});
