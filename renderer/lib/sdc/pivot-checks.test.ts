// Pivot checks on the real engine over the built-in tables: the 2011 police regions' 931 against the 946 stated,
// the Q4 2023 detail table's 4,141, an analyst's expected total, and checks that cannot apply saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { PivotRunner } from '../engine/pivot-runner.ts';
import type { Manifest } from '../engine/manifest.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import { formatNumber } from '../viz/format.ts';
import { expectedTotalCheck, statedTotalChecks } from './pivot-checks.ts';

let engine: Engine;
let manifest: Manifest;
beforeAll(async () => {
  ({ engine, manifest } = await openWithBuiltins());
}, 60_000);
afterAll(() => engine.close());

const stated = (id: string) => manifest.datasets.find((d) => d.id === id)?.statedTotals ?? [];

async function run(partial: Record<string, unknown>): Promise<{ spec: PivotSpec; layout: Awaited<ReturnType<PivotRunner['run']>>['layout'] }> {
  const spec = parsePivotSpec(partial);
  const runner = new PivotRunner(engine);
  const { layout } = await runner.run(spec, await runner.schema(spec.source));
  return { spec, layout };
}

describe('stated totals', () => {
  it('the 2011 police regions sum to 931 against the 946 stated: a 15 gap', async () => {
    const { spec, layout } = await run({
      source: { kind: 'table', table: 'idmg2012_referrals_by_police_region_2011' },
      rows: ['police_region'],
      values: [{ field: 'referrals_2011', aggregate: 'sum' }, { field: null, aggregate: 'count' }],
    });
    const checks = statedTotalChecks(spec, layout, stated('idmg2012_referrals_by_police_region_2011'), formatNumber);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ kind: 'stated', passes: false, difference: 15 });
    expect(checks[0]!.message).toMatch(/^Referrals 2011: The grand total is 931 while the total stated by the source .* is 946: 15 short\.$/);
  });

  it('the Q4 2023 detail table pivoted by first responder type sums to the 4,141 stated', async () => {
    const { spec, layout } = await run({
      source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' },
      rows: ['first_responder_type'],
      columns: ['age_at_exploitation'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
    });
    const [check] = statedTotalChecks(spec, layout, stated('nrm_referrals_2023q4_detail'), formatNumber);
    expect(check).toMatchObject({ passes: true, difference: 0 });
    expect(check!.message).toContain('equals the total stated by the source for referrals');
  });

  it('a filtered pivot, or one without a sum of the stated column, is not compared', async () => {
    const { spec, layout } = await run({
      source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' },
      rows: ['gender'],
      values: [{ field: 'referrals', aggregate: 'sum' }, { field: 'referrals', aggregate: 'max' }],
      filters: [{ field: 'gender', op: 'eq', values: ['Female'] }],
    });
    const checks = statedTotalChecks(spec, layout, stated('nrm_referrals_2023q4_detail'), formatNumber);
    expect(checks).toEqual([{ kind: 'stated', passes: null, difference: null, message: 'Referrals: not compared with the stated total of 4,141, because the pivot is filtered.' }]);
  });
});

describe('expected totals', () => {
  it('compares the grand total with what the analyst entered, even when the table hides its totals', async () => {
    const base = {
      source: { kind: 'table', table: 'nrm_referrals_quarterly' },
      rows: ['year'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
      filters: [{ field: 'year', op: 'eq', values: [2011] }],
      grandTotals: { rows: false, columns: false },
    };
    const ok = await run({ ...base, expected: { value: 0, total: 936 } });
    expect(expectedTotalCheck(ok.spec, ok.layout, formatNumber)).toEqual({
      kind: 'expected', passes: true, difference: 0, message: 'Referrals: The grand total, 936, equals the expected total (936).',
    });
    const first = await run({ ...base, expected: { value: 0, total: 946 } });
    expect(expectedTotalCheck(first.spec, first.layout, formatNumber)).toMatchObject({ passes: false, difference: 10 });
    const none = await run(base);
    expect(expectedTotalCheck(none.spec, none.layout, formatNumber)).toBeNull();
  });
});
