// Disclosure-control layer, pure: fast secondary suppression for tables of any size. It is the classical
// one-primary-at-a-time LP heuristic (Kelly, Golden & Assad 1992; Fischetti & Salazar-González 2000, §5; the
// `c_heuristic_solution` method of R's sdcTable): for each primary cell and direction, find the cheapest way to move
// the cell by its protection level while every relation still holds, moving only cells that may be suppressed. The
// cells that move are suppressed (suppressing more never helps an attacker, so earlier cells stay protected).
// Moving an already-suppressed cell is free and moving a new one costs its information loss, so the LP picks cells
// losing the least; totals cost a little more than other cells of the same size. Every deviation found is kept: it
// also protects the other primary cells it moves, which spares most LPs on big tables. The result is then audited;
// a primary cell the audit still finds short (solver tolerances) gets its ancestor cross suppressed, which protects
// it by construction, so the loop always ends.
import { audit, type AuditResult } from './audit.ts';
import { LP_TOLERANCE, openSession, type LpRow, type LpSolver } from './lp.ts';
import { ancestorCross, type Progress, type SuppressionProblem } from './primary.ts';

export interface HeuristicResult {
  readonly suppressed: Uint8Array;
  readonly audit: AuditResult;
  readonly lpsSolved: number;
  /** Cells added by the audit's repair loop (normally 0). */
  readonly repaired: number;
}

/** Cost of moving one unit through a cell that is not yet suppressed. */
function flowCost(problem: SuppressionProblem, i: number): number {
  return problem.cost[i]! * (problem.table.isTotal[i] ? 1.05 : 1) + 0.01;
}

/** A deviation vector found by the LP: cells and how far each moved (d with A·d = 0). */
interface Deviation {
  readonly cells: Int32Array;
  readonly d: Float64Array;
}

/** Whether some scaling of a known deviation moves `cell` by `amount` in `dir` within every cell's known bounds. */
function certifies(problem: SuppressionProblem, dev: Deviation, cell: number, dir: 1 | -1, amount: number): boolean {
  const at = dev.cells.indexOf(cell);
  const dp = dev.d[at]!;
  if (Math.abs(dp) < LP_TOLERANCE) return false;
  const scale = (dir * amount) / dp; // may be negative: −d is a deviation too
  for (let k = 0; k < dev.cells.length; k++) {
    const move = scale * dev.d[k]!;
    const room = problem.table.values[dev.cells[k]!]! - problem.floor[dev.cells[k]!]!;
    if (move < -room - LP_TOLERANCE) return false;
  }
  return true;
}

export async function heuristicSecondary(problem: SuppressionProblem, solver: LpSolver, start?: Uint8Array, progress?: Progress): Promise<HeuristicResult> {
  const { table } = problem;
  const n = table.size;
  const suppressed = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (problem.primary[i] || start?.[i]) suppressed[i] = 1;

  // Columns: y⁺ and y⁻ for every cell that may move (primary or suppressible); the others are fixed and left out.
  const col = new Int32Array(n).fill(-1);
  const cells: number[] = [];
  for (let i = 0; i < n; i++) if (problem.primary[i] || problem.suppressible[i]) col[i] = cells.push(i) - 1;
  const m = cells.length;
  const rows: LpRow[] = [];
  for (const rel of table.relations) {
    const indices: number[] = [];
    const coefficients: number[] = [];
    for (const [cell, coef] of [[rel.total, 1] as const, ...rel.parts.map((p) => [p, -1] as const)]) {
      if (col[cell]! < 0) continue;
      indices.push(col[cell]!, m + col[cell]!);
      coefficients.push(coef, -coef);
    }
    if (indices.length > 0) rows.push({ indices, coefficients, lower: 0, upper: 0 });
  }
  const room = (i: number) => Math.max(0, table.values[i]! - problem.floor[i]!);
  const cost = new Float64Array(2 * m);
  const setCost = (i: number) => {
    const c = suppressed[i] ? 0 : flowCost(problem, i);
    cost[col[i]!] = c;
    cost[m + col[i]!] = c;
  };
  cells.forEach(setCost);
  const lower = new Float64Array(2 * m);
  const upper = new Float64Array(2 * m);
  cells.forEach((i, j) => {
    upper[j] = Number.POSITIVE_INFINITY;
    upper[m + j] = room(i);
  });

  const deviations: Deviation[] = [];
  const byCell: number[][] = Array.from({ length: n }, () => []);
  let lpsSolved = 0;
  const order = cells.filter((i) => problem.primary[i]).sort((a, b) => table.values[b]! - table.values[a]! || a - b);
  const session = openSession(solver, { cost, lower, upper, rows });
  const certified = (p: number, dir: 1 | -1, amount: number) => byCell[p]!.some((k) => certifies(problem, deviations[k]!, p, dir, amount));
  /** The cheapest deviation moving p by `amount` in `dir`, or null when no suppressible cells allow it. */
  const cheapest = async (p: number, dir: 1 | -1, amount: number) => {
    const j = col[p]!;
    session.setBounds([j, m + j], dir === 1 ? [amount, 0] : [0, amount], dir === 1 ? [amount, 0] : [0, amount]);
    const result = await session.solve();
    lpsSolved++;
    session.setBounds([j, m + j], [0, 0], [Number.POSITIVE_INFINITY, room(p)]);
    return result.status === 'optimal' && result.values ? { objective: result.objective, values: result.values } : null;
  };
  const apply = (p: number, found: { values: Float64Array } | null) => {
    if (!found) {
      // No way to move this cell through suppressible cells: fall back on the cross, which always works on a
      // 2-D table; the audit is the judge either way.
      for (const c of ancestorCross(table, p)) suppressed[c] = 1;
      return;
    }
    const moved: number[] = [];
    const amounts: number[] = [];
    cells.forEach((i, k) => {
      const d = found.values[k]! - found.values[m + k]!;
      if (Math.abs(d) > LP_TOLERANCE) {
        moved.push(i);
        amounts.push(d);
      }
    });
    let added = false;
    for (const i of moved) {
      if (!suppressed[i]) {
        suppressed[i] = 1;
        setCost(i);
        added = true;
      }
    }
    if (added) session.setCosts(cost);
    const id = deviations.push({ cells: Int32Array.from(moved), d: Float64Array.from(amounts) }) - 1;
    for (const i of moved) if (problem.primary[i]) byCell[i]!.push(id);
  };
  try {
    for (const [k, p] of order.entries()) {
      progress?.('secondary', k, order.length);
      const [up, down, width] = [problem.upper[p]!, problem.lower[p]!, problem.width[p]!];
      if (up > 0 && !certified(p, 1, up)) apply(p, await cheapest(p, 1, up));
      if (down > 0 && !certified(p, -1, down)) apply(p, await cheapest(p, -1, down));
      // A required width beyond upper + lower: stretch whichever side is cheaper.
      const short = width - up - down;
      if (short > LP_TOLERANCE && !certified(p, 1, up + short) && !(down + short <= room(p) && certified(p, -1, down + short))) {
        const raise = await cheapest(p, 1, up + short);
        const lower = down + short <= room(p) ? await cheapest(p, -1, down + short) : null;
        apply(p, lower && (!raise || lower.objective < raise.objective) ? lower : raise);
      }
    }
  } finally {
    session.dispose();
  }
  return auditAndRepair(problem, suppressed, solver, lpsSolved, progress);
}

/** Audits the pattern; suppresses the ancestor cross of any primary cell still short, until the audit passes. */
export async function auditAndRepair(problem: SuppressionProblem, suppressed: Uint8Array, solver: LpSolver, lpsSolved = 0, progress?: Progress): Promise<HeuristicResult> {
  let repaired = 0;
  for (;;) {
    const result = await audit(problem, suppressed, solver, progress);
    if (result.passed) return { suppressed, audit: result, lpsSolved: lpsSolved + result.lpsSolved, repaired };
    let added = 0;
    for (const failure of result.failures) {
      for (const c of ancestorCross(problem.table, failure.cell)) {
        if (!suppressed[c]) {
          suppressed[c] = 1;
          added++;
        }
      }
    }
    // Without a grid there is no cross; failing loudly beats publishing a table the audit rejects.
    if (added === 0) throw new Error(`${result.summary} No further suppression can protect it.`);
    repaired += added;
    lpsSolved += result.lpsSolved;
  }
}
