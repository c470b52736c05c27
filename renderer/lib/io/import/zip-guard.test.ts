// Import layer tests: the bad-file corpus for workbooks, each refused with the right ImportError kind before SheetJS
// expands anything — truncated and corrupt XLSX and ODS, zip bombs (declared and lying), password-protected XLSX
// and ODS, and files that are not workbooks — plus an old binary XLS, which is let through and read.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from './spreadsheet.ts';
import { guardWorkbook, readZipDirectory, WORKBOOK_LIMITS } from './zip-guard.ts';

const MiB = 1024 * 1024;

async function smallXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(['Year', 'Referrals']);
  for (let y = 2011; y <= 2023; y++) ws.addRow([y, y * 7]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function smallOds(compression = false): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Year', 'Referrals'], [2022, 16938], [2023, 17004]]), 'Data');
  return new Uint8Array(XLSX.write(wb, { bookType: 'ods', type: 'array', compression }) as ArrayBuffer);
}

/** Runs fn and returns the ImportError's kind (and limit), or 'no error'. */
function refusal(fn: () => unknown): { kind: string; limit?: string } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    const err = e as { kind?: string; at?: { limit?: string }; message: string };
    if (!err.kind) throw e;
    return err.at?.limit ? { kind: err.kind, limit: err.at.limit } : { kind: err.kind };
  }
}

/** Overwrites an entry's compressed data with 0xFF bytes: a deflate block of the invalid type 3. */
function spoilEntry(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const entry = readZipDirectory(out, 'x').find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const view = new DataView(out.buffer);
  const start = entry.localOffset + 30 + view.getUint16(entry.localOffset + 26, true) + view.getUint16(entry.localOffset + 28, true);
  out.fill(0xff, start, start + entry.compressedSize);
  return out;
}

/** Sets the expanded size an entry declares, in both its local header and the central directory. */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const entry = readZipDirectory(out, 'x').find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  view.setUint32(entry.localOffset + 22, size, true);
  for (let p = 0; p + 4 <= out.length; p++) {
    if (view.getUint32(p, true) === 0x02014b50 && view.getUint32(p + 42, true) === entry.localOffset) view.setUint32(p + 24, size, true);
  }
  return out;
}

describe('guardWorkbook: truncated and corrupt files', () => {
  it('refuses a truncated XLSX and a truncated ODS as truncated', async () => {
    const xlsx = await smallXlsx();
    expect(refusal(() => readWorkbook(xlsx.subarray(0, Math.floor(xlsx.length * 0.6)), 'cut.xlsx'))).toEqual({ kind: 'truncated' });
    expect(refusal(() => readWorkbook(xlsx.subarray(0, 5), 'cut.xlsx'))).toEqual({ kind: 'truncated' });
    const ods = smallOds();
    expect(refusal(() => readWorkbook(ods.subarray(0, ods.length - 30), 'cut.ods'))).toEqual({ kind: 'truncated' });
  });

  it('refuses an XLSX and an ODS whose compressed data is damaged as corrupt', async () => {
    const xlsx = spoilEntry(await smallXlsx(), 'xl/worksheets/sheet1.xml');
    expect(refusal(() => readWorkbook(xlsx, 'bad.xlsx'))).toEqual({ kind: 'corrupt' });
    expect(refusal(() => readWorkbook(spoilEntry(smallOds(true), 'content.xml'), 'bad.ods'))).toEqual({ kind: 'corrupt' });
    // Stored (not deflated) and damaged: the zip is sound, the sheet XML is not.
    expect(refusal(() => readWorkbook(spoilEntry(smallOds(false), 'content.xml'), 'bad.ods'))).toEqual({ kind: 'corrupt' });
  });

  it('refuses a zip whose central directory is damaged as corrupt', async () => {
    const bytes = (await smallXlsx()).slice();
    const view = new DataView(bytes.buffer);
    const end = bytes.length - 22;
    bytes.fill(0x41, view.getUint32(end + 16, true), view.getUint32(end + 16, true) + 8);
    expect(refusal(() => readWorkbook(bytes, 'bad.xlsx'))).toEqual({ kind: 'corrupt' });
  });

  it('refuses empty files, other zips and other files by what they are', () => {
    expect(refusal(() => readWorkbook(new Uint8Array(0), 'none.xlsx'))).toEqual({ kind: 'empty' });
    expect(refusal(() => readWorkbook(zipSync({ 'word/document.xml': strToU8('<w:document/>'), '[Content_Types].xml': strToU8('<Types/>') }), 'memo.xlsx'))).toEqual({ kind: 'unknown-format' });
    expect(refusal(() => readWorkbook(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), 'chart.xlsx'))).toEqual({ kind: 'unknown-format' });
    expect(refusal(() => readWorkbook(strToU8('year,referrals\n2023,17004\n'), 'really.csv.xlsx'))).toEqual({ kind: 'unknown-format' });
  });
});

describe('guardWorkbook: zip bombs', () => {
  it('refuses an entry declaring 2 GiB before expanding anything', async () => {
    const bomb = declareSize(await smallXlsx(), 'xl/worksheets/sheet1.xml', 2 * 1024 * MiB);
    expect(bytesSmall(bomb)).toBe(true);
    expect(refusal(() => guardWorkbook(bomb, 'bomb.xlsx'))).toEqual({ kind: 'expands-too-much', limit: '1 GiB' });
  });

  it('refuses zeros packed into a tiny file by its ratio (honest headers; the ratio applies past a floor, here 8 MiB)', () => {
    const zeros = new Uint8Array(16 * MiB);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': zeros }, { level: 1 });
    expect(bomb.length).toBeLessThan(MiB / 4);
    const r = refusal(() => readWorkbook(bomb, 'zeros.xlsx', { ...WORKBOOK_LIMITS, ratioFloor: 8 * MiB }));
    expect(r).toMatchObject({ kind: 'expands-too-much' });
    expect(r !== 'no error' && r.limit).toMatch(/^200 times the file's size/);
  });

  it('refuses an entry that expands past the small size its headers declare, without expanding it all', () => {
    const zeros = new Uint8Array(8 * MiB);
    const honest = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': zeros }, { level: 1 });
    const liar = declareSize(honest, 'xl/worksheets/sheet1.xml', 1000);
    const started = performance.now();
    expect(refusal(() => guardWorkbook(liar, 'liar.xlsx'))).toEqual({ kind: 'corrupt' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads ZIP64 sizes: an entry declaring 5 GiB in its ZIP64 extra field is refused', () => {
    const name = strToU8('xl/worksheets/sheet1.xml');
    const data = strToU8('<worksheet/>');
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 45, true);
    lv.setUint32(18, 0xffffffff, true);
    lv.setUint32(22, 0xffffffff, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length + 20);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(6, 45, true);
    cv.setUint32(20, 0xffffffff, true);
    cv.setUint32(24, 0xffffffff, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, 20, true);
    central.set(name, 46);
    cv.setUint16(46 + name.length, 0x0001, true);
    cv.setUint16(48 + name.length, 16, true);
    cv.setBigUint64(50 + name.length, 5n * 1024n ** 3n, true);
    cv.setBigUint64(58 + name.length, BigInt(data.length), true);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length, true);
    const zip = new Uint8Array([...local, ...central, ...end]);
    expect(readZipDirectory(zip, 'z64.xlsx')).toEqual([{ name: 'xl/worksheets/sheet1.xml', flags: 0, method: 0, compressedSize: data.length, size: 5 * 1024 ** 3, localOffset: 0 }]);
    expect(refusal(() => guardWorkbook(zip, 'z64.xlsx'))).toEqual({ kind: 'expands-too-much', limit: '1 GiB' });
  });

  it('lets a workbook of ordinary size and ratio through', async () => {
    const guard = guardWorkbook(await smallXlsx(), 'ok.xlsx');
    expect(guard.kind).toBe('zip');
    expect(guard.kind === 'zip' && guard.entries.map((e) => e.name)).toContain('xl/workbook.xml');
  });
});

function bytesSmall(b: Uint8Array): boolean {
  return b.length < 64 * 1024;
}

describe('guardWorkbook: passwords and old binary workbooks', () => {
  it('refuses a password-protected XLSX (an OLE file holding EncryptionInfo) as password', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, 0x3c, 0x3f, 0x78, 0x6d, 0x6c]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(4096).fill(0x5a));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayLike<number>);
    expect(refusal(() => readWorkbook(bytes, 'secret.xlsx'))).toEqual({ kind: 'password' });
  });

  it('refuses an ODS whose manifest lists encrypted parts as password', () => {
    const files = unzipSync(smallOds());
    files['META-INF/manifest.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>',
    );
    expect(refusal(() => readWorkbook(zipSync(files), 'secret.ods'))).toEqual({ kind: 'password' });
  });

  it('refuses a zip with encrypted entries as password', async () => {
    const bytes = (await smallXlsx()).slice();
    const view = new DataView(bytes.buffer);
    for (let p = 0; p + 4 <= bytes.length; p++) if (view.getUint32(p, true) === 0x02014b50) view.setUint16(p + 8, view.getUint16(p + 8, true) | 1, true);
    expect(refusal(() => readWorkbook(bytes, 'zipcrypto.xlsx'))).toEqual({ kind: 'password' });
  });

  it('reads an old binary XLS (OLE without encryption) with SheetJS', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Table 1: Referrals'], ['Year', 'Referrals'], [2022, 16938], [2023, '[c]']]), 'Table_1');
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'array' }) as ArrayBuffer);
    expect(guardWorkbook(bytes, 'old.xls')).toEqual({ kind: 'cfb' });
    const read = readWorkbook(bytes, 'old.xls');
    expect(read.detected).toEqual([{ label: 'Format', value: 'Excel 97–2003 workbook (XLS)' }]);
    expect(read.sheets[0]).toMatchObject({ title: 'Table 1: Referrals', header: ['Year', 'Referrals'], rows: [[2022, 16938], [2023, '[c]']] });
  });
});
