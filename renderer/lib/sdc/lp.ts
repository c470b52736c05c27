// Disclosure-control layer, pure: the linear-programming interface the disclosure code is written against. The
// solver itself (HiGHS compiled to wasm, in renderer/lib/solver) is injected, so this layer stays pure, tests can
// run it in Node, and the page can later move solving into a Worker without touching the disclosure logic.

/** One linear constraint: lower ≤ Σ coefficients[k] · x[indices[k]] ≤ upper (equal bounds for an equation). */
export interface LpRow {
  readonly indices: ArrayLike<number>;
  readonly coefficients: ArrayLike<number>;
  readonly lower: number;
  readonly upper: number;
}

/** A linear or mixed-integer model: optimise cost · x over the rows and the column bounds. */
export interface LpModel {
  /** Default 'minimize'. The disclosure code only ever minimises, so dual signs have one meaning. */
  readonly sense?: 'minimize' | 'maximize';
  readonly cost: ArrayLike<number>;
  /** Column bounds; ±Infinity for none. */
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
  /** 1 where the column must take whole values (a MIP); absent for an LP. */
  readonly integer?: ArrayLike<number>;
  readonly rows: readonly LpRow[];
  /** A known feasible point (for a MIP: the incumbent the search starts from). */
  readonly start?: ArrayLike<number>;
}

export interface SolveOptions {
  timeLimitSeconds?: number;
  /** MIP stopping gaps; the solver's own defaults when absent. */
  mipRelativeGap?: number;
  mipAbsoluteGap?: number;
}

/** 'time-limit' may still carry a feasible point (`values`), never a proof. */
export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time-limit' | 'failed';

export interface LpResult {
  readonly status: LpStatus;
  /** Objective of `values`; NaN when there is no point. */
  readonly objective: number;
  readonly values: Float64Array | null;
  /**
   * Row duals of an optimal LP, in the convention reducedCost = cost − Aᵀ · rowDuals (for a minimisation), which is
   * what the optimal mode's cuts are derived from. Null for MIPs and when the solver has none.
   */
  readonly rowDuals: Float64Array | null;
  /** For a MIP: the best proven lower bound (for a minimisation). */
  readonly bound?: number;
  readonly message?: string;
}

/**
 * A model kept loaded between solves. The audit and the heuristic solve hundreds of LPs over one feasible region,
 * changing only the objective or a few bounds; re-using the loaded model lets the solver warm-start.
 */
export interface LpSession {
  /** Replaces the whole cost vector. */
  setCosts(cost: ArrayLike<number>): void;
  setBounds(indices: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): void;
  solve(options?: SolveOptions): Promise<LpResult>;
  dispose(): void;
}

export interface LpSolver {
  solve(model: LpModel, options?: SolveOptions): Promise<LpResult>;
  /** Optional: solvers that can keep a model loaded offer sessions; others get the fallback below. */
  open?(model: LpModel): LpSession;
}

/** A session over any solver: the native one when offered, otherwise one that re-sends a patched model each time. */
export function openSession(solver: LpSolver, model: LpModel): LpSession {
  if (solver.open) return solver.open(model);
  const cost = Float64Array.from(model.cost);
  const lower = Float64Array.from(model.lower);
  const upper = Float64Array.from(model.upper);
  return {
    setCosts(next) {
      cost.set(Float64Array.from(next));
    },
    setBounds(indices, lo, hi) {
      for (let k = 0; k < indices.length; k++) {
        lower[indices[k]!] = lo[k]!;
        upper[indices[k]!] = hi[k]!;
      }
    },
    solve: (options) => solver.solve({ ...model, cost, lower, upper }, options),
    dispose() {},
  };
}

/** Tolerance for comparing LP results with protection levels and counts (values are whole people). */
export const LP_TOLERANCE = 1e-6;
