// Script layer (part of `npm run bench`; alone: `npx tsx scripts/bench-sdc-linked.ts`): protection of tables
// published together. Three linked 100 × 50 tables with subtotals (one seeded row hierarchy shared, each table's
// columns a different split of the same row totals), in heuristic and optimal mode, against protecting each alone
// (time, cells suppressed, the suppressed total); and a 3-table pack over the Q4 2023 detail data (police forces by
// age, exploitation type and gender) resolved on the engine, its tables protected together.
import { openWithBuiltins } from '../renderer/lib/engine/node-builtin.ts';
import { createPackServices } from '../renderer/lib/engine/pack-services.ts';
import { addItem } from '../renderer/lib/pack/actions.ts';
import { resolvePack } from '../renderer/lib/pack/resolve.ts';
import { newPack } from '../renderer/lib/pack/spec.ts';
import { parsePivotSpec } from '../renderer/lib/query/pivot/parse.ts';
import { DEFAULT_SDC_RULES } from '../renderer/lib/sdc/rules.ts';
import { protectLinked, type LinkedMember } from '../renderer/lib/sdc/linked.ts';
import { protectTable } from '../renderer/lib/sdc/protect.ts';
import { parseSdcRules } from '../renderer/lib/sdc/rules.ts';
import { hierarchicalTable, type AxisNode } from '../renderer/lib/sdc/table.ts';
import { loadNodeHighsSolver } from '../renderer/lib/solver/highs-node.ts';
import { mulberry32 } from './synthetic/prng.ts';

export interface LinkedBenchResult {
  name: string;
  ms: number;
  cells: number;
  suppressed: number;
  /** Suppressed total over every table's cells (a shared cell counted in each table that shows it). */
  suppressedTotal: number;
}

function axis(name: string, leaves: number, groups: number): AxisNode {
  const per = leaves / groups;
  return {
    label: 'Total',
    children: Array.from({ length: groups }, (_, g) => ({ label: `${name} group ${g + 1}`, children: Array.from({ length: per }, (_, k) => ({ label: `${name} ${g * per + k + 1}` })) })),
  };
}

/** Three 100 × 50 tables over the same 100 rows: each row's records split three ways at random. */
export function linkedBenchTables(seed = 100503): LinkedMember[] {
  const next = mulberry32(seed);
  const rowTotals = Array.from({ length: 100 }, () => 40 + Math.floor(next() * 400));
  return ['A', 'B', 'C'].map((name) => {
    const split = rowTotals.map((total) => {
      // Half the columns get records, unevenly, so many cells are small: real primary and secondary suppression.
      const weights = Array.from({ length: 50 }, () => (next() < 0.5 ? 0 : next() ** 3));
      const sum = weights.reduce((s, w) => s + w, 0) || 1;
      const cells = weights.map((w) => Math.floor((total * w) / sum));
      cells[weights.indexOf(Math.max(...weights))]! += total - cells.reduce((s, c) => s + c, 0);
      return cells;
    });
    const table = hierarchicalTable(axis('Row', 100, 10), axis(`${name} column`, 50, 5), (r, c) => (r.isLeaf && c.isLeaf ? split[Number(r.label.split(' ').at(-1)) - 1]![Number(c.label.split(' ').at(-1)) - 1]! : 0), { computeTotals: true });
    // A row's total is the same cell in every table; every other cell is this table's own.
    const keys = table.labels.map((label) => {
      const [row, column] = label.split(' × ');
      return column === 'Total' ? row! : `${name}: ${label}`;
    });
    return { table, keys };
  });
}

const suppressedOf = (cells: readonly { value: number; status: unknown }[]) => cells.filter((c) => c.status !== null && (c.status as { code: string }).code === 'c');

export async function benchSdcLinked(): Promise<LinkedBenchResult[]> {
  const solver = await loadNodeHighsSolver();
  const timeLimitSeconds = Number(process.env.BENCH_SDC_TIME_LIMIT ?? 60);
  const members = linkedBenchTables();
  const cells = members.reduce((s, m) => s + m.table.size, 0);
  const out: LinkedBenchResult[] = [];
  const t0 = performance.now();
  const alone = [];
  for (const m of members) alone.push(await protectTable(m.table, parseSdcRules({}), solver));
  const hidden = alone.flatMap((r) => suppressedOf(r.cells));
  out.push({ name: 'sdc three linked 100×50 tables, each protected on its own (heuristic)', ms: performance.now() - t0, cells, suppressed: hidden.length, suppressedTotal: hidden.reduce((s, c) => s + c.value, 0) });
  for (const mode of ['heuristic', 'optimal'] as const) {
    const t1 = performance.now();
    const together = await protectLinked(members, parseSdcRules({ mode }), solver, { timeLimitSeconds });
    const all = together.members.flatMap((r) => suppressedOf(r.cells));
    const proof = mode === 'optimal' ? (together.joint.provenOptimal ? ', proven optimal' : ', best found in the time limit') : '';
    out.push({ name: `sdc three linked 100×50 tables protected together (${mode}${proof}; audit ${together.joint.audit.passed ? 'passed' : 'FAILED'})`, ms: performance.now() - t1, cells, suppressed: all.length, suppressedTotal: all.reduce((s, c) => s + c.value, 0) });
  }
  out.push(await benchLinkedPack(solver));
  return out;
}

/** A pack of three pivots of the police forces' Q4 2023 referrals (by age, exploitation type, gender), resolved. */
async function benchLinkedPack(solver: Awaited<ReturnType<typeof loadNodeHighsSolver>>): Promise<LinkedBenchResult> {
  const { engine, manifest, fingerprints } = await openWithBuiltins();
  try {
    const services = createPackServices(engine, (t, r) => protectTable(t, r, solver), manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null })), 'bench');
    let pack = newPack('2026-12-01');
    for (const [column, words] of [['age_at_exploitation', 'age'], ['exploitation_type', 'exploitation type'], ['gender', 'gender']] as const) {
      const spec = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_2023q4_detail' }, rows: ['first_responder'], columns: [column], values: [{ field: 'referrals', aggregate: 'sum' }], filters: [{ field: 'first_responder_type', op: 'in', values: ['Police'] }], protection: { value: 0, rules: DEFAULT_SDC_RULES } });
      pack = addItem(pack, { kind: 'pivot', caption: `Police forces by ${words}`, show: 'table', notes: [], noteTargets: [], chart: null, savedName: null, spec }).pack;
    }
    const t0 = performance.now();
    const { doc } = await resolvePack(pack, services);
    const ms = performance.now() - t0;
    const hidden = doc.items.flatMap((i) => (i.kind === 'table' ? i.rows.flatMap((r) => r.cells.filter((c) => c.status?.code === 'c')) : []));
    return { name: `pack of 3 police-force tables, Q4 2023 detail, resolved and protected together: ${doc.protectedTogether.join(' ')}`, ms, cells: 0, suppressed: hidden.length, suppressedTotal: 0 };
  } finally {
    await engine.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table((await benchSdcLinked()).map((r) => ({ ...r, ms: Math.round(r.ms) })));
}
