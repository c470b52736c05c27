// Tests of the headless rebuild's resolve-and-check (lib/services/pack-build.ts) on the real engine over the
// built-in data: a pack that builds clean, a total that does not reconcile (the 2011 police-region table adds up to
// 931 while its source states 946), an item that cannot be produced, and a frozen item checked against a fresh run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { addItem, freezeItem } from '../pack/actions.ts';
import type { DocItem } from '../pack/document.ts';
import type { DatasetInfo } from '../pack/resolve.ts';
import { newPack, type PackSpec } from '../pack/spec.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import { protectTable } from '../sdc/protect.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { buildPack, type BuildProgress } from './pack-build.ts';

let engine: Engine;
let datasets: DatasetInfo[];

beforeAll(async () => {
  const opened = await openWithBuiltins();
  engine = opened.engine;
  datasets = opened.manifest.datasets.map((d) => ({ ...d, fingerprint: opened.fingerprints[d.id] ?? null }));
});
afterAll(() => engine.close());

const build = (pack: PackSpec, compareFrozen = false, onProgress?: (e: BuildProgress) => void) =>
  buildPack({ engine, datasets, pack, savedPivots: [], appVersion: 'test', protect: async (t, r) => protectTable(t, r, await loadNodeHighsSolver()), compareFrozen, onProgress, now: () => '2026-12-01T00:00:00.000Z' });

function pack(...tables: Array<[string, string, string]>): PackSpec {
  let p = newPack('2026-11-28');
  for (const [table, rows, value] of tables) {
    const spec = parsePivotSpec({ source: { kind: 'table', table }, rows: [rows], values: [{ field: value, aggregate: 'sum' }] });
    p = addItem(p, { kind: 'pivot', caption: '', spec, chart: null, savedName: null, show: 'table', notes: [], noteTargets: [] }).pack;
  }
  return p;
}

describe('buildPack', () => {
  it('resolves the pack as the app does and lists each failed check with its item', async () => {
    const events: BuildProgress[] = [];
    const p = pack(['nrm_referrals_quarterly', 'year', 'referrals'], ['idmg2012_referrals_by_police_region_2011', 'police_region', 'referrals_2011'], ['no_such_table', 'x', 'y']);
    const { doc, failures } = await build(p, false, (e) => events.push(e));
    expect(events).toEqual([{ kind: 'resolving', items: 3 }]);
    expect(doc.meta.exportedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(doc.items.filter((i) => i.kind === 'table')).toHaveLength(2);
    expect(failures.map((f) => [f.kind, f.item])).toEqual([['reconciliation', 2], ['item-failed', 3]]);
    const gap = failures[0]!;
    expect(gap.kind === 'reconciliation' && gap.check).toMatchObject({ kind: 'stated', passes: false, difference: 15 });
  });

  it('compares a frozen item with a fresh run only when asked, and finds an edited figure', async () => {
    const p = pack(['nrm_referrals_quarterly', 'year', 'referrals']);
    const first = await build(p);
    const parts = structuredClone(first.resolved.items[0]!.parts) as DocItem[];
    const frozen = freezeItem(p, p.items[0]!.id, parts);
    expect((await build(frozen, true)).failures).toEqual([]);
    const table = parts[0]!;
    if (table.kind !== 'table') throw new Error('expected a table');
    table.rows[2]!.cells[1]!.value = 12345;
    const events: BuildProgress[] = [];
    expect((await build(freezeItem(p, p.items[0]!.id, parts))).failures).toEqual([]);
    const { failures } = await build(freezeItem(p, p.items[0]!.id, parts), true, (e) => events.push(e));
    expect(events).toEqual([{ kind: 'resolving', items: 1 }, { kind: 'comparing-frozen', items: 1 }]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'frozen-differs', item: 1, difference: { frozen: '12345', count: 1 } });
  });
});
