// Runs the overview's SQL on the real engine (duckdb-wasm, Node build) over the built-in datasets and checks the
// figures against independent sources: the published current-series totals and the press release's rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetsDir, openWithBuiltins } from '../../lib/engine/node-builtin.ts';
import type { Engine } from '../../lib/engine/types.ts';
import { numberColumn } from '../../lib/viz/columns.ts';
import { reconcile } from '../../lib/sdc/reconcile.ts';
import { policeRegionsSql, referralsByYearSql, vintagesSql } from './overview-sql.ts';

let engine: Engine;
beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
});
afterAll(() => engine.close());

/** The current-series totals read straight from the CSV text, not through the engine. */
function currentSeriesFromFile(): Map<number, number> {
  const lines = readFileSync(join(datasetsDir, 'nrm_annual_totals_vintages.csv'), 'utf8').trim().split('\n').slice(1);
  const out = new Map<number, number>();
  for (const line of lines) {
    const year = Number(line.slice(0, 4));
    const current = line.split(',').at(-2);
    if (current) out.set(year, Number(current));
  }
  return out;
}

describe('overview figures', () => {
  it('referrals per year equal the published current-series totals, 2009–2023', async () => {
    const { table } = await engine.query(referralsByYearSql);
    const years = numberColumn(table, 'year');
    const totals = numberColumn(table, 'total');
    const published = currentSeriesFromFile();
    expect(years).toEqual(Array.from({ length: 15 }, (_, i) => 2009 + i));
    years.forEach((y, i) => expect(totals[i], `year ${y}`).toBe(published.get(y!)));
  });

  it('adults + children + unknown add up to the total in every year', async () => {
    const { table } = await engine.query(referralsByYearSql);
    const [a, c, u, t] = ['adults', 'children', 'age_unknown', 'total'].map((n) => numberColumn(table, n));
    t!.forEach((total, i) => expect((a![i] ?? 0) + (c![i] ?? 0) + (u![i] ?? 0)).toBe(total));
    expect(t![2]).toBe(936); // 2011, current series
  });

  it('the 2011 police regions sum to 931 against a stated 946', async () => {
    const { table } = await engine.query(policeRegionsSql);
    expect(table.numRows).toBe(12);
    const r = reconcile('2011', 946, numberColumn(table, 'referrals_2011'));
    expect(r.sumOfParts).toBe(931);
    expect(r.difference).toBe(15);
    expect(r.reconciles).toBe(false);
  });

  it('shows both vintages of 2011: 946 first published, 936 current', async () => {
    const { table } = await engine.query(vintagesSql);
    const years = numberColumn(table, 'year');
    const i = years.indexOf(2011);
    expect(numberColumn(table, 'total_first_published')[i]).toBe(946);
    expect(numberColumn(table, 'total_current_series')[i]).toBe(936);
    expect(numberColumn(table, 'difference')[i]).toBe(-10);
    expect(numberColumn(table, 'difference')[years.indexOf(2012)]).toBeNull();
  });
});
