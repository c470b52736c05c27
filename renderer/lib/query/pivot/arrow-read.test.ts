// Reading Arrow columns chunk by chunk gives what Vector.get gives (through toScalar) — for every type the engine
// returns to a pivot, with NULLs, over many batches and in sliced tables — and pauses between chunks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { readColumn, toScalar } from './arrow-read.ts';
import { runSteps } from './steps.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
});
afterAll(() => engine.close());

const viaGet = (table: Table, name: string) => Array.from({ length: table.numRows }, (_, i) => toScalar(table.getChild(name)!.get(i)));

describe('readColumn', () => {
  it('matches Vector.get for numbers, text, booleans, dates and big integers, NULLs included', async () => {
    const { table } = await engine.query(`
      SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE i % 13 END::INTEGER AS int,
             CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4 END::DOUBLE AS dbl,
             CASE WHEN i % 3 = 0 THEN NULL ELSE 'näme ' || (i % 11) END AS txt,
             (i % 2 = 0) AS bool,
             DATE '2023-01-01' + INTERVAL (i % 40) DAY AS day,
             (i * 1000000000)::BIGINT AS big,
             (i % 4)::TINYINT AS tiny
      FROM range(5000) t(i)`);
    expect(table.batches.length).toBeGreaterThan(1);
    for (const name of ['int', 'dbl', 'txt', 'bool', 'day', 'big', 'tiny']) {
      expect(runSteps(readColumn(table.getChild(name)!)), name).toEqual(viaGet(table, name));
    }
  });

  it('reads a sliced table (chunks that start part-way) like Vector.get', async () => {
    const { table } = await engine.query("SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END::DOUBLE AS x, CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || i END AS s FROM range(5000) t(i)");
    const part = table.slice(1234, 4321);
    for (const name of ['x', 's']) expect(runSteps(readColumn(part.getChild(name)!)), name).toEqual(viaGet(part, name));
  });

  it('pauses between chunks', async () => {
    const { table } = await engine.query('SELECT i::DOUBLE AS x FROM range(10000) t(i)');
    const steps = readColumn(table.getChild('x')!);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(table.batches.length);
  });
});
