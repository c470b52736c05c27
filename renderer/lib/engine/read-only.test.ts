// Read-only runs on the real engine: a saved query or key figure re-run at a rebuild can read, and nothing it holds
// — a write, several statements, a statement that ends the transaction — can change data; a pivot over a saved query
// refuses one that would break out of its parentheses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from './node-builtin.ts';
import type { Engine } from './types.ts';
import { PivotRunner } from './pivot-runner.ts';
import { QueryError } from './types.ts';

let engine: Engine;
const total2011 = async () => Number((await engine.query('SELECT sum(referrals) AS n FROM nrm_referrals_quarterly WHERE year = 2011')).table.getChild('n')?.get(0));
let published: number;

beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
  await engine.query('CREATE TABLE mine AS SELECT 1 AS a');
  published = await total2011();
}, 60_000);
afterAll(() => engine.close());

async function refusal(sql: string): Promise<QueryError> {
  const err = await engine.query(sql, { readOnly: true }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(QueryError);
  return err as QueryError;
}

describe('query(sql, { readOnly: true })', () => {
  it('runs a query that reads', async () => {
    const { table } = await engine.query('WITH t AS (SELECT year, sum(referrals) AS n FROM nrm_referrals_quarterly GROUP BY year) SELECT n FROM t WHERE year = 2011;', { readOnly: true });
    expect(Number(table.getChild('n')?.get(0))).toBe(published);
  });

  it('refuses a write, to any table', async () => {
    expect((await refusal('UPDATE nrm_referrals_quarterly SET referrals = referrals * 10 WHERE year = 2011')).kind).toBe('writes');
    expect((await refusal('INSERT INTO mine VALUES (2)')).kind).toBe('writes');
    expect((await refusal('CREATE TABLE made AS SELECT 1')).kind).toBe('writes');
    expect((await refusal('DROP TABLE mine')).kind).toBe('writes');
    expect(await total2011()).toBe(published);
    expect(Number((await engine.query('SELECT count(*) AS n FROM mine')).table.getChild('n')?.get(0))).toBe(1);
  });

  it('refuses several statements, including one that would end the transaction first', async () => {
    expect((await refusal('SELECT 1; DROP TABLE mine')).kind).toBe('several-statements');
    expect((await refusal('COMMIT; UPDATE nrm_referrals_quarterly SET referrals = 0')).kind).toBe('several-statements');
    expect(await total2011()).toBe(published);
  });

  it('leaves no transaction open: the next ordinary statement writes as usual', async () => {
    await refusal('DELETE FROM mine');
    await engine.query('INSERT INTO mine VALUES (2)');
    expect(Number((await engine.query('SELECT count(*) AS n FROM mine')).table.getChild('n')?.get(0))).toBe(2);
  });

  it('a pivot over a saved query refuses SQL that would break out of its parentheses, or end in a comment', async () => {
    const runner = new PivotRunner(engine);
    const escape = 'SELECT 1 AS a) t; DROP TABLE mine; SELECT * FROM (SELECT 1';
    const err = await runner.schema({ kind: 'query', name: 'sneaky', sql: escape }).then(() => null, (e: unknown) => e);
    expect((err as QueryError).kind).toBe('several-statements');
    expect(Number((await engine.query('SELECT count(*) AS n FROM mine')).table.getChild('n')?.get(0))).toBe(2);
    const schema = await runner.schema({ kind: 'query', name: 'commented', sql: 'SELECT year FROM nrm_referrals_quarterly -- the years' });
    expect(schema.map((f) => f.name)).toEqual(['year']);
  });
});
