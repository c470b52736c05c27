// Totals carried in a table's own data, checked by running the generated SQL on the real engine (duckdb-wasm's
// Node build): figures are the NRM referrals by age (2011: 642 adults + 294 children = 936) and the 2011 police
// regions (rows sum to 931 against a stated 946), plus tables written to break the recogniser and the quoting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEngine } from '../engine/node-native.ts';
import type { Engine } from '../engine/types.ts';
import { quoteIdent as q, quoteLiteral } from '../query/quote.ts';
import {
  describeTotalColumnCheck,
  describeTotalRowsCheck,
  excludeTotalRowsCondition,
  findTotalColumns,
  isTotalLabel,
  readTotalColumnCheck,
  readTotalRowsCheck,
  readTotalRowsProbe,
  totalColumnCheckSql,
  totalRowsCheckSql,
  totalRowsProbeSql,
  type TotalRowsFinding,
} from './total-rows.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
}, 60_000);
afterAll(() => engine.close());

const fmt = (n: number) => n.toLocaleString('en-GB');
type Cell = string | number | null;
async function createTable(name: string, columns: Array<[string, string]>, rows: Cell[][]): Promise<string> {
  await engine.query(`CREATE OR REPLACE TABLE ${q(name)} (${columns.map(([c, t]) => `${q(c)} ${t}`).join(', ')})`);
  await engine.query(`INSERT INTO ${q(name)} VALUES ${rows.map((r) => `(${r.map(quoteLiteral).join(', ')})`).join(', ')}`);
  return q(name);
}
async function schema(from: string) {
  const { table } = await engine.query(`DESCRIBE ${from}`);
  return table.toArray().map((r: { column_name: string; column_type: string }) => ({ name: r.column_name, type: r.column_type }));
}
const sum = async (sql: string) => Number((await engine.query(sql)).table.getChild('s')?.get(0));

async function probe(from: string, columns: string[]) {
  return readTotalRowsProbe((await engine.query(totalRowsProbeSql(from, columns))).table);
}
async function checkRows(from: string, finding: TotalRowsFinding, values: string[], groups: string[]) {
  return readTotalRowsCheck((await engine.query(totalRowsCheckSql(from, finding, values, groups))).table, finding, values, groups);
}

describe('total labels', () => {
  it('reads totals as totals and real categories as categories', () => {
    for (const t of ['Total', ' TOTALS ', 'Grand total', 'All', 'Overall', 'Sum', 'All ages', 'All nationalities', 'UK total', 'Total referrals', 'total'])
      expect(isTotalLabel(t), t).toBe(true);
    for (const t of ['Albania', 'Alloa', 'Totnes', 'Allerdale', 'Summerset', 'All other', 'All others', 'Subtotal', 'Totally', 'Adult (18 or over)', ''])
      expect(isTotalLabel(t), t).toBe(false);
  });

  it('the probe finds "All ages" and "UK total" with their row counts, and not Albania, Totnes or Alloa', async () => {
    const from = await createTable('probe_labels', [['place', 'VARCHAR'], ['age', 'VARCHAR'], ['kind', 'VARCHAR'], ['n', 'INTEGER']], [
      ['Albania', 'Adult', 'All other', 1],
      ['Totnes', 'Child', 'x', 2],
      ['Alloa', 'All ages', 'x', 3],
      ['UK total', 'All ages', null, 6],
      [null, 'Child', 'x', 1],
    ]);
    expect(await probe(from, ['place', 'age', 'kind'])).toEqual([
      { column: 'place', labels: ['UK total'], rows: 1 },
      { column: 'age', labels: ['All ages'], rows: 2 },
    ]);
    expect(await probe(from, [])).toEqual([]);
  });
});

describe('total rows in a long table', () => {
  let from: string;
  beforeAll(async () => {
    from = await createTable('long_ages', [['year', 'INTEGER'], ['age', 'VARCHAR'], ['referrals', 'BIGINT'], ['victims', 'DECIMAL(9,2)']], [
      [2011, 'Adult (18 or over)', 642, 642], [2011, 'Child (17 or under)', 294, 294], [2011, 'Not specified or unknown', 0, 0], [2011, 'Total', 936, 936],
      [2012, 'Adult (18 or over)', 811, 811], [2012, 'Child (17 or under)', 367, 367], [2012, 'Not specified or unknown', 0, 0], [2012, 'Total', 1200, 1178],
      [2013, 'Adult (18 or over)', 5, 5], // other rows but no total
      [2014, 'Total', 7, 7], // a total with nothing under it
      [null, 'Adult (18 or over)', 4, 4], [null, 'Child (17 or under)', 3, null], [null, 'Total', 7, 7], // a blank year is a group too
    ]);
  });

  it('finds the Total rows and checks each year and value column, never inventing zeros', async () => {
    const [finding] = await probe(from, ['age']);
    expect(finding).toEqual({ column: 'age', labels: ['Total'], rows: 4 });
    const check = await checkRows(from, finding!, ['referrals', 'victims'], ['year', 'age']);
    expect(check.groupsChecked).toBe(3);
    expect(check.mismatches).toEqual([{ group: { year: 2012 }, label: 'Total', valueColumn: 'referrals', stated: 1200, sumOfParts: 1178, difference: 22 }]);
    expect(check.unmatched).toEqual([
      { group: { year: 2013 }, label: null, problem: 'no-total' },
      { group: { year: 2014 }, label: 'Total', problem: 'no-parts' },
    ]);
    expect(check.notCheckable).toBe(1); // blank year's victims: one part is empty
    expect(check.passes).toBe(false);
    expect(describeTotalRowsCheck(check, fmt)).toBe(
      'Rows labelled "Total" in age were left out so they are not counted twice; they differ in 1 of 3 groups: ' +
        '2012 referrals, Total 1,200 vs rows 1,178 (22 unaccounted for). 1 group has a total row but no other rows (for example 2014). ' +
        '1 group has other rows but no total row (for example 2013). 1 comparison could not be made because a value is empty.',
    );
  });

  it('passes when every group adds up', async () => {
    const finding = { column: 'age', labels: ['Total'], rows: 2 };
    const check = await checkRows(`(SELECT * FROM ${from} WHERE year IN (2011, 2012))`, finding, ['victims'], ['year']);
    expect(check).toMatchObject({ groupsChecked: 2, mismatches: [], unmatched: [], notCheckable: 0, passes: true });
    expect(describeTotalRowsCheck(check, fmt)).toBe(
      'Rows labelled "Total" in age were left out so they are not counted twice; they match the sum of the other rows in all 2 groups.',
    );
  });

  it('leaving the total rows out makes the sum the sum of the parts (blank labels kept)', async () => {
    const withBlank = await createTable('long_blank', [['age', 'VARCHAR'], ['referrals', 'INTEGER']], [['Adult', 642], ['Child', 294], [null, 10], ['All ages', 946]]);
    const [finding] = await probe(withBlank, ['age']);
    expect(await sum(`SELECT sum(referrals) AS s FROM ${withBlank} WHERE ${excludeTotalRowsCondition(finding!)}`)).toBe(946);
    const cond = excludeTotalRowsCondition({ column: 'age', labels: ['Total'], rows: 4 });
    expect(await sum(`SELECT sum(referrals) AS s FROM ${from} WHERE ${cond}`)).toBe(642 + 294 + 811 + 367 + 5 + 4 + 3);
    const check = await checkRows(withBlank, finding!, ['referrals'], []);
    expect(check).toMatchObject({ groupsChecked: 1, mismatches: [], passes: true });
  });
});

describe('the 2011 police regions', () => {
  it('reports the 15 a stated total of 946 leaves unaccounted for, with no grouping columns', async () => {
    const regions: Array<[string, number]> = [
      ['East Midlands', 17], ['Eastern', 67], ['London', 258], ['North East', 132], ['North West', 81], ['South East', 86],
      ['South West', 28], ['West Midlands', 50], ['Wales', 78], ['Northern Ireland', 24], ['Scotland', 32], ['Not recorded', 78],
    ];
    const from = await createTable('t', [['police_region', 'VARCHAR'], ['referrals_2011', 'INTEGER']], [...regions, ['UK total', 946]]);
    const [finding] = await probe(from, ['police_region']);
    const check = await checkRows(from, finding!, ['referrals_2011'], ['police_region']);
    expect(check.mismatches).toEqual([{ group: {}, label: 'UK total', valueColumn: 'referrals_2011', stated: 946, sumOfParts: 931, difference: 15 }]);
    expect(describeTotalRowsCheck(check, fmt)).toBe(
      'Rows labelled "UK total" in police_region were left out so they are not counted twice; they differ in 1 of 1 group: ' +
        'referrals_2011, UK total 946 vs rows 931 (15 unaccounted for).',
    );
  });
});

describe('a nasty column and table name', () => {
  it('is quoted everywhere', async () => {
    const nasty = '"; DROP TABLE x; --';
    const from = await createTable(`it's ${nasty}`, [[nasty, 'VARCHAR'], ["it's", 'VARCHAR'], ['a"b', 'DOUBLE']], [
      ['Total', "g'1", 3.5], ['a', "g'1", 1.25], ['b', "g'1", 2.25], ["Grand total", null, 9], ['c', null, 4], ['d', null, 4],
    ]);
    const [finding] = await probe(from, [nasty, "it's"]);
    expect(finding).toEqual({ column: nasty, labels: ['Grand total', 'Total'], rows: 2 });
    const check = await checkRows(from, finding!, ['a"b'], ["it's"]);
    expect(check.mismatches).toEqual([{ group: { "it's": null }, label: 'Grand total', valueColumn: 'a"b', stated: 9, sumOfParts: 8, difference: 1 }]);
    expect(check.groupsChecked).toBe(2);
    expect(await sum(`SELECT sum("a""b") AS s FROM ${from} WHERE ${excludeTotalRowsCondition(finding!)}`)).toBe(11.5);
    expect(describeTotalRowsCheck(check, fmt)).toContain('Rows labelled "Grand total" or "Total" in "; DROP TABLE x; -- were left out');
    expect(describeTotalRowsCheck(check, fmt)).toContain('differ in 1 of 2 groups: (blank) a"b, Grand total 9 vs rows 8 (1 unaccounted for)');
  });
});

describe('total columns in a wide table', () => {
  it('finds a total named like a total and its parts, leaving keys and periods out', () => {
    const int = (name: string) => ({ name, type: 'INTEGER' });
    expect(findTotalColumns([int('year'), int('adults'), int('children'), int('age_unknown'), int('total')])).toEqual([
      { total: 'total', parts: ['adults', 'children', 'age_unknown'] },
    ]);
    expect(
      findTotalColumns([int('region_id'), int('Quarter'), int('rank'), int('No'), { name: 'name', type: 'VARCHAR' }, { name: 'male', type: 'DECIMAL(18,3)' },
        { name: 'female', type: 'BIGINT' }, { name: 'All ages', type: 'DOUBLE' }, int('grand_total'), int('TotalReferrals'), int('area_code')]),
    ).toEqual([
      { total: 'All ages', parts: ['male', 'female'] },
      { total: 'grand_total', parts: ['male', 'female'] },
      { total: 'TotalReferrals', parts: ['male', 'female'] },
    ]);
    expect(findTotalColumns([int('year'), int('adults'), int('total')])).toEqual([]); // one part is no sum
    expect(findTotalColumns([int('adults'), int('all_other'), int('totnes')])).toEqual([]); // no total among them
    expect(findTotalColumns([int('a'), int('b'), { name: 'total', type: 'VARCHAR' }])).toEqual([]);
  });

  it('checks every row, reports the wrong one and never treats an empty part as 0', async () => {
    const from = await createTable('wide_ages', [['year', 'INTEGER'], ['adults', 'BIGINT'], ['children', 'DECIMAL(10,0)'], ['age_unknown', 'INTEGER'], ['total', 'DOUBLE']], [
      [2011, 642, 294, 0, 936], [2012, 811, 367, 0, 1178], [2013, 1000, 100, 0, 1200], [2014, 1500, null, 0, 1500], [2015, 2000, 1000, 100, 3000],
    ]);
    const [found] = findTotalColumns(await schema(from));
    expect(found).toEqual({ total: 'total', parts: ['adults', 'children', 'age_unknown'] });
    const check = readTotalColumnCheck((await engine.query(totalColumnCheckSql(from, found!))).table, found!);
    expect(check).toMatchObject({ rowsChecked: 4, mismatchCount: 2, notCheckable: 1, passes: false });
    expect(check.mismatches).toEqual([
      { row: 3, stated: 1200, sumOfParts: 1100, difference: 100 },
      { row: 5, stated: 3000, sumOfParts: 3100, difference: -100 },
    ]);
    expect(describeTotalColumnCheck(check, fmt)).toBe(
      'The column total differs from the sum of adults, children and age_unknown in 2 of 4 rows: row 3, 1,200 vs 1,100 (100 unaccounted for); ' +
        'row 5, 3,000 vs 3,100 (100 more than stated). 1 row was not checked because the total or a part is empty.',
    );
    const ok = readTotalColumnCheck((await engine.query(totalColumnCheckSql(`(SELECT * FROM ${from} WHERE year <= 2012)`, found!))).table, found!);
    expect(ok).toMatchObject({ rowsChecked: 2, mismatches: [], mismatchCount: 0, notCheckable: 0, passes: true });
    expect(describeTotalColumnCheck(ok, fmt)).toBe('The column total matches the sum of adults, children and age_unknown in all 2 rows checked.');
  });

  it('lists the first 20 mismatches and counts them all; quotes nasty names', async () => {
    const nasty = '"; DROP TABLE x; --';
    await engine.query(`CREATE OR REPLACE TABLE many AS SELECT i AS ${q(nasty)}, 1 AS "it's", 0.1::DOUBLE AS b, CASE WHEN i = 1 THEN i + 1.1 ELSE -1 END AS "Total" FROM range(100) r(i)`);
    const found = { total: 'Total', parts: [nasty, "it's", 'b'] };
    const check = readTotalColumnCheck((await engine.query(totalColumnCheckSql('many', found))).table, found);
    expect(check.rowsChecked).toBe(100);
    expect(check.mismatchCount).toBe(99); // row 2 is 1 + 1 + 0.1 = 2.1 (to rounding); every other row differs
    expect(check.mismatches).toHaveLength(20);
    expect(check.mismatches[0]).toMatchObject({ row: 1, stated: -1, sumOfParts: 1.1 });
    expect(describeTotalColumnCheck(check, fmt)).toContain(', and 96 more.');
  });
});
