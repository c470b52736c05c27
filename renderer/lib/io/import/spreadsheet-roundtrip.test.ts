// Import layer tests: second writers. Our own pack export (renderer/lib/io/xlsx.ts) read back gives the same figures,
// shorthand and total rows; and a workbook converted by LibreOffice (a real ODS writer, when `soffice` is installed)
// reads as the XLSX it came from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../pack/sample-document.ts';
import { shorthand } from '../../sdc/status.ts';
import { packToXlsx } from '../xlsx.ts';
import { headerWithUnit } from '../xlsx-table.ts';
import { readWorkbook } from './spreadsheet.ts';

describe('readWorkbook: our own XLSX export, read back', () => {
  it('gives back every table with the same numbers, shorthand and total rows', async () => {
    const doc = sampleDocument(2);
    const read = readWorkbook(await packToXlsx(doc), 'pack.xlsx');
    expect(read.skipped).toEqual([
      { name: 'Cover', why: 'cover' },
      { name: 'Contents', why: 'contents' },
      { name: 'Notes', why: 'notes' },
    ]);
    expect(read.sheets.map((s) => s.name)).toEqual(['Table_1', 'Table_2', 'Provenance']);
    const tables = doc.items.filter((i) => i.kind === 'table');
    tables.forEach((table, i) => {
      const sheet = read.sheets[i];
      expect(sheet?.title).toBe(`Table ${table.number}: ${table.caption}`);
      expect(sheet?.notes).toContain(table.source);
      expect(sheet?.header).toEqual(table.columns.map(headerWithUnit));
      expect(sheet?.rows).toEqual(table.rows.map((r) => r.cells.map((c) => shorthand(c.status) ?? c.value)));
      expect(sheet?.warnings).toEqual([{ kind: 'shorthand', count: 2, examples: ['"[c]" 2 times'], column: 'Not specified or unknown (number of referrals)' }]);
    });
    expect(read.sheets[0]?.rows.at(-1)).toEqual(['Total', 2564, 1122, 0, 3686]);
  });
});

function soffice(): string | null {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

async function publishedXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Notes']);
  notes.addRow(['Note number', 'Note text']);
  notes.addRow(['[note 1]', 'Provisional.']);
  const ws = wb.addWorksheet('Table_1');
  ws.addRow(['Table 1: NRM referrals by quarter, UK, 2023']);
  ws.addRow(['Source: Home Office']);
  ws.addRow(['Quarter', 'Quarter end', 'Referrals [note 1]', 'Of which children']);
  ws.addRow(['2023 Q1', new Date(Date.UTC(2023, 2, 31)), 4746, '[c]']);
  ws.addRow(['2023 Q2', new Date(Date.UTC(2023, 5, 30)), 4989, 1806]);
  ws.addRow(['Total', null, { formula: 'SUM(C4:C5)', result: 9735 }, '[x]']);
  for (const r of [4, 5]) ws.getCell(r, 2).numFmt = 'dd/mm/yyyy';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const office = soffice();

describe('readWorkbook: an ODS written by LibreOffice', () => {
  it.skipIf(office === null)('reads as the XLSX it was converted from (skipped when LibreOffice is not installed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-soffice-'));
    try {
      const xlsx = await publishedXlsx();
      writeFileSync(join(dir, 'nrm.xlsx'), xlsx);
      execFileSync(office ?? 'soffice', ['-env:UserInstallation=file://' + join(dir, 'profile'), '--headless', '--convert-to', 'ods', '--outdir', dir, join(dir, 'nrm.xlsx')], { timeout: 120_000, stdio: 'ignore' });
      const ods = readWorkbook(new Uint8Array(readFileSync(join(dir, 'nrm.ods'))), 'nrm.ods');
      const original = readWorkbook(xlsx, 'nrm.xlsx');
      expect(ods.detected).toEqual([{ label: 'Format', value: 'OpenDocument spreadsheet (ODS)' }]);
      expect(ods.skipped).toEqual([{ name: 'Notes', why: 'notes' }]);
      const [t] = ods.sheets;
      expect(t).toMatchObject({ name: 'Table_1', title: 'Table 1: NRM referrals by quarter, UK, 2023', notes: ['Source: Home Office'] });
      expect(t?.header).toEqual(['Quarter', 'Quarter end', 'Referrals [note 1]', 'Of which children']);
      expect(t?.rows).toEqual([
        ['2023 Q1', '2023-03-31', 4746, '[c]'],
        ['2023 Q2', '2023-06-30', 4989, 1806],
        ['Total', null, '=SUM(C4:C5)', '[x]'],
      ]);
      expect(t?.rows).toEqual(original.sheets[0]?.rows);
      expect(t?.warnings).toContainEqual({ kind: 'formula-cells', count: 1, examples: ['Table_1!C6: =SUM(C4:C5)'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
