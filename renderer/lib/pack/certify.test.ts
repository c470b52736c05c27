// Provenance is verified, not assumed: a pack certifies a built-in dataset's file and SHA-256 only while the table
// still holds exactly what was loaded from it. Tampered here on the real engine (an UPDATE, a shadowing temporary
// table), the items over it are refused with the reason, the rest of the pack still resolves, and a query item that
// would write is refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { createPackServices } from '../engine/pack-services.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { protectTable } from '../sdc/protect.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { addItem } from './actions.ts';
import { resolvePack, type PackServices } from './resolve.ts';
import { newPack, type PackSpec } from './spec.ts';

let engine: Engine;
let services: PackServices;
beforeAll(async () => {
  const opened = await openWithBuiltins();
  engine = opened.engine;
  const datasets = opened.manifest.datasets.map((d) => ({ ...d, fingerprint: opened.fingerprints[d.id] ?? null }));
  services = createPackServices(engine, async (t, r) => protectTable(t, r, await loadNodeHighsSolver()), datasets, '0.0.0-test');
}, 60_000);
afterAll(() => engine.close());

function pack(): PackSpec {
  let p = newPack('2026-12-01');
  const add = (item: Parameters<typeof addItem>[1]) => (p = addItem(p, item).pack);
  add({ kind: 'pivot', caption: 'Referrals by year', show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], values: [{ field: 'referrals', aggregate: 'sum' }] }) });
  add({ kind: 'key-figures', caption: 'Key figures', figures: [{ label: 'referrals in 2011', sql: 'SELECT sum(referrals) FROM nrm_referrals_quarterly WHERE year = 2011', compareSql: '', compareLabel: '' }] });
  add({ kind: 'query', caption: 'Vintages', sql: 'SELECT year, total_first_published FROM nrm_annual_totals_vintages ORDER BY year', notes: [], noteTargets: [] });
  return p;
}

const problems = async (p: PackSpec) => (await resolvePack(p, services)).items.map((i) => i.problem);

describe('certified provenance', () => {
  it('certifies untouched built-in tables', async () => {
    const { doc, items } = await resolvePack(pack(), services);
    expect(items.map((i) => i.problem)).toEqual([null, null, null]);
    const table = doc.items.find((i) => i.kind === 'table')!;
    expect(table.kind === 'table' && table.provenance.datasets[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses items over a table changed after loading, and only those', async () => {
    await engine.query('UPDATE nrm_referrals_quarterly SET referrals = referrals * 10 WHERE year = 2011');
    const [pivot, figures, query] = await problems(pack());
    expect(pivot).toMatch(/^Item 1 could not be produced: its figures come from .+, which no longer holds exactly the published figures loaded from its file/);
    expect(figures).toMatch(/no longer holds exactly the published figures/);
    expect(query).toBeNull();
    await engine.query('UPDATE nrm_referrals_quarterly SET referrals = referrals // 10 WHERE year = 2011');
    expect(await problems(pack())).toEqual([null, null, null]); // the same figures again: certified again
  });

  it('sees a table that hides the published one under its name', async () => {
    await engine.query('CREATE TEMP TABLE nrm_annual_totals_vintages AS SELECT * FROM main.nrm_annual_totals_vintages');
    expect((await problems(pack()))[2]).toBeNull(); // an identical copy holds the same figures
    await engine.query('UPDATE temp.nrm_annual_totals_vintages SET total_first_published = 0');
    expect((await problems(pack()))[2]).toMatch(/^Item 3 could not be produced: its figures come from .+ no longer holds exactly/);
    await engine.query('DROP TABLE temp.nrm_annual_totals_vintages');
  });

  it('refuses a query item that would change data, in words', async () => {
    const p = addItem(newPack('2026-12-01'), { kind: 'query', caption: 'Sneaky', sql: 'DELETE FROM nrm_referrals_quarterly', notes: [], noteTargets: [] }).pack;
    expect(await problems(p)).toEqual(['Item 1 could not be produced: Only a query that reads data can be used here: this SQL would change data.']);
  });
});
