// Script layer (benchmark, not a test): times disclosure control on two deterministic, seeded hierarchical count
// tables shaped like a pivot with subtotals — 20×20 (rows and columns in 4 groups) and 100×50 (10 and 5 groups) —
// with many small counts, so there is real primary and secondary suppression. For each it measures protection in
// heuristic and optimal mode and the audit on its own, with HiGHS in Node, and reports cells suppressed and the
// information lost (suppressed total as % of the grand total). Run alone: `npx tsx scripts/bench-sdc.ts`;
// `BENCH_SDC_TIME_LIMIT` (seconds, default 60) bounds the optimal mode per table.
import { audit } from '../renderer/lib/sdc/audit.ts';
import { suppressionProblem } from '../renderer/lib/sdc/primary.ts';
import { protectTable } from '../renderer/lib/sdc/protect.ts';
import { parseSdcRules } from '../renderer/lib/sdc/rules.ts';
import { hierarchicalTable, type AxisNode, type SdcTable } from '../renderer/lib/sdc/table.ts';
import { loadNodeHighsSolver } from '../renderer/lib/solver/highs-node.ts';
import { mulberry32 } from './synthetic/prng.ts';

export interface SdcBenchResult {
  name: string;
  ms: number;
  cells: number;
  primary: number;
  secondary: number;
  lossPct: number;
  provenOptimal?: boolean;
}

function axis(name: string, leaves: number, groups: number): AxisNode {
  const per = leaves / groups;
  return {
    label: 'Total',
    children: Array.from({ length: groups }, (_, g) => ({
      label: `${name} group ${g + 1}`,
      children: Array.from({ length: per }, (_, k) => ({ label: `${name} ${g * per + k + 1}` })),
    })),
  };
}

/** Leaf counts: 15 % zero, 35 % from 1 to 9 (confidential under 10), the rest 10 to 79. */
export function benchTable(rows: number, rowGroups: number, cols: number, colGroups: number, seed: number): SdcTable {
  const next = mulberry32(seed);
  return hierarchicalTable(
    axis('Row', rows, rowGroups),
    axis('Column', cols, colGroups),
    () => {
      const u = next();
      return u < 0.15 ? 0 : u < 0.5 ? 1 + Math.floor(next() * 9) : 10 + Math.floor(next() * 70);
    },
    { computeTotals: true },
  );
}

export async function benchSdc(): Promise<SdcBenchResult[]> {
  const solver = await loadNodeHighsSolver();
  const timeLimitSeconds = Number(process.env.BENCH_SDC_TIME_LIMIT ?? 60);
  const out: SdcBenchResult[] = [];
  const sizes = [
    { label: '20×20', table: benchTable(20, 4, 20, 4, 20) },
    { label: '100×50', table: benchTable(100, 10, 50, 5, 10050) },
  ];
  for (const { label, table } of sizes) {
    let heuristicPattern: Uint8Array | null = null;
    for (const mode of ['heuristic', 'optimal'] as const) {
      const rules = parseSdcRules({ mode });
      const t0 = performance.now();
      const result = await protectTable(table, rules, solver, { timeLimitSeconds });
      const ms = performance.now() - t0;
      out.push({
        name: `sdc ${label} protect ${mode}`,
        ms,
        cells: table.size,
        primary: result.primaryCount,
        secondary: result.secondaryCount,
        lossPct: result.informationLoss.suppressedPct,
        ...(mode === 'optimal' ? { provenOptimal: result.provenOptimal } : {}),
      });
      if (mode === 'heuristic') heuristicPattern = Uint8Array.from(result.cells, (c) => (c.status?.code === 'c' ? 1 : 0));
    }
    const problem = suppressionProblem(table, parseSdcRules({}));
    const t0 = performance.now();
    const checked = await audit(problem, heuristicPattern!, solver);
    const ms = performance.now() - t0;
    const primary = problem.primary.reduce((s, x) => s + x, 0);
    const suppressedTotal = checked.cells.reduce((s, c) => s + c.value, 0);
    out.push({
      name: `sdc ${label} audit (heuristic pattern, ${checked.passed ? 'passed' : 'FAILED'})`,
      ms,
      cells: table.size,
      primary,
      secondary: checked.cells.length - primary,
      lossPct: (100 * suppressedTotal) / table.values[0]!,
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchSdc();
  console.table(
    rows.map((r) => ({
      name: r.name,
      ms: Math.round(r.ms),
      cells: r.cells,
      primary: r.primary,
      secondary: r.secondary,
      'loss %': r.lossPct.toFixed(1),
      optimal: r.provenOptimal === undefined ? '' : r.provenOptimal ? 'proven' : 'not proven',
    })),
  );
}
