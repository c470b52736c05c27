// Solver layer: the disclosure code's LpSolver interface over HiGHS (the `highs` package: the HiGHS LP/MIP solver
// compiled to wasm). It takes an already loaded runtime, so the same adapter serves Node (tests, bench: see
// highs-node.ts) and the page (highs-browser.ts, which loads the wasm from the app's own origin). HiGHS solves
// synchronously; the interface is async so a Worker-backed solver can replace it without touching renderer/lib/sdc.
import type { Highs, Model, ModelData } from 'highs';
import type { LpModel, LpResult, LpSession, LpSolver, LpStatus, SolveOptions } from '../sdc/lp.ts';

/** HiGHS's model-status codes (highs.constants.modelStatus) that the adapter distinguishes. */
const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;
const TIME_LIMIT = 13;
const FEASIBLE = 2; // solutionStatus.feasible

function toModelData(highs: Highs, model: LpModel): ModelData {
  const n = model.cost.length;
  const starts = new Int32Array(model.rows.length + 1);
  let nnz = 0;
  model.rows.forEach((row, i) => {
    nnz += row.indices.length;
    starts[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const row of model.rows) {
    for (let j = 0; j < row.indices.length; j++, k++) {
      indices[k] = row.indices[j]!;
      values[k] = row.coefficients[j]!;
    }
  }
  return {
    numCols: n,
    numRows: model.rows.length,
    sense: model.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: Float64Array.from(model.cost),
    colLower: Float64Array.from(model.lower),
    colUpper: Float64Array.from(model.upper),
    rowLower: Float64Array.from(model.rows, (r) => r.lower),
    rowUpper: Float64Array.from(model.rows, (r) => r.upper),
    matrix: { format: 'csr', numRows: model.rows.length, numCols: n, starts, indices, values },
    ...(model.integer ? { integrality: Int32Array.from(model.integer, (x) => (x ? 1 : 0)) } : {}),
  };
}

function isMip(model: LpModel): boolean {
  if (!model.integer) return false;
  for (let i = 0; i < model.integer.length; i++) if (model.integer[i]) return true;
  return false;
}

function setOptions(m: Model, options: SolveOptions | undefined, presolve: 'choose' | 'off'): void {
  m.options.set({
    output_flag: false,
    presolve,
    // The wrapper refuses an infinite option value; HiGHS's own "no limit" is this very large number.
    time_limit: options?.timeLimitSeconds ?? 1e30,
    ...(options?.mipRelativeGap !== undefined ? { mip_rel_gap: options.mipRelativeGap } : {}),
    ...(options?.mipAbsoluteGap !== undefined ? { mip_abs_gap: options.mipAbsoluteGap } : {}),
  });
}

/** Runs the loaded model and reads the result in the interface's terms. */
function run(m: Model, mip: boolean): LpResult {
  m.zeroAllClocks(); // time_limit counts from the model's clock, which otherwise accumulates across re-solves
  const code = m.run().modelStatus;
  const status: LpStatus =
    code === OPTIMAL ? 'optimal'
    : code === INFEASIBLE ? 'infeasible'
    : code === UNBOUNDED ? 'unbounded'
    : code === TIME_LIMIT ? 'time-limit'
    : 'failed';
  const hasPoint = Number(m.info.get('primal_solution_status')) === FEASIBLE;
  const solution = hasPoint || status === 'optimal' ? m.getSolution() : null;
  const hasDuals = !mip && status === 'optimal' && Number(m.info.get('dual_solution_status')) === FEASIBLE;
  const bound = mip ? Number(m.info.get('mip_dual_bound')) : undefined;
  return {
    status,
    objective: solution ? m.getObjectiveValue() : Number.NaN,
    values: solution ? solution.colValue : null,
    rowDuals: hasDuals && solution ? solution.rowDual : null,
    ...(bound !== undefined && Number.isFinite(bound) ? { bound } : {}),
    ...(status === 'failed' ? { message: `HiGHS model status ${code}` } : {}),
  };
}

function failed(err: unknown): LpResult {
  return { status: 'failed', objective: Number.NaN, values: null, rowDuals: null, message: err instanceof Error ? err.message : String(err) };
}

function solveOnce(highs: Highs, model: LpModel, options: SolveOptions | undefined, presolve: 'choose' | 'off'): LpResult {
  const m = highs.createModel(toModelData(highs, model));
  try {
    setOptions(m, options, presolve);
    const mip = isMip(model);
    if (mip && model.start) m.setSolution({ colValue: Float64Array.from(model.start) });
    return run(m, mip);
  } finally {
    m.dispose();
  }
}

export function highsSolver(highs: Highs): LpSolver {
  return {
    async solve(model, options) {
      try {
        const first = solveOnce(highs, model, options, 'choose');
        // Presolve can stop at "infeasible or unbounded"; without it HiGHS says which.
        if (first.status !== 'failed' || first.message !== `HiGHS model status ${UNBOUNDED_OR_INFEASIBLE}`) return first;
        return solveOnce(highs, model, options, 'off');
      } catch (err) {
        return failed(err);
      }
    },
    open(model): LpSession {
      const m = highs.createModel(toModelData(highs, model));
      const n = model.cost.length;
      const mip = isMip(model);
      return {
        setCosts(cost) {
          if (n > 0) m.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, Float64Array.from(cost));
        },
        setBounds(indices, lower, upper) {
          // HiGHS wants a strictly increasing index set.
          const order = Array.from({ length: indices.length }, (_, k) => k).sort((a, b) => indices[a]! - indices[b]!);
          m.changeColsBounds(
            { kind: 'set', indices: Int32Array.from(order, (k) => indices[k]!) },
            Float64Array.from(order, (k) => lower[k]!),
            Float64Array.from(order, (k) => upper[k]!),
          );
        },
        async solve(options) {
          try {
            // No presolve between re-solves: the point of a session is to warm-start from the last basis.
            setOptions(m, options, 'off');
            return run(m, mip);
          } catch (err) {
            return failed(err);
          }
        },
        dispose() {
          m.dispose();
        },
      };
    },
  };
}
