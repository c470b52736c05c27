// The profile runner on the real engine: a built-in table profiled column by column (listener order, SQL kept for
// the benchmark), and a run that is no longer wanted stops before its next query and resolves null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from './node-builtin.ts';
import type { Engine } from './types.ts';
import { profileTable } from './profile-runner.ts';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await openWithBuiltins());
}, 60_000);
afterAll(() => engine.close());

describe('profileTable', () => {
  it('profiles nrm_referrals_quarterly: summary first, then every column in order', async () => {
    const events: string[] = [];
    const run = await profileTable(engine, 'nrm_referrals_quarterly', {
      onSummary: (s) => events.push(`summary ${s.rows}`),
      onColumn: (i) => events.push(`column ${i}`),
    });
    expect(events).toEqual(['summary 708', 'column 0', 'column 1', 'column 2', 'column 3', 'column 4']);
    const referrals = run!.summary.columns.find((c) => c.name === 'referrals')!;
    const { table } = await engine.query('SELECT sum(referrals)::DOUBLE AS s, count(DISTINCT referrals) AS d FROM nrm_referrals_quarterly');
    expect(referrals.mean! * referrals.nonNull!).toBeCloseTo(Number(table.getChild('s')?.get(0)), 6);
    const detail = run!.details[4]!;
    expect(detail.distinct).toBe(Number(table.getChild('d')?.get(0)));
    expect(detail.histogram!.bins.reduce((a, b) => a + b.count, 0)).toBe(708);
    // DESCRIBE, the summary, then top values for 5 columns and histograms for the 2 numbers.
    expect(run!.sql).toHaveLength(2 + 5 + 2);
  });

  it('stops before its next query once no longer current, and resolves null', async () => {
    const ran: string[] = [];
    const counting: Engine = { ...engine, query: (sql, o) => (ran.push(sql), engine.query(sql, o)) } as Engine;
    let current = true;
    const run = await profileTable(counting, 'nrm_referrals_quarterly', { isCurrent: () => current, onColumn: (i) => i === 1 && (current = false) });
    expect(run).toBeNull();
    // DESCRIBE, summary, column 0 (top values + histogram), column 1 (top values): nothing after.
    expect(ran).toHaveLength(5);
  });

  it('a table that is not there fails with the engine error', async () => {
    await expect(profileTable(engine, 'no_such_table')).rejects.toThrow(/no_such_table/);
  });
});
