// The import pipeline on the real engine: text staged, types inferred, then converted — numbers exact, shorthand
// NULL with its marker kept, values that would change kept as text, and a number type the analyst forces keeps
// every cell that does not convert in the status column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../../engine/node-native.ts';
import type { Engine } from '../../engine/types.ts';
import type { CsvPlan, GridTable } from '../../io/import/types.ts';
import { TableImport } from './table-import.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

const grid = (header: string[], rows: GridTable['rows']): GridTable => ({ name: 't', header, rows, detected: [], warnings: [] });
const rowsOf = async (sql: string) => (await engine.query(sql)).table.toArray().map((r) => ({ ...r.toJSON() }));

describe('a grid', () => {
  it('infers types and converts without changing a value', async () => {
    const g = grid(
      ['region', 'referrals', 'rate', 'code', 'date', 'uk_date', 'flag', 'mixed'],
      [
        ['North East', 1234, '0.125', '0012', '2023-03-31', '31/03/2023', 'true', '12'],
        ['London', '[c]', 2.5, '0400', '2023-06-30', '30/06/2023', 'false', 'n/a'],
        ['Wales', '1,204 [p]', '-', '1000', null, '1/7/2023', 'TRUE', '14'],
        ['Scotland', 9007199254740993n.toString(), '1e3', '0009', '2023-12-31', '31/12/2023', null, '15'],
      ],
    );
    const t = new TableImport(engine, { kind: 'grid', grid: g });
    await t.stage();
    const columns = await t.infer(g.header);
    expect(columns.map((c) => c.type)).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE', 'VARCHAR', 'DATE', 'DATE', 'BOOLEAN', 'VARCHAR']);
    expect(columns[3]!.guess.keptAsText).toBe('leading-zeros');
    expect(columns[5]!.dates).toBe('dmy');
    expect(columns[7]!.guess.keptAsText).toBe('mixed');
    const outcome = await t.commit('grid_one', columns);
    await t.discard();
    expect(outcome.rows).toBe(4);
    expect(outcome.status.map((s) => [s.column, s.markers, s.failed])).toEqual([
      ['referrals', 2, 0],
      ['rate', 1, 0],
    ]);
    const rows = await rowsOf(`SELECT referrals::VARCHAR AS r, referrals_status AS s, rate, rate_status, code, strftime(uk_date, '%Y-%m-%d') AS d FROM grid_one ORDER BY rowid`);
    expect(rows.map((r) => r.r)).toEqual(['1234', null, '1204', '9007199254740993']);
    expect(rows.map((r) => r.s)).toEqual([null, '[c]', '[p]', null]);
    expect(rows.map((r) => r.rate)).toEqual([0.125, 2.5, null, 1000]);
    expect(rows.map((r) => r.rate_status)).toEqual([null, null, '-', null]);
    expect(rows.map((r) => r.code)).toEqual(['0012', '0400', '1000', '0009']);
    expect(rows.map((r) => r.d)).toEqual(['2023-03-31', '2023-06-30', '2023-07-01', '2023-12-31']);
    expect((await rowsOf(`SHOW TABLES`)).map((r) => r.name)).not.toContain(expect.stringMatching(/^__import/));
  });

  it('keeps every cell a forced number type cannot hold, with its row', async () => {
    const g = grid(['n'], [['1'], ['n/a'], ['2.5'], ['3'], ['[x]']]);
    const t = new TableImport(engine, { kind: 'grid', grid: g });
    await t.stage();
    const [n] = await t.infer(g.header);
    expect([n!.type, n!.guess.keptAsText]).toEqual(['VARCHAR', 'mixed']);
    const outcome = await t.commit('grid_two', [{ ...n!, type: 'BIGINT' }]);
    await t.discard();
    expect(outcome.status).toEqual([{ column: 'n', statusColumn: 'n_status', markers: 1, failed: 2, examples: [{ row: 2, text: 'n/a' }, { row: 3, text: '2.5' }] }]);
  });

  it('keeps a code with leading zeros as written when a number type is forced', async () => {
    const g = grid(['code'], [['12'], ['0012'], ['0'], ['0.5']]);
    const t = new TableImport(engine, { kind: 'grid', grid: g });
    await t.stage();
    const [c] = await t.infer(g.header);
    const outcome = await t.commit('grid_zeros', [{ ...c!, type: 'DOUBLE' }]);
    await t.discard();
    expect(outcome.status).toEqual([{ column: 'code', statusColumn: 'code_status', markers: 0, failed: 1, examples: [{ row: 2, text: '0012' }] }]);
    expect(await rowsOf('SELECT code FROM grid_zeros ORDER BY rowid')).toEqual([{ code: 12 }, { code: null }, { code: 0 }, { code: 0.5 }]);
  });

  it('drops a status column that holds nothing, and never replaces an existing table', async () => {
    const g = grid(['a', 'b'], [[1, 'x'], [2, 'y']]);
    const t = new TableImport(engine, { kind: 'grid', grid: g });
    await t.stage();
    const columns = await t.infer(g.header);
    const outcome = await t.commit('grid_three', columns);
    expect(outcome.columns).toBe(2);
    expect((await rowsOf('SELECT * FROM grid_three')).length).toBe(2);
    await expect(t.commit('grid_three', columns)).rejects.toThrow(/already exists/);
    await t.discard();
  });
});

describe('delimited text read by DuckDB', () => {
  const plan = (over: Partial<CsvPlan>): CsvPlan => ({
    encoding: 'utf-8', gzip: false, delimiter: ',', quote: '"', escape: '"', header: true, skipRows: 0, decimal: '.', thousands: null,
    columns: [], detected: [], warnings: [], ...over,
  });

  it('reads a semicolon file with decimal commas and thousands points, below a title line', async () => {
    const text = 'Referrals by force\n\nforce;referrals;share\nCleveland;1.234;12,5\n"Avon; and Somerset";[c];0,25\nKent;17;3\n';
    const t = new TableImport(engine, { kind: 'csv', plan: plan({ delimiter: ';', decimal: ',', thousands: '.', skipRows: 2, columns: ['force', 'referrals', 'share'] }), utf8: new TextEncoder().encode(text) });
    await t.stage();
    const columns = await t.infer(['force', 'referrals', 'share']);
    expect(columns.map((c) => c.type)).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE']);
    const outcome = await t.commit('csv_one', columns);
    await t.discard();
    expect(outcome.rows).toBe(3);
    expect(await rowsOf('SELECT force, referrals::DOUBLE AS referrals, referrals_status, share FROM csv_one ORDER BY rowid')).toEqual([
      { force: 'Cleveland', referrals: 1234, referrals_status: null, share: 12.5 },
      { force: 'Avon; and Somerset', referrals: null, referrals_status: '[c]', share: 0.25 },
      { force: 'Kent', referrals: 17, referrals_status: null, share: 3 },
    ]);
  });

  it('pads short rows with empty cells', async () => {
    const t = new TableImport(engine, { kind: 'csv', plan: plan({ columns: ['a', 'b', 'c'] }), utf8: new TextEncoder().encode('a,b,c\n1,2,3\n4,5\n') });
    await t.stage();
    const outcome = await t.commit('csv_two', await t.infer(['a', 'b', 'c']));
    await t.discard();
    expect(outcome.rows).toBe(2);
    expect(await rowsOf('SELECT c::DOUBLE AS c FROM csv_two ORDER BY rowid')).toEqual([{ c: 3 }, { c: null }]);
  });
});
