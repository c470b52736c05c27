// The inference and conversion SQL run on the real engine: each cell test accepts exactly the whole values it names,
// shorthand passes none of them (inferSql counts types without an "is a value" guard, which rests on this), and a
// conversion never changes a figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import { quoteString } from '../quote.ts';
import { guessType, inferSql, readCounts } from './infer.ts';
import { SHORTHAND_MARKERS } from './markers.ts';
import { cellTests, convertSql, statusSql, type NumberStyle } from './text-sql.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

const UK: NumberStyle = { decimal: '.', thousands: ',' };
const EUROPE: NumberStyle = { decimal: ',', thousands: '.' };

/** Each test's verdict on each value, from one query over a VALUES list. */
async function verdicts(values: (string | null)[], style: NumberStyle) {
  const rows = values.map((v) => `(${v === null ? 'NULL' : quoteString(v)})`).join(', ');
  const tests = cellTests('v', style);
  const keys = Object.keys(tests) as (keyof typeof tests)[];
  const { table } = await engine.query(`SELECT ${keys.map((k) => `coalesce(${tests[k]}, false) AS ${k}`).join(', ')} FROM (VALUES ${rows}) t(v)`);
  return values.map((_, i) => Object.fromEntries(keys.map((k) => [k, table.getChild(k)!.get(i) as boolean])));
}

describe('cell tests', () => {
  it('no shorthand marker, empty or blank cell passes a type test', async () => {
    const cells = [...SHORTHAND_MARKERS, ...SHORTHAND_MARKERS.map((m) => ` ${m.toUpperCase()} `), '', '   ', null];
    for (const v of await verdicts(cells, UK)) {
      expect([v.integer, v.decimal, v.leadingZero, v.isoDate, v.dmyDate, v.timestamp, v.boolean, v.suffix]).toEqual(Array(8).fill(false));
    }
  });

  it('accepts whole values only', async () => {
    const cells = ['12', ' -7 ', '1,234', '1,234.5', '12 [p]', '1.5', '1e3', '0x10', '1_000', '12abc', '0012', '2023-03-31', '31/03/2023', '2023-03-31 10:15:00', 'TRUE', '2023-02-30', '99999999999999999999'];
    const v = await verdicts(cells, UK);
    expect(v.map((x) => x.integer)).toEqual([true, true, true, false, true, false, false, false, false, false, true, false, false, false, false, false, false]);
    expect(v.map((x) => x.decimal)).toEqual([true, true, true, true, true, true, true, false, false, false, true, false, false, false, false, false, true]);
    expect(v.map((x) => x.leadingZero)).toEqual(cells.map((c) => c === '0012'));
    expect(v.map((x) => x.isoDate)).toEqual(cells.map((c) => c === '2023-03-31'));
    expect(v.map((x) => x.dmyDate)).toEqual(cells.map((c) => c === '31/03/2023'));
    expect(v.map((x) => x.timestamp)).toEqual(cells.map((c) => c === '2023-03-31' || c === '2023-03-31 10:15:00'));
    expect(v.map((x) => x.boolean)).toEqual(cells.map((c) => c === 'TRUE'));
    expect(v.map((x) => x.suffix)).toEqual(cells.map((c) => c === '12 [p]'));
  });

  it('reads a decimal comma and point thousands', async () => {
    const v = await verdicts(['1.234,5', '1.234', '12,5', '1.23'], EUROPE);
    expect(v.map((x) => x.decimal)).toEqual([true, true, true, false]);
    expect(v.map((x) => x.integer)).toEqual([false, true, false, false]);
  });
});

describe('inference and conversion', () => {
  it('counts a column, guesses its type and converts it without changing a figure', async () => {
    const cells = ['1,234', '[c]', '56 [p]', '', '0012', '7'];
    const rows = cells.map((c) => `(${quoteString(c)})`).join(', ');
    await engine.query(`CREATE OR REPLACE TABLE infer_t AS SELECT * FROM (VALUES ${rows}) t(c0)`);
    const counts = readCounts((await engine.query(inferSql('infer_t', ['c0'], UK))).table, ['c0'])[0]!;
    expect(counts).toMatchObject({ values: 4, markers: 1, suffixed: 1, integers: 4, decimals: 4, leadingZeros: 1 });
    // A code with leading zeros among the figures: the column stays text rather than lose them.
    expect(guessType(counts)).toMatchObject({ type: 'VARCHAR', keptAsText: 'leading-zeros' });
    const { table } = await engine.query(`SELECT ${convertSql('c0', 'BIGINT', UK, 'iso')} AS v, ${statusSql('c0', 'BIGINT', UK, 'iso')} AS s FROM infer_t`);
    expect([...table.getChild('v')!].map((x) => (x === null ? null : Number(x)))).toEqual([1234, null, 56, null, null, 7]);
    expect([...table.getChild('s')!]).toEqual([null, '[c]', '[p]', null, '0012', null]);
  });
});
