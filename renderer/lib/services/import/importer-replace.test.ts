// A new version of an imported file replaces its table: the table keeps its name and takes the new rows, the store
// holds the new file and record only, and a restart rebuilds the new version. A new version that fails leaves the
// old table, record and file exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { commitImport, commitReplacement, fileFacts, restoreImport, type Imported } from './importer.ts';
import { directParsers } from './direct-parsers.ts';
import { createReaders } from './read-file.ts';
import { MemoryImportStore } from './store.ts';
import { TableImport } from './table-import.ts';

const readers = createReaders(directParsers);
let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

/** Reads, stages and infers a CSV; `commit` then creates it as a new table or as a new version of `old`. */
async function prepare(text: string, name: string) {
  const file = new File([text], name);
  const read = await readers.read(file, name);
  const t = read.tables[0]!;
  const draft = new TableImport(engine, t.source, name);
  await draft.stage();
  const columns = await draft.infer(t.names);
  return { file, facts: await fileFacts(file, name, read.format), read: t, draft, columns };
}
const sumOf = async (table: string) => Number((await engine.query(`SELECT sum(referrals)::DOUBLE AS s, count(*)::DOUBLE AS n FROM ${table}`)).table.getChild('s')!.get(0));

describe('a new version of an imported file', () => {
  const store = new MemoryImportStore();
  let first: Imported;

  it('replaces the table under its name, and the store keeps only the new version', async () => {
    const v1 = await prepare('force,referrals\nKent,10\nGwent,5\n', 'forces.csv');
    first = await commitImport(engine, store, v1.file, v1.facts, v1.read, v1.draft, { table: 'forces', title: 'Forces', description: '', notes: [], columns: v1.columns });
    await v1.draft.discard();
    expect(await sumOf('forces')).toBe(15);

    const v2 = await prepare('force,referrals,region\nKent,11\nGwent,5,Wales\nDyfed,[c],Wales\n', 'forces-v2.csv');
    const columns = v2.columns.map((c) => (c.original === 'referrals' ? { ...c, name: 'referrals' } : c));
    const second = await commitReplacement(engine, store, v2.file, v2.facts, v2.read, v2.draft, { table: 'forces', title: 'Forces', description: '', notes: [], columns }, first.record);
    await v2.draft.discard();
    expect(second.record.table).toBe('forces');
    expect(second.record.file).toMatchObject({ name: 'forces-v2.csv', sha256: v2.facts.sha256 });
    expect(second.outcome.rows).toBe(3);
    expect(await sumOf('forces')).toBe(16);
    const tables = await engine.query("SELECT table_name AS n FROM information_schema.tables WHERE table_name LIKE 'forces%'");
    expect(tables.table.toArray().map((r) => String(r.n))).toEqual(['forces']);
    const stored = await store.list();
    expect(stored.map((e) => e.kind === 'record' && [e.record.table, e.record.file.name])).toEqual([['forces', 'forces-v2.csv']]);
    expect(await store.file(first.record.id)).toBeNull();

    // A restart rebuilds the new version from the store.
    await engine.query('DROP TABLE forces');
    const entry = stored[0]!;
    const restored = entry.kind === 'record' ? await restoreImport(engine, store, readers, entry.record) : null;
    expect(restored?.kind).toBe('restored');
    expect(await sumOf('forces')).toBe(16);
    first = second;
  });

  it('keeps the old version whole when the new one cannot be stored', async () => {
    const v3 = await prepare('force,referrals\nKent,1000\n', 'forces-v3.csv');
    // The browser's storage is full: the new file cannot be kept, so the new version must not replace the old.
    const full: MemoryImportStore = Object.assign(Object.create(store) as MemoryImportStore, {
      save: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    });
    await expect(commitReplacement(engine, full, v3.file, v3.facts, v3.read, v3.draft, { table: 'forces', title: 'Forces', description: '', notes: [], columns: v3.columns }, first.record)).rejects.toThrow(/quota/);
    await v3.draft.discard();
    expect(await sumOf('forces')).toBe(16);
    const stored = await store.list();
    expect(stored.map((e) => e.kind === 'record' && e.record.file.name)).toEqual(['forces-v2.csv']);
  });
});
