// A pack's count tables protected together, on the real Q4 2023 detail data, the real engine and HiGHS: police force
// × age publishes each force's total, which police force × exploitation type used to hide — and with both tables a
// reader narrowed Cleveland × Criminal from [1, 58] to [1, 8]. Resolved as one pack, the two tables are linked: the
// attacker written apart from the audit, reading every figure of both, narrows no confidential count below its
// protection, and the pack says which tables were protected together. A rounded table carries the rounding note.
import loadHighs from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { createPackServices } from '../engine/pack-services.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { protectTable } from '../sdc/protect.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import type { SolveLpText } from '../sdc/test-independent-audit.ts';
import { leaks } from '../sdc/test-linked-attack.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { addItem } from './actions.ts';
import type { DocTable } from './document.ts';
import { resolvePack, type PackServices } from './resolve.ts';
import { formatNumber } from '../viz/format.ts';
import { newPack, type PackSpec } from './spec.ts';
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

const POLICE = [{ field: 'first_responder_type', op: 'in', values: ['Police'] }];
const BY = { age_at_exploitation: 'Referrals by police force and age', exploitation_type: 'Referrals by police force and exploitation type' } as const;

function pack(): PackSpec {
  let p = newPack('2026-12-01');
  for (const [column, caption] of Object.entries(BY)) {
    const spec = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' }, rows: ['first_responder'], columns: [column], values: [{ field: 'referrals', aggregate: 'sum' }], filters: POLICE, protection: { value: 0, rules: DEFAULT_SDC_RULES } });
    p = addItem(p, { kind: 'pivot', caption, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec }).pack;
  }
  return p;
}

const gridOf = (column: string, table: DocTable) => packGrid(engine, table, { rows: 'first_responder', columns: column, where: "first_responder_type = 'Police'" });

describe('a pack of linked tables', () => {
  it('protects police force × age and × exploitation type together: nothing comes back from reading both', async () => {
    const { doc, items } = await resolvePack(pack(), services);
    expect(items.map((i) => i.problem)).toEqual([null, null]);
    expect(doc.protectedTogether).toEqual([expect.stringMatching(/^2 tables protected together: \d+ cells suppressed, \d+ primary, \d+ secondary; audit passed \(“Referrals by police force and age”, “Referrals by police force and exploitation type”\)\.$/)]);
    const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');
    for (const t of tables) expect(t.provenance.disclosure!.summary).toMatch(/\(protected together with 1 other table\)$/);
    const [age, type] = [await gridOf('age_at_exploitation', tables[0]!), await gridOf('exploitation_type', tables[1]!)];
    expect(leaks([age.grid, type.grid], [age.published, type.published], DEFAULT_SDC_RULES, solveText)).toEqual([]);
    // Cleveland Police's total: one cell, published or withheld in both tables alike.
    const cleveland = (t: DocTable) => t.rows.find((r) => String(r.cells[0]!.value).startsWith('Cleveland'))!.cells.at(-1)!;
    expect(cleveland(tables[0]!).status).toEqual(cleveland(tables[1]!).status);
  }, 120_000);

  it('protects a pack table together with a saved pivot the analyst marked "published together"', async () => {
    const [age, type] = pack().items.map((it) => (it.kind === 'pivot' ? it.spec : null));
    const marked = { ...type!, protection: { value: 0, rules: DEFAULT_SDC_RULES, together: true as const } };
    const withSaved = { ...services, publishedTogether: () => [{ name: 'Police by exploitation type', spec: marked }] };
    let p = newPack('2026-12-02');
    p = addItem(p, { kind: 'pivot', caption: BY.age_at_exploitation, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: age! }).pack;
    const { doc } = await resolvePack(p, withSaved);
    expect(doc.protectedTogether).toEqual([
      expect.stringMatching(/^2 tables protected together: .*audit passed \(“Referrals by police force and age”, “Police by exploitation type” \(saved pivot published together\)\)\.$/),
    ]);
    // Read with the saved pivot as it is published (protected jointly, the same way), nothing comes back.
    const alone = await resolvePack(pack(), services);
    const typeTable = alone.doc.items.filter((i): i is DocTable => i.kind === 'table')[1]!;
    const ageTable = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    const [a, t] = [await gridOf('age_at_exploitation', ageTable), await gridOf('exploitation_type', typeTable)];
    expect(leaks([a.grid, t.grid], [a.published, t.published], DEFAULT_SDC_RULES, solveText)).toEqual([]);
  }, 120_000);

  it('withholds a key figure that is the true count of a cell the tables withhold', async () => {
    const p = addItem(pack(), {
      kind: 'key-figures',
      caption: 'Key figures',
      figures: (['Cleveland Police', 'Metropolitan Police Service'] as const).map((force) => ({
        label: `referrals by ${force}`,
        sql: `SELECT sum(referrals) FROM nrm_referrals_2023q4_detail WHERE first_responder_type = 'Police' AND first_responder = '${force}'`,
        compareSql: '',
        compareLabel: '',
      })),
    }).pack;
    const { doc } = await resolvePack(p, services);
    const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');
    const total = (force: string) => tables[0]!.rows.find((r) => r.cells[0]!.value === force)!.cells.at(-1)!;
    const keys = doc.items.find((i) => i.kind === 'key-figures')!;
    expect(total('Cleveland Police').status).toMatchObject({ code: 'c' });
    expect(keys.figures[0]!.value).toBe('[c]');
    // A published total is printed as the tables print it.
    expect(total('Metropolitan Police Service').status).toBeNull();
    expect(keys.figures[1]!.value).toBe(formatNumber(total('Metropolitan Police Service').value as number));
  }, 120_000);
});

describe('a rounded table in a pack', () => {
  it('carries the rounding note under the table itself', async () => {
    let p = newPack('2026-12-01');
    const spec = parsePivotSpec({
      source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' },
      rows: ['first_responder_type'],
      columns: ['age_at_exploitation'],
      values: [{ field: 'referrals', aggregate: 'sum' }],
      protection: { value: 0, rules: { ...DEFAULT_SDC_RULES, roundingBase: 5 } },
    });
    p = addItem(p, { kind: 'pivot', caption: 'Rounded', show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec }).pack;
    const all = 'SELECT sum(referrals) FROM nrm_referrals_2023q4_detail';
    const govt = `${all} WHERE first_responder_type = 'Government agency'`;
    p = addItem(p, { kind: 'key-figures', caption: 'Key figures', figures: [{ label: 'referrals', sql: all, compareSql: govt, compareLabel: 'on government agencies' }] }).pack;
    const { doc } = await resolvePack(p, services);
    // The key figure is the table's grand total, printed as the table prints it (4,141 → 4,140), and its comparison is
    // worked out from printed figures (4,140 against 1,910, not 4,141 against 1,908).
    const keys = doc.items.find((i) => i.kind === 'key-figures')!;
    expect(keys.caption).toBe('Key figures (rounded to a multiple of 5, as the tables are)');
    expect(keys.figures[0]).toEqual({ value: '4,140', label: `referrals, ${formatNumber(4140 - 1910)} more (+${Math.round(((4140 - 1910) / 1910) * 100)} %) than government agencies` });
    const table = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    const texts = table.notes.map((id) => doc.notes.find((n) => n.id === id)?.text);
    expect(texts).toContain('Figures are rounded to the nearest 5; totals may not equal the sum of their parts.');
    expect(table.rows.flatMap((r) => r.cells.slice(1)).every((c) => c.value === null || (c.value as number) % 5 === 0)).toBe(true);
  }, 60_000);
});
