// A pack's count tables protected together, on the real Q4 2023 detail data, the real engine and HiGHS: police force
// × age publishes each force's total, which police force × exploitation type used to hide — and with both tables a
// reader narrowed Cleveland × Criminal from [1, 58] to [1, 8]. Resolved as one pack, the two tables are linked: the
// attacker written apart from the audit, reading every figure of both, narrows no confidential count below its
// protection, and the pack says which tables were protected together. A rounded table carries the rounding note.
import loadHighs from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { NodeEngine } from '../engine/node.ts';
import { createPackServices } from '../engine/pack-services.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { protectTable, type ProtectedCell } from '../sdc/protect.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import type { SolveLpText } from '../sdc/test-independent-audit.ts';
import { leaks, type Grid } from '../sdc/test-linked-attack.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { addItem } from './actions.ts';
import type { DocTable } from './document.ts';
import { resolvePack, type PackServices } from './resolve.ts';
import { newPack, type PackSpec } from './spec.ts';

let engine: NodeEngine;
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
    const spec = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' }, rows: ['first_responder'], columns: [column], values: [{ field: 'referrals', aggregate: 'sum' }], filters: POLICE });
    p = addItem(p, { kind: 'pivot', caption, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec }).pack;
  }
  return p;
}

/** The table's grid (forces × column field, totals first) from the engine, and its published cells from the document. */
async function gridOf(column: string, table: DocTable): Promise<{ grid: Grid; published: ProtectedCell[] }> {
  const { table: t } = await engine.query(`SELECT first_responder AS r, ${column} AS c, sum(referrals)::DOUBLE AS n FROM nrm_referrals_2023q4_detail WHERE first_responder_type = 'Police' GROUP BY ALL`);
  const rows = t.toArray().map((x) => x.toJSON() as { r: string; c: string; n: number });
  const forces = [...new Set(rows.map((x) => x.r))].sort();
  const cats = [...new Set(rows.map((x) => x.c))].sort();
  const counts = new Map(rows.map((x) => [`${x.r}|${x.c}`, x.n]));
  const grid: Grid = {
    rows: { label: 'Total', children: forces.map((label) => ({ label })) },
    cols: { label: 'Total', children: cats.map((label) => ({ label })) },
    leaf: (r, c) => counts.get(`${forces[r - 1]}|${cats[c - 1]}`) ?? 0,
  };
  const header = table.columns.map((c) => c.header);
  const published: ProtectedCell[] = [];
  for (const r of ['Total', ...forces]) {
    const row = table.rows.find((x) => x.cells[0]!.value === r)!;
    for (const c of ['Total', ...cats]) {
      const j = header.findIndex((h) => h === c || h.endsWith(`: ${c}`));
      expect(j, `${c} in ${header.join(' | ')}`).toBeGreaterThan(0);
      const cell = row.cells[j]!;
      published.push({ label: `${r} × ${c}`, value: 0, published: typeof cell.value === 'number' ? cell.value : null, status: cell.status });
    }
  }
  return { grid, published };
}

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
    const { doc } = await resolvePack(p, services);
    const table = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    const texts = table.notes.map((id) => doc.notes.find((n) => n.id === id)?.text);
    expect(texts).toContain('Figures are rounded to the nearest 5; totals may not equal the sum of their parts.');
    expect(table.rows.flatMap((r) => r.cells.slice(1)).every((c) => c.value === null || (c.value as number) % 5 === 0)).toBe(true);
  }, 60_000);
});
