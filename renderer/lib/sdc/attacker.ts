// Disclosure-control layer, pure: the attacker's linear programme, shared by the audit (which reports every suppressed
// cell's feasible interval) and the optimal mode (which turns a failed check into a cut). Published cells are fixed
// at their values; suppressed cells are unknowns, at least what every reader knows (problem.floor) and with no
// upper bound; every additive relation must hold. The suppressed cells split into independent components (cells
// linked through relations), and each component is a separate, much smaller LP.
import { LP_TOLERANCE, openSession, type LpModel, type LpResult, type LpSession, type LpSolver } from './lp.ts';
import type { Progress, SuppressionProblem } from './primary.ts';
import type { SdcTable } from './table.ts';

export interface Component {
  readonly cells: readonly number[];
  readonly relations: readonly number[];
}

/** Suppressed cells grouped by the relations that link them (union–find over relations with ≥ 1 suppressed cell). */
export function components(table: SdcTable, suppressed: Uint8Array): Component[] {
  const parent = new Int32Array(table.size).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const touching: number[] = [];
  table.relations.forEach((rel, k) => {
    let first = -1;
    for (const i of [rel.total, ...rel.parts]) {
      if (!suppressed[i]) continue;
      if (first < 0) first = i;
      else parent[find(i)] = find(first);
    }
    if (first >= 0) touching.push(k);
  });
  const byRoot = new Map<number, { cells: number[]; relations: number[] }>();
  for (let i = 0; i < table.size; i++) {
    if (!suppressed[i]) continue;
    const root = find(i);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { cells: [], relations: [] }));
    c.cells.push(i);
  }
  for (const k of touching) {
    const rel = table.relations[k]!;
    const member = [rel.total, ...rel.parts].find((i) => suppressed[i]);
    byRoot.get(find(member!))!.relations.push(k);
  }
  return [...byRoot.values()];
}

export interface AttackerLp {
  readonly component: Component;
  readonly model: LpModel;
  /** Column of each cell in the model, -1 for cells outside the component. */
  readonly column: Map<number, number>;
}

/** The component's LP with a zero objective; `extreme` sets the objective for one cell and direction. */
export function attackerLp(problem: SuppressionProblem, suppressed: Uint8Array, component: Component): AttackerLp {
  const { table } = problem;
  const column = new Map<number, number>();
  component.cells.forEach((cell, j) => column.set(cell, j));
  const rows = component.relations.map((k) => {
    const rel = table.relations[k]!;
    const indices: number[] = [];
    const coefficients: number[] = [];
    let rhs = 0;
    // total − Σ parts = 0, with published cells moved to the right-hand side.
    const add = (cell: number, coef: number) => {
      if (suppressed[cell]) {
        indices.push(column.get(cell)!);
        coefficients.push(coef);
      } else rhs -= coef * table.values[cell]!;
    };
    add(rel.total, 1);
    for (const p of rel.parts) add(p, -1);
    return { indices, coefficients, lower: rhs, upper: rhs };
  });
  const n = component.cells.length;
  const model: LpModel = {
    cost: new Float64Array(n),
    lower: Float64Array.from(component.cells, (c) => problem.floor[c]!),
    upper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    rows,
  };
  return { component, model, column };
}

/**
 * Minimises (direction −1: maximises) one cell over the component. The model is always a minimisation so the row
 * duals have one meaning; the returned `value` is the cell's extreme (±Infinity when unbounded).
 */
export async function extreme(session: LpSession, lp: AttackerLp, cell: number, direction: 1 | -1, label = `cell ${cell}`): Promise<{ value: number; result: LpResult }> {
  const cost = new Float64Array(lp.component.cells.length);
  cost[lp.column.get(cell)!] = direction;
  session.setCosts(cost);
  const result = await session.solve();
  if (result.status === 'unbounded') return { value: direction === 1 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY, result };
  if (result.status !== 'optimal') {
    // Infeasible would mean the published table contradicts itself; anything else is a solver failure. Either way
    // no interval can be certified, so this must stop protection rather than pass a table.
    throw new Error(`The disclosure check could not be completed for "${label}" (the solver reported ${result.status}${result.message ? `: ${result.message}` : ''}).`);
  }
  return { value: direction * result.objective, result };
}

export interface CellInterval {
  readonly cell: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The feasible interval of every cell in `cells` (default: every suppressed cell). A component of one cell in at
 * least one relation is pinned by that relation: its interval is its value, no LP needed.
 */
export async function intervals(
  problem: SuppressionProblem,
  suppressed: Uint8Array,
  solver: LpSolver,
  only?: (cell: number) => boolean,
  progress?: Progress,
): Promise<{ intervals: CellInterval[]; lpsSolved: number }> {
  const out: CellInterval[] = [];
  let lpsSolved = 0;
  let total = 0;
  for (let i = 0; i < problem.table.size; i++) if (suppressed[i] && (!only || only(i))) total++;
  for (const component of components(problem.table, suppressed)) {
    progress?.('audit', out.length, total);
    const wanted = component.cells.filter((c) => !only || only(c));
    if (wanted.length === 0) continue;
    if (component.cells.length === 1) {
      const cell = component.cells[0]!;
      const v = problem.table.values[cell]!;
      out.push(component.relations.length > 0 ? { cell, min: v, max: v } : { cell, min: problem.floor[cell]!, max: Number.POSITIVE_INFINITY });
      continue;
    }
    const lp = attackerLp(problem, suppressed, component);
    const session = openSession(solver, lp.model);
    try {
      for (const cell of wanted) {
        const label = problem.table.labels[cell];
        const min = (await extreme(session, lp, cell, 1, label)).value;
        const max = (await extreme(session, lp, cell, -1, label)).value;
        lpsSolved += 2;
        out.push({ cell, min: snap(min), max: snap(max) });
      }
    } finally {
      session.dispose();
    }
  }
  out.sort((a, b) => a.cell - b.cell);
  return { intervals: out, lpsSolved };
}

/** LP results land a hair off whole counts; snapping keeps "[3, 6]" from printing as "[2.9999999, 6.0000001]". */
function snap(x: number): number {
  const r = Math.round(x);
  return (Math.abs(x - r) < LP_TOLERANCE * Math.max(1, Math.abs(x)) ? r : x) + 0; // + 0 turns −0 (from −1 · 0) into 0
}
