// Import/export layer tests: the Table_n worksheets of the XLSX export, read back cell by cell against the pack
// document — one header row with units, numbers stored as numbers with their formats, shorthand as text, blank cells
// explained, first-level row labels and subtotal and total rows in bold, print titles — and nothing dropped.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DocTable, DocTableRow, PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { PRIMARY, SECONDARY, status } from '../sdc/status.ts';
import { packToXlsx } from './xlsx.ts';
import { type Readback, readBack, refRows } from './xlsx-readback.ts';
import { headerWithUnit } from './xlsx-table.ts';

const tablesOf = (doc: PackDocument): DocTable[] => doc.items.filter((i) => i.kind === 'table');

/** Checks a Table_n sheet against its DocTable: header row, every cell, formats, bold totals. */
function expectSheetMatches(back: Readback, sheet: string, t: DocTable): void {
  const ws = back.wb.getWorksheet(sheet) as ExcelJS.Worksheet;
  expect(ws.getCell('A1').text).toBe(`Table ${t.number}: ${t.caption}`);
  const [raw] = back.tables(sheet);
  const { first, last, width } = refRows(raw?.ref ?? '');
  expect(last - first).toBe(t.rows.length);
  expect(width).toBe(t.columns.length);
  expect(raw?.columns).toEqual(t.columns.map(headerWithUnit));
  t.rows.forEach((row, i) => {
    row.cells.forEach((cell, c) => {
      const out = ws.getCell(first + 1 + i, c + 1);
      const where = `${sheet} ${out.address}`;
      const col = t.columns[c];
      if (cell.status?.code === 'c' || cell.status?.code === 'x' || cell.status?.code === 'z') {
        expect(out.value, where).toBe(`[${cell.status.code}]`);
        expect(out.alignment?.horizontal, where).toBe('right');
      } else if (typeof cell.value === 'number') {
        expect(out.value, where).toBe(cell.value);
        expect(out.type, where).toBe(2); // ExcelJS.ValueType.Number
        if (col?.numberFormat !== '@') expect(out.numFmt, where).toContain(col?.numberFormat);
      } else {
        expect(out.value ?? null, where).toBe(cell.value === '' ? null : cell.value);
      }
      // Totals in bold, and the first level of row labels (column A), as gptables' default theme has it.
      if (row.kind !== 'item' || (c === 0 && col?.kind === 'label')) expect(out.font?.bold, where).toBe(true);
      else expect(out.font?.bold ?? false, where).toBe(false);
    });
  });
}

describe('packToXlsx: table worksheets', () => {
  it('writes the sample table cell by cell: numbers with #,##0, [c] as text, the grand total in bold', async () => {
    const doc = sampleDocument();
    const back = await read(doc);
    const [t] = tablesOf(doc);
    if (!t) throw new Error('sample has a table');
    expectSheetMatches(back, 'Table_1', t);
    const ws = back.wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    expect(ws.getRow(8).values).toEqual([
      undefined,
      'Year',
      'Adult (18 or over) (number of referrals)',
      'Child (17 or under) (number of referrals)',
      'Not specified or unknown (number of referrals)',
      'Total (number of referrals)',
    ]);
    expect(ws.getCell('B9').value).toBe(642);
    expect(ws.getCell('B9').numFmt).toBe('#,##0');
    expect(ws.getCell('D9').value).toBe('[c]');
    expect(ws.getRow(12).values).toEqual([undefined, 'Total', 2564, 1122, 0, 3686]);
    expect(ws.getCell('E12').font?.bold).toBe(true);
  });

  it('says above the table what the sheet holds, its source, notes and shorthand', async () => {
    const back = await read(sampleDocument());
    const ws = back.wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    const lines = [2, 3, 4, 5, 6, 7].map((r) => ws.getCell(r, 1).text);
    expect(lines).toEqual([
      'OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION',
      'This worksheet contains one table.',
      'Source: Home Office, National Referral Mechanism statistics (Q4 2023 release)',
      'This table refers to notes [note 1], which are in the Notes worksheet.',
      'Some cells show [c] instead of a figure. [c] means Confidential: withheld to protect the people the figures are about.',
      'Subtotal and total rows are included in the table and shown in bold.',
    ]);
    expect(back.links('Table_1').get('A5')).toBe("'Notes'!A1");
  });

  it('repeats the header when printed and sizes the columns', async () => {
    const back = await read(sampleDocument());
    const ws = back.wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    expect(back.files['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="3">&apos;Table_1&apos;!$8:$8</definedName>`);
    for (let c = 1; c <= 5; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(4).width).toBeGreaterThan(ws.getColumn(1).width ?? 0);
    expect(ws.getCell('B8').alignment?.wrapText).toBe(true);
  });

  it('writes every table of a pack with several tables to its own sheet, complete', async () => {
    const doc = sampleDocument(3);
    const back = await read(doc);
    tablesOf(doc).forEach((t, i) => expectSheetMatches(back, `Table_${i + 1}`, t));
    expect(new Set(['Table_1', 'Table_2', 'Table_3'].map((s) => back.tables(s)[0]?.name)).size).toBe(3);
  });

  it('keeps percentages, other shorthand, blank cells, subtotals, repeated headers and extra cells', async () => {
    const doc = sampleDocument();
    const row = (kind: DocTableRow['kind'], depth: number, ...cells: DocTableRow['cells']): DocTableRow => ({ kind, depth, cells });
    const t: DocTable = {
      ...(tablesOf(doc)[0] as DocTable),
      caption: 'Referrals by region and age: share of row total',
      columns: [
        { header: 'Region', kind: 'label', numberFormat: '@', unit: '' },
        { header: 'Year', kind: 'label', numberFormat: '@', unit: '' },
        { header: 'Adult: % of row total', kind: 'number', numberFormat: '#,##0.0', unit: '%' },
        { header: 'Child', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
        { header: 'Child', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
      ],
      rows: [
        row('item', 2, { value: 'London', status: null }, { value: 2011, status: null }, { value: 62.5, status: null }, { value: 12, status: status('p') }, { value: null, status: status('x') }),
        row('item', 2, { value: 'London', status: null }, { value: 2012, status: null }, { value: null, status: null }, { value: null, status: PRIMARY }, { value: null, status: status('z') }),
        row('subtotal', 1, { value: 'London', status: null }, { value: 'Total', status: null }, { value: 70.25, status: null }, { value: null, status: SECONDARY }, { value: 40, status: null }),
        row('total', 0, { value: 'Total', status: null }, { value: '', status: null }, { value: 100, status: null }, { value: 80, status: null }, { value: 41, status: null }, { value: 'extra', status: null }),
      ],
    };
    doc.items = [t];
    doc.shorthand = [];
    const back = await read(doc);
    const ws = back.wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    const [raw] = back.tables('Table_1');
    expect(raw?.columns).toEqual(['Region', 'Year', 'Adult: % of row total', 'Child (number of referrals)', 'Child (number of referrals) (2)', 'Column 6']);
    const { first, last } = refRows(raw?.ref ?? '');
    expect(last - first).toBe(4);
    const cell = (r: number, c: number): ExcelJS.Cell => ws.getCell(first + r, c);
    expect(cell(1, 2).value).toBe(2011);
    expect(cell(1, 3).value).toBe(62.5);
    expect(cell(1, 3).numFmt).toBe('#,##0.0');
    // [p] keeps its figure: still a number, the symbol shown by the number format.
    expect(cell(1, 4).value).toBe(12);
    expect(cell(1, 4).numFmt).toBe('#,##0" [p]"');
    expect(cell(1, 5).value).toBe('[x]');
    expect(cell(2, 3).value).toBeNull();
    expect(cell(2, 4).value).toBe('[c]');
    expect(cell(2, 5).value).toBe('[z]');
    expect(cell(3, 2).value).toBe('Total');
    expect(cell(3, 3).value).toBe(70.25);
    expect(cell(3, 1).font?.bold).toBe(true);
    expect(cell(4, 6).value).toBe('extra');
    expect(cell(4, 5).font?.bold).toBe(true);
    const text = [2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) => ws.getCell(r, 1).text);
    expect(text).toContain('Blank cells mean there is no figure for that cell.');
    // Meanings come from the status table when the pack's own list lacks a symbol.
    expect(text).toContain('Some cells show [p] instead of a figure. [p] means Provisional: the figure may change when final data are available.');
    expect(text.filter((l) => l.startsWith('Some cells show'))).toHaveLength(4);
    // The cover explains every symbol used, even when the pack's own list (emptied here) lacks them.
    const cover: string[] = [];
    back.wb.getWorksheet('Cover')?.eachRow((r) => cover.push(r.getCell(1).text));
    for (const symbol of ['[c]', '[x]', '[z]', '[p]']) expect(cover.some((l) => l.startsWith(`${symbol} `)), symbol).toBe(true);
  });

  it('splits text longer than an Excel cell holds over several provenance rows instead of cutting it', async () => {
    const doc = sampleDocument();
    const sql = `SELECT ${'x, '.repeat(20_000)}1`;
    doc.items = tablesOf(doc).map((t) => ({ ...t, provenance: { ...t.provenance, sql: [sql] } }));
    const back = await read(doc);
    const ws = back.wb.getWorksheet('Provenance') as ExcelJS.Worksheet;
    const parts: string[] = [];
    ws.eachRow((r) => {
      if (String(r.getCell(2).value).startsWith('SQL (part')) parts.push(String(r.getCell(3).value));
    });
    expect(parts).toHaveLength(2);
    expect(parts.join('')).toBe(sql);
  });

  it('writes a table without rows with a row that says so', async () => {
    const doc = sampleDocument();
    doc.items = tablesOf(doc).map((t) => ({ ...t, rows: [] }));
    const back = await read(doc);
    const [raw] = back.tables('Table_1');
    // Title, marking, "one table", source, notes; then the header row and the one row.
    expect(raw?.ref).toBe('A6:E7');
    expect(back.wb.getWorksheet('Table_1')?.getCell('A7').value).toBe('There are no rows in this table.');
  });
});

async function read(doc: PackDocument): Promise<Readback> {
  return readBack(await packToXlsx(doc));
}
