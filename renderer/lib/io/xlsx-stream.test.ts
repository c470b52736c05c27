// Import/export layer tests: the streamed result workbook (xlsx-stream.ts) on its own — its small rules (column
// letters, significant digits, OOXML escapes) and the file read back by two second readers: exceljs, and LibreOffice
// headless converting it to CSV (which decodes the _xHHHH_ escapes as Excel does). LibreOffice's part is skipped
// where `soffice` is not installed (.ci/run installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, significantDigits, xmlText, XlsxResultWriter, XlsxValueError, type XlsxColumn } from './xlsx-stream.ts';

const office = (() => {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();

const COLUMNS: XlsxColumn[] = [
  { header: 'Force', kind: 'text' },
  { header: 'Cases', kind: 'number' },
  { header: 'Referred', kind: 'date' },
  { header: 'Flag', kind: 'boolean' },
];
const ROWS: (string | null)[][] = [
  ['Kent', '12', '2024-03-31', 'true'],
  ['=SUM(A1)\u0007', '-0.125', '1899-12-31', null],
  [null, '123456789012345678', 'infinity', 'false'],
];

async function write(rows: (string | null)[][], columns = COLUMNS): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = new XlsxResultWriter({ columns, preface: [], about: ['About this export', 'SELECT 1'], widths: columns.map(() => 12) }, (c) => parts.push(c));
  writer.rows(rows.length, (r, c) => rows[r]![c]!);
  await writer.finish();
  return new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

describe('the streamed result workbook', () => {
  it('names columns, counts significant digits and escapes what XML cannot hold', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(['0', '-0.00125', '1200', '123456789012345', '1234567890123456', '1.5e+20'].map(significantDigits)).toEqual([0, 3, 2, 15, 16, 2]);
    expect(xmlText('a<b & "c" \u0001 _x0041_')).toBe('a&lt;b &amp; "c" _x0001_ _x005F_x0041_');
  });

  it('is read by exceljs: text, numbers in full or as text past 15 digits, dates, booleans, blanks for NULL', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await write(ROWS)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Result')!;
    const values = [1, 2, 3, 4].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(values).toEqual([
      ['Force', 'Cases', 'Referred', 'Flag'],
      ['Kent', 12, new Date(Date.UTC(2024, 2, 31)), true],
      ['=SUM(A1)_x0007_', -0.125, '1899-12-31'],
      [undefined, '123456789012345678', 'infinity', false],
    ]);
    expect(wb.getWorksheet('About')!.getColumn(1).values.filter(Boolean)).toContain('1 number has more than 15 significant digits, more than a spreadsheet keeps: written as text, so that no digit is lost.');
  });

  it('refuses text longer than a cell holds, naming its row and column', async () => {
    await expect(write([['x'.repeat(32_768), '1', null, null]])).rejects.toThrow(XlsxValueError);
    await expect(write([['x'.repeat(32_768), '1', null, null]])).rejects.toThrow('Row 1 of column “Force”');
  });

  it.skipIf(!office)('opens in LibreOffice, which reads every cell as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idmg-xlsx-stream-'));
    try {
      writeFileSync(join(dir, 'result.xlsx'), await write(ROWS));
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1';
      const run = spawnSync(office!, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', join(dir, 'out'), join(dir, 'result.xlsx')], { encoding: 'utf8', timeout: 150_000 });
      const csv = join(dir, 'out', 'result.csv');
      expect(existsSync(csv), `${run.stdout}\n${run.stderr}`).toBe(true);
      // LibreOffice quotes the cells it holds as text: numbers, dates and booleans come out bare. The escaped U+0007
      // is decoded back to the character, never left as "_x0007_"; the formula-like text stays text.
      expect(readFileSync(csv, 'utf8').split(/\r?\n/).slice(0, 4)).toEqual([
        '"Force","Cases","Referred","Flag"',
        '"Kent",12,2024-03-31,TRUE',
        '"=SUM(A1)\u0007",-0.125,"1899-12-31",',
        ',"123456789012345678","infinity",FALSE',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
