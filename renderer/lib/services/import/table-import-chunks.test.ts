// A delimited file taken into its table a piece at a time, on the real engine: the table is the same as when read
// whole (rows in order, quoted line breaks intact), progress rises to 1, and a Cancel or the engine's memory limit
// leaves no half-made table and every earlier table as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../engine/node.ts';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { ImportError, type CsvPlan } from '../../io/import/types.ts';
import { TableImport } from './table-import.ts';

const plan = (columns: string[]): CsvPlan => ({
  encoding: 'utf-8', gzip: false, delimiter: ',', quote: '"', escape: '"', header: true, skipRows: 0, decimal: '.', thousands: ',',
  columns, detected: [], warnings: [],
});

/** A referral-shaped CSV of `rows` rows, some fields quoted with line breaks and doubled quotes, some shorthand. */
function csvText(rows: number): string {
  const lines = ['id,force,referrals,note'];
  for (let i = 0; i < rows; i++) lines.push(`${i},Force ${i % 43},${i % 97 === 0 ? '[c]' : (i * 7) % 1000},${i % 5 === 0 ? `"line one\nline ""two"" ${i}"` : `plain ${i}`}`);
  return `${lines.join('\n')}\n`;
}

/** Like csvText, but each note is 48 random characters: text that even the compressed work database cannot shrink much. */
function incompressibleCsvText(rows: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = 2463534242;
  const lines = ['id,force,referrals,note'];
  for (let i = 0; i < rows; i++) {
    let note = '';
    for (let j = 0; j < 48; j++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      note += letters[(x >>> 0) % 64];
    }
    lines.push(`${i},Force ${i % 43},${(i * 7) % 1000},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

async function importCsv(engine: Engine, text: string, table: string, options: Parameters<TableImport['commit']>[2] = {}) {
  const source = { kind: 'csv' as const, plan: plan(['id', 'force', 'referrals', 'note']), utf8: new TextEncoder().encode(text) };
  const t = new TableImport(engine, source, 'referrals.csv');
  await t.stage();
  try {
    return await t.commit(table, await t.infer(['id', 'force', 'referrals', 'note']), options);
  } finally {
    await t.discard();
  }
}

const tables = async (engine: Engine) => (await engine.query('SELECT table_name AS n FROM information_schema.tables ORDER BY 1')).table.toArray().map((r) => String(r.n));

describe('a delimited file in pieces', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = newTestEngine();
    await engine.open();
  }, 60_000);
  afterAll(() => engine.close());

  it('gives the same table as one piece, with progress to the end', async () => {
    const text = csvText(20_000);
    const progress: number[] = [];
    const pieces = await importCsv(engine, text, 'in_pieces', { chunkBytes: 64 * 1024, onProgress: (f) => progress.push(f) });
    const whole = await importCsv(engine, text, 'in_one');
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(pieces).toEqual({ ...whole, table: 'in_pieces' });
    expect(pieces.rows).toBe(20_000);
    const differ = await engine.query('SELECT count(*)::DOUBLE AS n FROM (SELECT rowid, * FROM in_pieces EXCEPT ALL SELECT rowid, * FROM in_one)');
    expect(differ.table.getChild('n')!.get(0)).toBe(0);
    const note = await engine.query('SELECT note FROM in_pieces WHERE id = 19995');
    expect(note.table.getChild('note')!.get(0)).toBe('line one\nline "two" 19995');
    expect(pieces.status).toEqual([expect.objectContaining({ column: 'referrals', markers: 207, failed: 0 })]);
  });

  it('stops at Cancel between pieces and leaves nothing behind', async () => {
    const controller = new AbortController();
    const before = await tables(engine);
    const failure = await importCsv(engine, csvText(20_000), 'cancelled_one', {
      chunkBytes: 64 * 1024,
      signal: controller.signal,
      onProgress: (f) => f > 0.3 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).kind).toBe('cancelled');
    expect(await tables(engine)).toEqual(before);
  });
});

describe('a file larger than the engine can hold', () => {
  it('stops with the limit named, and the tables already loaded are untouched', async () => {
    const engine = new NodeEngine({ memoryLimit: '64MiB' });
    await engine.open();
    try {
      await engine.query('CREATE TABLE earlier AS SELECT range AS n FROM range(1000)');
      const failure = await importCsv(engine, incompressibleCsvText(2_000_000), 'too_big', { chunkBytes: 8 * 1024 * 1024 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ImportError);
      expect((failure as ImportError).kind).toBe('too-large');
      expect((failure as ImportError).at.limit).toMatch(/MiB of engine memory/);
      expect(await tables(engine)).toEqual(['earlier']);
      const sum = await engine.query('SELECT sum(n)::DOUBLE AS s FROM earlier');
      expect(sum.table.getChild('s')!.get(0)).toBe(499_500);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
