// IO layer tests: the workbook file's container. Saving is deterministic and reads back whole; hostile files — built
// with fflate and then edited by hand where their headers must lie — are each refused with their kind before
// anything is kept.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  readWorkbookZip,
  tableEntryName,
  WORKBOOK_FILE_LIMITS,
  WorkbookFileError,
  writeWorkbookZip,
  type WorkbookFileErrorKind,
} from './workbook-zip.ts';
import { readZipDirectory } from './zip-read.ts';

const MiB = 1024 * 1024;
const MANIFEST = '{"format":"idmg-workbook","version":1,"tables":[]}';
const enc = new TextEncoder();

function refusal(fn: () => unknown): WorkbookFileErrorKind | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof WorkbookFileError) return e.kind;
    throw e;
  }
}

const zip = (files: Zippable) => zipSync(files, { level: 6 });

/** Sets the expanded size an entry declares, in its local header and in the central directory. */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const entry = readZipDirectory(out).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  view.setUint32(entry.localOffset + 22, size, true);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (view.getUint32(p, true) === 0x02014b50 && view.getUint32(p + 42, true) === entry.localOffset) view.setUint32(p + 24, size, true);
  }
  return out;
}

/** Replaces every occurrence of one name's bytes by another of the same length (local header, directory, or both). */
function rename(bytes: Uint8Array, from: string, to: string, where: 'local' | 'all' = 'all'): Uint8Array {
  const out = bytes.slice();
  const a = enc.encode(from);
  const b = enc.encode(to);
  if (a.length !== b.length) throw new Error('same length only');
  for (let p = 0; p + a.length <= out.length; p++) {
    if (a.every((x, i) => out[p + i] === x)) {
      out.set(b, p);
      if (where === 'local') break; // the local header comes first
    }
  }
  return out;
}

/** Edits a field of an entry's central directory record (offset from the record's start). */
function patchCentral(bytes: Uint8Array, name: string, field: number, value: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const entry = readZipDirectory(out).find((e) => e.name === name)!;
  for (let p = 0; p + 46 <= out.length; p++) {
    if (view.getUint32(p, true) === 0x02014b50 && view.getUint32(p + 42, true) === entry.localOffset) view.setUint16(p + field, value, true);
  }
  return out;
}

describe('writeWorkbookZip', () => {
  const tables = [
    { entry: tableEntryName('t1'), bytes: enc.encode('"1","a"\n"2","b"\n') },
    { entry: tableEntryName('referrals_2023'), bytes: enc.encode('"x"\n') },
  ];

  it('writes workbook.json first, then the tables, and reads them back byte for byte', () => {
    const bytes = writeWorkbookZip(MANIFEST, tables);
    expect(readZipDirectory(bytes).map((e) => [e.name, e.method])).toEqual([
      ['workbook.json', 8],
      ['tables/t1.csv', 8],
      ['tables/referrals_2023.csv', 8],
    ]);
    const { manifestText, entries } = readWorkbookZip(bytes);
    expect(manifestText).toBe(MANIFEST);
    expect([...entries.keys()]).toEqual(['tables/t1.csv', 'tables/referrals_2023.csv']);
    expect(entries.get('tables/t1.csv')).toEqual(tables[0]!.bytes);
  });

  it('gives the same bytes for the same workbook saved twice, a second apart', async () => {
    const first = writeWorkbookZip(MANIFEST, tables);
    await new Promise((r) => setTimeout(r, 1100));
    expect(writeWorkbookZip(MANIFEST, tables)).toEqual(first);
    expect(writeWorkbookZip(MANIFEST.replace('1', '2'), tables)).not.toEqual(first);
  });

  it('refuses table entries it would itself refuse to read', () => {
    expect(refusal(() => writeWorkbookZip(MANIFEST, [{ entry: 'tables/../x.csv', bytes: new Uint8Array(1) }]))).toBe('unsafe-entry-name');
    expect(refusal(() => writeWorkbookZip(MANIFEST, [{ entry: 'workbook.json', bytes: new Uint8Array(1) }]))).toBe('unsafe-entry-name');
    expect(refusal(() => writeWorkbookZip(MANIFEST, [tables[0]!, tables[0]!]))).toBe('duplicate-entry');
    expect(refusal(() => tableEntryName('a/b'))).toBe('unsafe-entry-name');
    expect(refusal(() => tableEntryName(''))).toBe('unsafe-entry-name');
  });
});

describe('readWorkbookZip: files that are not whole workbooks', () => {
  const good = writeWorkbookZip(MANIFEST, [{ entry: 'tables/t.csv', bytes: enc.encode('"1"\n'.repeat(1000)) }]);

  it('refuses an empty file, random bytes, and a file that only starts like a zip', () => {
    expect(refusal(() => readWorkbookZip(new Uint8Array(0)))).toBe('empty');
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expect(refusal(() => readWorkbookZip(random))).toBe('not-a-zip');
    expect(refusal(() => readWorkbookZip(enc.encode('{"a":1}')))).toBe('not-a-zip');
    expect(refusal(() => readWorkbookZip(enc.encode('PK\u0003\u0004 and then nothing')))).toBe('truncated');
  });

  it('refuses a truncated file, and one whose compressed data is damaged', () => {
    expect(refusal(() => readWorkbookZip(good.subarray(0, Math.floor(good.length * 0.7))))).toBe('truncated');
    expect(refusal(() => readWorkbookZip(good.subarray(0, good.length - 10)))).toBe('truncated');
    const spoilt = good.slice();
    const table = readZipDirectory(spoilt)[1]!;
    spoilt.fill(0xff, table.localOffset + 30 + 'tables/t.csv'.length, table.localOffset + 30 + 'tables/t.csv'.length + 8);
    expect(refusal(() => readWorkbookZip(spoilt))).toBe('corrupt');
  });

  it('refuses a zip without workbook.json, and one holding only an unexpected entry', () => {
    expect(refusal(() => readWorkbookZip(zip({ 'tables/t.csv': strToU8('"1"\n') })))).toBe('no-manifest');
    expect(refusal(() => readWorkbookZip(zip({ 'notes.txt': strToU8('hello') })))).toBe('unexpected-entry');
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/t.parquet': strToU8('PAR1') })))).toBe('unexpected-entry');
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/sub/t.csv': strToU8('x') })))).toBe('unexpected-entry');
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': strToU8(MANIFEST), mimetype: strToU8('application/zip') })))).toBe('unexpected-entry');
  });

  it('refuses a manifest that is not UTF-8 JSON text', () => {
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })))).toBe('manifest-not-json-text');
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': strToU8('<workbook/>') })))).toBe('manifest-not-json-text');
    expect(readWorkbookZip(zip({ 'workbook.json': strToU8(`\uFEFF ${MANIFEST}`) })).manifestText).toBe(` ${MANIFEST}`);
  });

  it('refuses encryption and compression methods the workbench never writes', () => {
    expect(refusal(() => readWorkbookZip(patchCentral(good, 'tables/t.csv', 8, 1)))).toBe('encrypted-or-unsupported');
    expect(refusal(() => readWorkbookZip(patchCentral(good, 'tables/t.csv', 10, 12)))).toBe('encrypted-or-unsupported'); // bzip2
  });
});

describe('readWorkbookZip: entry names', () => {
  const withName = (name: string) => zip({ 'workbook.json': strToU8(MANIFEST), [name]: strToU8('"1"\n') });

  it.each([
    ['tables/../../evil.csv', 'climbs out'],
    ['../evil.csv', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['tables\\evil.csv', 'backslash'],
    ['C:/evil.csv', 'drive letter'],
    ['tables/t.csv\u0000.exe', 'NUL'],
    ['tables//t.csv', 'empty part'],
    ['./workbook.json', 'dot part'],
  ])('refuses %j (%s)', (name) => {
    expect(refusal(() => readWorkbookZip(withName(name)))).toBe('unsafe-entry-name');
  });

  it('refuses a local header that names another file than the directory does', () => {
    const bytes = rename(withName('tables/aa.csv'), 'tables/aa.csv', '../../evil.xx', 'local');
    expect(readZipDirectory(bytes).map((e) => e.name)).toContain('tables/aa.csv');
    expect(refusal(() => readWorkbookZip(bytes))).toBe('unsafe-entry-name');
  });

  it('refuses two entries of the same name, or names differing only in case', () => {
    const twin = rename(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/a.csv': strToU8('1'), 'tables/b.csv': strToU8('2') }), 'tables/b.csv', 'tables/a.csv');
    expect(readZipDirectory(twin).map((e) => e.name)).toEqual(['workbook.json', 'tables/a.csv', 'tables/a.csv']);
    expect(refusal(() => readWorkbookZip(twin))).toBe('duplicate-entry');
    expect(refusal(() => readWorkbookZip(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/T.csv': strToU8('1'), 'tables/t.csv': strToU8('2') })))).toBe('duplicate-entry');
  });
});

describe('readWorkbookZip: sizes, declared and actual', () => {
  it('refuses a manifest declared as 1 KB that inflates to 100 MB', () => {
    const big = new Uint8Array(100 * MiB).fill(0x20);
    big[0] = 0x7b;
    const bytes = declareSize(zipSync({ 'workbook.json': [big, { level: 1 }] }), 'workbook.json', 1024);
    expect(refusal(() => readWorkbookZip(bytes))).toBe('zip-bomb');
  });

  it('refuses a "2 GB JSON" manifest by its declared size alone', () => {
    const bytes = declareSize(zip({ 'workbook.json': strToU8(MANIFEST) }), 'workbook.json', 2 ** 31);
    expect(refusal(() => readWorkbookZip(bytes))).toBe('too-large');
    // Honest headers: 65 MiB of JSON text (deflated to well under 1 MiB) passes the manifest limit as it inflates.
    const honest = zipSync({ 'workbook.json': [strToU8(`{"x":"${'a'.repeat(65 * MiB)}"}`), { level: 1 }] });
    expect(refusal(() => readWorkbookZip(honest))).toBe('too-large');
  });

  it('refuses a table entry declared at 2 GB: past the ratio, or past the total limit', () => {
    const bytes = declareSize(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/t.csv': strToU8('"1"\n') }), 'tables/t.csv', 2 ** 31);
    expect(refusal(() => readWorkbookZip(bytes))).toBe('zip-bomb');
    expect(refusal(() => readWorkbookZip(bytes, { ...WORKBOOK_FILE_LIMITS, maxExpanded: 1024 * MiB }))).toBe('too-large');
  });

  it('refuses a table that inflates past the size it declares', () => {
    const bytes = declareSize(zip({ 'workbook.json': strToU8(MANIFEST), 'tables/t.csv': new Uint8Array(MiB) }), 'tables/t.csv', 100);
    expect(refusal(() => readWorkbookZip(bytes))).toBe('zip-bomb');
  });

  it('refuses zeros packed far past the overall ratio (honest headers), and keeps a normal table', () => {
    const limits = { ...WORKBOOK_FILE_LIMITS, ratioFloor: MiB, maxRatio: 100 };
    const bomb = zip({ 'workbook.json': strToU8(MANIFEST), 'tables/t.csv': new Uint8Array(8 * MiB) });
    expect(bomb.length * 100).toBeLessThan(8 * MiB);
    expect(refusal(() => readWorkbookZip(bomb, limits))).toBe('zip-bomb');
    const rows = Array.from({ length: 50_000 }, (_, i) => `"${i}","${(i * 7919) % 1000}"\n`).join('');
    const table = zip({ 'workbook.json': strToU8(MANIFEST), 'tables/t.csv': strToU8(rows) });
    expect(new TextDecoder().decode(readWorkbookZip(table, limits).entries.get('tables/t.csv'))).toBe(rows);
  });

  it('refuses more entries than the limit', () => {
    const files: Zippable = { 'workbook.json': strToU8(MANIFEST) };
    for (let i = 0; i < 20; i++) files[`tables/t${i}.csv`] = strToU8('1');
    expect(refusal(() => readWorkbookZip(zip(files), { ...WORKBOOK_FILE_LIMITS, maxEntries: 10 }))).toBe('too-large');
    expect(readWorkbookZip(zip(files)).entries.size).toBe(20);
  });

  it('words every refusal for the analyst, with what to do', () => {
    const err = new WorkbookFileError('zip-bomb', 'tables/t.csv');
    expect(err.message).toMatch(/not opened/);
    expect(err.message).not.toMatch(/tables\/t\.csv/);
  });
});
