// Import layer tests: the ODS repeat bomb — a few bytes of content.xml that SheetJS would write out as billions of
// cells — refused while the file streams past, and ordinary repeats (LibreOffice's empty trailing rows) let through.
import * as XLSX from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OdsCellCounter } from './ods-cells.ts';
import { readWorkbook } from './spreadsheet.ts';

const ROW = '<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="4"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row>';

/** A SheetJS-written ODS whose sheet gets `extra` XML after its last row. */
function odsWith(extra: string): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Year', 'Referrals'], [2022, 16938]]), 'Data');
  const files = unzipSync(new Uint8Array(XLSX.write(wb, { bookType: 'ods', type: 'array' }) as ArrayBuffer));
  const content = strFromU8(files['content.xml'] ?? new Uint8Array());
  files['content.xml'] = strToU8(content.replace('</table:table>', `${extra}</table:table>`));
  return zipSync(files);
}

describe('OdsCellCounter', () => {
  it('multiplies repeated rows by repeated cells that hold something, whatever the chunking', () => {
    const bytes = strToU8(`<office:body>${ROW}${ROW}<table:table-row><table:table-cell table:formula="of:=1"/></table:table-row></office:body>`);
    for (const size of [1, 7, 64, bytes.length]) {
      const counter = new OdsCellCounter(1_000);
      for (let p = 0; p < bytes.length; p += size) counter.push(bytes.subarray(p, p + size), p + size >= bytes.length);
      expect(counter.cells).toBe(3 * 4 * 2 + 1);
    }
  });

  it('says stop once past its limit', () => {
    const counter = new OdsCellCounter(20);
    expect(counter.push(strToU8(ROW))).toBe(true);
    expect(counter.push(strToU8(ROW))).toBe(false);
  });
});

describe('readWorkbook: ODS repeats', () => {
  it('refuses a repeated-cell bomb before SheetJS expands it', () => {
    const bomb = odsWith('<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="16384"><text:p>7</text:p></table:table-cell></table:table-row>');
    expect(bomb.length).toBeLessThan(20_000);
    const started = performance.now();
    expect(() => readWorkbook(bomb, 'bomb.ods')).toThrow(expect.objectContaining({ kind: 'expands-too-much', at: expect.objectContaining({ limit: '20,000,000 cells' }) }));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads an ODS with a million empty repeated rows below its table, as LibreOffice writes them', () => {
    const read = readWorkbook(odsWith('<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'), 'lo.ods');
    expect(read.sheets[0]).toMatchObject({ header: ['Year', 'Referrals'], rows: [[2022, 16938]] });
  });
});
