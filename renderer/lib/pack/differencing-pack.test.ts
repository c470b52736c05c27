// Differencing on the real Q4 2023 detail data, the real engine and HiGHS: responder type × exploitation type for all
// referrals (Government agency × Criminal 113) and for gender ≠ Female (110) published 3 female referrals by
// subtraction; with age = Adult too. Protected one by one, the independent attacker (written apart from the audit,
// every figure of both tables known, whole = subset + an unprinted difference) finds small differences; resolved as
// one pack, it finds none, and the pack warns, before export, which pair of tables needed it.
import loadHighs from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { createPackServices } from '../engine/pack-services.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { PivotFilter } from '../query/pivot/spec.ts';
import { protectTable } from '../sdc/protect.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import type { SolveLpText } from '../sdc/test-independent-audit.ts';
import { differenceLeaks, sdcOf } from '../sdc/test-linked-attack.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { addItem } from './actions.ts';
import type { DocTable } from './document.ts';
import { resolvePack, type PackServices } from './resolve.ts';
import { newPack } from './spec.ts';
import { packGrid } from './test-pack-grid.ts';

let engine: Engine;
let services: PackServices;
let solveText: SolveLpText;
beforeAll(async () => {
  const opened = await openWithBuiltins();
  engine = opened.engine;
  services = createPackServices(engine, async (t, r) => protectTable(t, r, await loadNodeHighsSolver()), opened.manifest.datasets.map((d) => ({ ...d, fingerprint: opened.fingerprints[d.id] ?? null })), '0.0.0-test');
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
}, 60_000);
afterAll(() => engine.close());

const FIELDS = { rows: 'first_responder_type', columns: 'exploitation_type' };
const CASES: { name: string; filter: PivotFilter; where: string; caption: string }[] = [
  { name: 'gender ≠ Female', filter: { field: 'gender', op: 'not_in', values: ['Female'] }, where: "gender IS DISTINCT FROM 'Female'", caption: 'Referrals other than female' },
  { name: 'age = Adult', filter: { field: 'age_at_exploitation', op: 'in', values: ['Adult (18 or over)'] }, where: "age_at_exploitation = 'Adult (18 or over)'", caption: 'Adult referrals' },
];

function spec(filters: PivotFilter[]) {
  return parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' }, rows: [FIELDS.rows], columns: [FIELDS.columns], values: [{ field: 'referrals', aggregate: 'sum' }], filters, protection: { value: 0, rules: DEFAULT_SDC_RULES } });
}

describe('differencing between tables whose filters nest (Q4 2023, responder type × exploitation type)', () => {
  for (const c of CASES) {
    it(`all referrals and ${c.name}: small differences leak when protected alone, and nothing comes back when protected as a pack`, async () => {
      let p = newPack('2026-12-02');
      p = addItem(p, { kind: 'pivot', caption: 'All referrals', show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: spec([]) }).pack;
      p = addItem(p, { kind: 'pivot', caption: c.caption, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: spec([c.filter]) }).pack;
      const { doc, items } = await resolvePack(p, services);
      expect(items.map((i) => i.problem)).toEqual([null, null]);
      const [allTable, subTable] = doc.items.filter((i): i is DocTable => i.kind === 'table');
      const whole = await packGrid(engine, allTable!, { ...FIELDS, where: 'true' });
      const subset = await packGrid(engine, subTable!, { ...FIELDS, where: c.where }, whole.categories);

      // The cell: Government agency × Criminal, 113 of all referrals.
      const row = whole.categories.rows.indexOf('Government agency') + 1;
      const col = whole.categories.columns.indexOf('Criminal') + 1;
      expect(whole.grid.leaf(row, col)).toBe(113);
      if (c.name === 'gender ≠ Female') expect(subset.grid.leaf(row, col)).toBe(110);

      // Each table protected on its own: some difference of 1–9 can be worked out.
      const rules = DEFAULT_SDC_RULES;
      const solver = await loadNodeHighsSolver();
      const alone = await Promise.all([whole.grid, subset.grid].map(async (g) => (await protectTable(sdcOf(g).table, rules, solver)).cells));
      const before = differenceLeaks(whole.grid, subset.grid, [alone[0]!, alone[1]!], rules, solveText);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((l) => l.includes('(difference)'))).toBe(true);

      // As a pack: nothing, in either table or in any difference.
      expect(differenceLeaks(whole.grid, subset.grid, [whole.published, subset.published], rules, solveText)).toEqual([]);
      expect(doc.protectedTogether).toEqual([expect.stringMatching(/^2 tables protected together: \d+ cells suppressed, \d+ primary, \d+ secondary; audit passed \(“All referrals”, “.+”\)\.$/)]);
      expect(doc.differencing).toEqual([expect.stringMatching(new RegExp(`^“${c.caption}” keeps only the records of “All referrals” where .+: \\d+ of the differences between their figures (is a count|are counts) under 10, so cells are withheld in both`))]);
    }, 180_000);
  }

  it('links complementary subsets through the whole they add up to (Female and not Female, with all referrals)', async () => {
    let p = newPack('2026-12-02');
    const female: PivotFilter = { field: 'gender', op: 'in', values: ['Female'] };
    const notFemale: PivotFilter = { field: 'gender', op: 'not_in', values: ['Female'] };
    for (const [caption, filters] of [['Female', [female]], ['Not female', [notFemale]], ['All', []]] as const) {
      p = addItem(p, { kind: 'pivot', caption, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: spec([...filters]) }).pack;
    }
    const { doc, items } = await resolvePack(p, services);
    expect(items.map((i) => i.problem)).toEqual([null, null, null]);
    const [f, nf, all] = doc.items.filter((i): i is DocTable => i.kind === 'table');
    const whole = await packGrid(engine, all!, { ...FIELDS, where: 'true' });
    const rules = DEFAULT_SDC_RULES;
    for (const [table, where] of [[f!, "gender = 'Female'"], [nf!, "gender IS DISTINCT FROM 'Female'"]] as const) {
      const sub = await packGrid(engine, table, { ...FIELDS, where }, whole.categories);
      expect(differenceLeaks(whole.grid, sub.grid, [whole.published, sub.published], rules, solveText)).toEqual([]);
    }
    expect(doc.protectedTogether[0]).toMatch(/^3 tables protected together: .*audit passed/);
  }, 180_000);
});
