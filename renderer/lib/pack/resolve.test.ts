// A pack resolved on the real engine, the real HiGHS solver and ECharts' SVG renderer: a year × age pivot (table
// and chart), the 2011 police regions with their reconciliation note, a query, key figures, commentary — numbered,
// protected by default, every item with its provenance; and disclosure control off only with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { createPackServices } from '../engine/pack-services.ts';
import type { Manifest } from '../engine/manifest.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { protectTable } from '../sdc/protect.ts';
import { addItem, setDisclosure } from './actions.ts';
import type { DocFigure, DocTable } from './document.ts';
import { resolvePack, type PackServices } from './resolve.ts';
import { newPack, parsePackSpec, type PackSpec } from './spec.ts';
import { loadPack } from './load.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';

let engine: Engine;
let manifest: Manifest;
let services: PackServices;
beforeAll(async () => {
  let fingerprints: Record<string, string>;
  ({ engine, manifest, fingerprints } = await openWithBuiltins());
  services = createPackServices(engine, async (t, r) => protectTable(t, r, await loadNodeHighsSolver()), manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null })), '0.0.0-test');
}, 60_000);
afterAll(() => engine.close());

function pack(): PackSpec {
  let p = newPack('2026-11-28');
  const add = (item: Parameters<typeof addItem>[1]) => (p = addItem(p, item).pack);
  add({ kind: 'key-figures', caption: 'Key figures', figures: [{ label: 'referrals in 2011', sql: 'SELECT sum(referrals) FROM nrm_referrals_quarterly WHERE year = 2011', compareSql: 'SELECT sum(referrals) FROM nrm_referrals_quarterly WHERE year = 2010', compareLabel: 'on 2010' }] });
  add({ kind: 'commentary', markdown: '## Summary\nReferrals **rose**.' });
  add({ kind: 'pivot', caption: 'Referrals by year and age', show: 'both', notes: [], noteTargets: [], chart: null, savedName: null, spec: parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], columns: ['age_at_exploitation'], values: [{ field: 'referrals', aggregate: 'sum' }] }) });
  add({ kind: 'pivot', caption: 'Referrals by police region, 2011', show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: parsePivotSpec({ source: { kind: 'table', table: 'idmg2012_referrals_by_police_region_2011' }, rows: ['police_region'], values: [{ field: 'referrals_2011', aggregate: 'sum' }] }) });
  add({ kind: 'page-break' });
  add({ kind: 'query', caption: 'Vintages', sql: 'SELECT year, total_first_published, total_current_series FROM nrm_annual_totals_vintages ORDER BY year', notes: [], noteTargets: [] });
  return p;
}

describe('resolvePack', () => {
  it('numbers tables and figures, leaves published figures as published and records provenance', async () => {
    const { doc, items } = await resolvePack(pack(), services);
    expect(items.every((i) => i.problem === null)).toBe(true);
    expect(doc.items.map((i) => i.kind)).toEqual(['key-figures', 'commentary', 'table', 'figure', 'table', 'page-break', 'table']);
    const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');
    expect(tables.map((t) => [t.number, t.caption])).toEqual([[1, 'Referrals by year and age'], [2, 'Referrals by police region, 2011'], [3, 'Vintages']]);
    const figure = doc.items.find((i): i is DocFigure => i.kind === 'figure')!;
    expect(figure.number).toBe(1);
    expect(figure.svg.startsWith('<svg')).toBe(true);
    expect(figure.altText).toContain('The figures are in Table 1.');

    // 2011 = 936 in the current series, 210 (+28.9 %, shown to the whole per cent) more than 2010's 726 (as published).
    const kf = doc.items[0]!;
    expect(kf.kind === 'key-figures' && kf.figures).toEqual([{ value: '936', label: 'referrals in 2011, 210 more (+29 %) than 2010' }]);

    // The built-in series is published by the Home Office: its figures are not re-suppressed (2018 and 2019's Child
    // figures, 3,129 and 4,548, stay as published beside a "not specified" count of 1), and provenance says why.
    const years = tables[0]!;
    expect(years.provenance.disclosure).toMatchObject({ applied: false });
    expect(years.provenance.disclosure!.summary).toMatch(/^Published by the Home Office on 7 March 2024 \(NRM referrals by quarter, age and location of exploitation\), not re-suppressed/);
    const child = years.columns.findIndex((c) => c.header === 'Child (17 or under)');
    const row = (year: string) => years.rows.find((r) => r.cells[0]!.value === year)!.cells[child]!;
    expect([row('2018'), row('2019')]).toEqual([{ value: 3129, status: null }, { value: 4548, status: null }]);
    expect(years.columns[0]!.header).toBe('Year');
    expect(years.provenance.sql.join('\n')).toMatch(/CREATE OR REPLACE TEMP TABLE[\s\S]*GROUPING SETS/);
    expect(years.provenance.datasets.map((d) => d.id)).toEqual(['nrm_referrals_quarterly']);
    expect(years.provenance.datasets[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const published = (await engine.query('SELECT sum(total_current_series) AS t FROM nrm_annual_totals_vintages WHERE year <= 2023')).table.toArray()[0]!;
    expect(years.rows.at(-1)!.cells.at(-1)!.value).toBe(Number(published.t)); // the grand total, unprotected by rounding

    const regions = tables[1]!;
    expect(regions.provenance.checks).toEqual([expect.stringMatching(/The grand total is 931 while the total stated .* is 946: 15 short\.$/)]);
    expect(regions.rows.flatMap((r) => r.cells).some((c) => c.status?.code === 'c')).toBe(false); // no region under 10 in 2011
    // The gap is printed with the table as a note, not only in the appendix.
    expect(regions.notes).toEqual(['note 1']);
    expect(doc.notes).toEqual([{ id: 'note 1', text: regions.provenance.checks[0] }]);

    expect(tables[2]!.provenance.disclosure!.summary).toMatch(/published as it is/);
    expect(doc.attribution.join(' ')).toContain('Open Government Licence');
    expect(doc.meta.appVersion).toBe('0.0.0-test');
  }, 120_000);

  it('protects a published table when the analyst asks, and unpublished (synthetic) data by default', async () => {
    let p = newPack('2026-12-02');
    const add = (spec: unknown) => (p = addItem(p, { kind: 'pivot', caption: '', show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec: parsePivotSpec(spec) }).pack);
    add({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], columns: ['age_at_exploitation'], values: [{ field: 'referrals', aggregate: 'sum' }], protection: { value: 0, rules: DEFAULT_SDC_RULES } });
    add({ source: { kind: 'table', table: 'synthetic_nrm_cases' }, rows: ['police_region'], columns: ['gender'], values: [{ field: null, aggregate: 'count' }] });
    p = parsePackSpec({ ...p, items: p.items.map((it, i) => (i === 0 ? { ...it, show: 'both' } : it)) });
    const { doc } = await resolvePack(p, services);
    const [asked, synthetic] = doc.items.filter((i): i is DocTable => i.kind === 'table');
    // Its chart marks every withheld value "[c]" and says how many, below the figure and in its text alternative.
    const withheld = asked!.rows.flatMap((r) => r.cells).filter((c) => c.status?.code === 'c').length;
    const figure = doc.items.find((i): i is DocFigure => i.kind === 'figure')!;
    expect(withheld).toBeGreaterThan(0);
    expect(figure.withheld).toMatch(/^\d+ values? (is|are) withheld \(\[c\]\) so that no individual can be identified/);
    expect(figure.altText).toContain(figure.withheld!);
    expect(figure.svg.split('>[c]<').length - 1).toBe(Number(/^\d+/.exec(figure.withheld!)![0]));
    expect(asked!.provenance.disclosure).toMatchObject({ applied: true, summary: expect.stringMatching(/audit passed$/) });
    expect(synthetic!.provenance.disclosure).toMatchObject({ applied: true, summary: expect.stringMatching(/audit passed$/) });
    // The manifest's labels head the columns; a count of case records reads as the manifest names them.
    expect(synthetic!.columns[0]!.header).toBe('Police region');
    expect(synthetic!.headerRows[0]![0]).toBe('Police region');
  }, 120_000);

  it('disclosure control goes off only with a reason, and the reason travels with every table', async () => {
    expect(() => setDisclosure(pack(), false)).toThrow('only with a reason');
    const off = setDisclosure(pack(), false, 'Internal working copy for the analysis team only');
    const { doc } = await resolvePack(off, services);
    expect(doc.disclosure).toEqual({ on: false, offReason: 'Internal working copy for the analysis team only' });
    const t = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    expect(t.provenance.disclosure).toMatchObject({ applied: false, offReason: 'Internal working copy for the analysis team only' });
  }, 120_000);

  it('an item that cannot be produced becomes a notice in the pack, and the rest still resolves', async () => {
    const bad = addItem(pack(), { kind: 'query', caption: 'Broken', sql: 'SELECT * FROM no_such_table', notes: [], noteTargets: [] }, 0).pack;
    const { doc, items } = await resolvePack(bad, services);
    expect(items[0]!.problem).toMatch(/^Item 1 could not be produced: .*no_such_table/);
    expect(doc.items[0]!.kind).toBe('commentary');
    expect(doc.items.filter((i) => i.kind === 'table')).toHaveLength(3);
  }, 120_000);

  it('notes mark a column header and a row label; a marker whose row has gone is reported in the checks', async () => {
    let p = pack();
    p = { ...p, notes: [{ id: 'note 1', text: 'Age at exploitation, as recorded by the first responder.' }, { id: 'note 2', text: 'Provisional.' }] };
    const id = p.items[2]!.id;
    p = parsePackSpec({ ...p, items: p.items.map((it) => (it.id === id ? { ...it, notes: ['note 1'], noteTargets: [{ note: 'note 1', column: 'Child (17 or under)', row: null }, { note: 'note 2', column: null, row: '2023' }, { note: 'note 2', column: null, row: '1999' }] } : it)) });
    const { doc } = await resolvePack(p, services);
    const t = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    expect(t.columns.map((c) => c.header)).toContain('Child (17 or under) [note 1]');
    expect(t.rows.map((r) => r.cells[0]!.value)).toContain('2023 [note 2]');
    expect(t.notes).toEqual(['note 1', 'note 2']);
    expect(t.provenance.checks).toContain('[note 2] is attached to the row "1999", which Table 1 no longer has.');
  }, 120_000);

  it('an item added from a saved pivot follows the saved pivot as it is re-saved, and says so when it is gone', async () => {
    const byYear = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], values: [{ field: 'referrals', aggregate: 'sum' }] });
    const byAge = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['age_at_exploitation'], values: [{ field: 'referrals', aggregate: 'sum' }] });
    const saved = new Map([['Referrals', { spec: byAge, chart: null }]]);
    const follow = { ...services, savedPivot: (name: string) => saved.get(name) ?? null };
    const p = addItem(newPack('2026-11-28'), { kind: 'pivot', caption: '', spec: byYear, chart: null, savedName: 'Referrals', show: 'table', notes: [], noteTargets: [] }).pack;
    const first = (await resolvePack(p, follow)).doc.items[0] as DocTable;
    expect(first.columns[0]!.header).toBe('Age at exploitation'); // the saved version, not the copy taken when added
    saved.clear();
    const gone = await resolvePack(p, follow);
    expect(gone.items[0]!.problem).toBe('Item 1 could not be produced: the saved pivot "Referrals" no longer exists; open and save it again, or remove this item.');
  }, 120_000);

  it('a frozen item keeps its snapshot even when the data change', async () => {
    const p = pack();
    const { items } = await resolvePack(p, services);
    const frozen = parsePackSpec({ ...p, items: p.items.map((it, i) => ({ ...it, frozen: i === 2 ? items[2]!.parts : null })) });
    await engine.query('CREATE TEMP TABLE keep AS SELECT 1');
    const again = await resolvePack(frozen, services);
    expect(again.items[2]!.parts).toEqual(items[2]!.parts);
  }, 120_000);

  it('every resolved item, frozen and stored as text, reads back unchanged (the snapshot parser accepts what the resolver makes)', async () => {
    const p = pack();
    const { items } = await resolvePack(p, services);
    // Commentary and page breaks are never frozen (they have no figures); every other kind is.
    const freezable = (kind: string) => kind !== 'commentary' && kind !== 'page-break';
    const frozen = { ...p, items: p.items.map((it, i) => ({ ...it, frozen: freezable(it.kind) ? items[i]!.parts : null })) };
    const { spec, unreadable } = loadPack(JSON.stringify(frozen), '2026-11-28');
    expect(unreadable).toEqual([]);
    expect(spec.items.filter((it) => it.frozen).map((it) => it.kind)).toEqual(['key-figures', 'pivot', 'pivot', 'query']);
    expect(spec.items.map((it) => it.frozen)).toEqual(JSON.parse(JSON.stringify(frozen.items.map((it) => it.frozen))));
  }, 120_000);
});
