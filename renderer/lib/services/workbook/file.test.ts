// A workbook file through the real engine (duckdb-wasm's Node build): saved with an imported table and read into a
// second engine with every row equal; a file whose table was changed, or that holds data no table names, refused
// before anything loads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { newPack } from '../../pack/spec.ts';
import type { ImportRecord } from '../import/record.ts';
import { loadWorkbookTable, readWorkbookFile, writeWorkbookFile, type WorkbookContents } from './file.ts';
import { EmbeddedTableError } from './tables.ts';
import { WorkbookFormatError } from '../../workbook/spec.ts';

let saver: Engine;
let reader: Engine;
beforeAll(async () => {
  [saver, reader] = [newTestEngine(), newTestEngine()];
  await Promise.all([saver.open(), reader.open()]);
  await saver.query(`CREATE TABLE forces AS SELECT * FROM (VALUES ('Cleveland', 12, DATE '2023-10-01'), ('Kent', 7, NULL), ('Gwent', 1204, DATE '2023-12-31'), ('Dyfed ‘Powys’', NULL, DATE '2023-11-05')) t(force, referrals, referred)`);
});
afterAll(() => {
  saver.close();
  reader.close();
});

const record: ImportRecord = {
  version: 1, id: 'x', table: 'forces', title: 'Forces', description: '', notes: [], sheet: null, plan: null, importedAt: '2026-12-01', rows: 4, detected: [],
  file: { name: 'forces.xlsx', size: 1000, sha256: 'c'.repeat(64), modified: null, format: 'xlsx' },
  columns: [{ source: 'a', name: 'force', type: 'VARCHAR', dates: 'iso', original: 'Force' }, { source: 'b', name: 'referrals', type: 'BIGINT', dates: 'iso', original: 'Referrals' }, { source: 'c', name: 'referred', type: 'DATE', dates: 'iso', original: 'Referred' }],
  stored: { kind: 'table', sha256: 'd'.repeat(64), rows: 4, columns: [] },
};
const contents: WorkbookContents = { name: 'Forces check', savedQueries: [], savedPivots: [], tabs: [], packs: [newPack('2026-12-01')], notes: '', builtin: [], imported: [record] };
const rows = async (engine: Engine) => (await engine.query('SELECT * FROM forces ORDER BY ALL')).table.toArray().map((r) => JSON.stringify(r));

describe('workbook files', () => {
  it('save an imported table and open it in another engine with every row equal, keeping its provenance', async () => {
    const written = await writeWorkbookFile(saver, contents, { savedAt: '2026-12-02T09:00:00.000Z', appVersion: 'test' });
    const opened = await readWorkbookFile(written.bytes);
    const [table] = opened.workbook.datasets.imported;
    expect(table!.record).not.toHaveProperty('stored');
    expect(table!.record.file.name).toBe('forces.xlsx');
    expect(table!.rows).toBe(4);
    await loadWorkbookTable(reader, table!, opened.tables.get('forces')!);
    expect(await rows(reader)).toEqual(await rows(saver));
    // Saving the same contents again gives the same bytes.
    expect((await writeWorkbookFile(saver, contents, { savedAt: '2026-12-02T09:00:00.000Z', appVersion: 'test' })).bytes).toEqual(written.bytes);
  });

  it('refuses a changed table and data no table names, before anything is loaded', async () => {
    const { bytes } = await writeWorkbookFile(saver, contents, { savedAt: '2026-12-02T09:00:00.000Z', appVersion: 'test' });
    const entries = unzipSync(bytes);
    const entry = Object.keys(entries).find((n) => n.startsWith('tables/'))!;
    const changed = zipSync({ ...entries, [entry]: strToU8(new TextDecoder().decode(entries[entry]).replace('1204', '1205')) });
    await expect(readWorkbookFile(changed)).rejects.toMatchObject({ kind: 'table-hash-mismatch', table: 'forces' });
    await expect(readWorkbookFile(changed)).rejects.toBeInstanceOf(EmbeddedTableError);
    const extra = zipSync({ ...entries, 'tables/99-more.csv': strToU8('"x"\n') });
    await expect(readWorkbookFile(extra)).rejects.toBeInstanceOf(WorkbookFormatError);
  });
});
