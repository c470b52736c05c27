// Disclosure-control layer, pure: controlled rounding — every published count rounded to a multiple of the base, up
// or down (never further), so that every relation whose cells are all published still adds up (Cox, "A constructive
// procedure for unbiased controlled rounding", JASA 82 (1987); τ-Argus's controlled rounding). It is a small MIP:
// one 0/1 choice per count that is not already a multiple ("round up?"), one equation per fully published relation,
// least total distance from the true counts. A multiple of the base, zeros included, stays as it is.
//
// It is applied after suppression and leaves withheld cells out: a relation holding a [c] cannot be checked by a
// reader, so it needs no equation, and no rounded value of a withheld cell is ever implied. Rounding of this kind only
// widens what a reader can infer (each true count lies within base − 1 of the printed one), so the audit of the
// suppression pattern, done on exact figures, still holds.
import type { LpRow, LpSolver } from './lp.ts';
import type { SdcTable } from './table.ts';

/**
 * The rounded figure of every published cell (NaN for withheld ones), or null when no rounding keeps every published
 * relation additive within the time limit (then callers round each figure on its own and say so).
 */
export async function controlledRounding(
  table: SdcTable,
  withheld: ArrayLike<number>,
  base: number,
  solver: LpSolver,
  timeLimitSeconds = 20,
): Promise<Float64Array | null> {
  const n = table.size;
  const down = new Float64Array(n);
  const varOf = new Int32Array(n).fill(-1);
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    if (withheld[i]) continue;
    const v = table.values[i]!;
    down[i] = Math.floor(v / base) * base;
    // Rounding up costs (down + base − v) instead of (v − down): the difference is this variable's cost.
    if (down[i] !== v) varOf[i] = cost.push(2 * down[i]! + base - 2 * v) - 1;
  }
  const rows: LpRow[] = [];
  for (const rel of table.relations) {
    const cells = [rel.total, ...rel.parts];
    if (cells.some((c) => withheld[c])) continue;
    // base · (z_total − Σ z_parts) = Σ down_parts − down_total, divided through by the base.
    const coefficients = new Map<number, number>();
    let rhs = 0;
    cells.forEach((c, k) => {
      const sign = k === 0 ? 1 : -1;
      rhs -= (sign * down[c]!) / base;
      if (varOf[c]! >= 0) coefficients.set(varOf[c]!, (coefficients.get(varOf[c]!) ?? 0) + sign);
    });
    const indices = [...coefficients.keys()].filter((v) => coefficients.get(v) !== 0);
    if (indices.length === 0) {
      if (Math.abs(rhs) > 1e-9) return null; // cannot happen for a consistent table, but never publish a broken sum
      continue;
    }
    rows.push({ indices, coefficients: indices.map((v) => coefficients.get(v)!), lower: rhs, upper: rhs });
  }
  const rounded = Float64Array.from(table.values, (v, i) => (withheld[i] ? Number.NaN : v));
  if (cost.length === 0) return rounded;
  const m = cost.length;
  const result = await solver.solve(
    { cost, lower: new Float64Array(m), upper: new Float64Array(m).fill(1), integer: new Uint8Array(m).fill(1), rows },
    { timeLimitSeconds },
  );
  if (!result.values || (result.status !== 'optimal' && result.status !== 'time-limit')) return null;
  for (let i = 0; i < n; i++) if (varOf[i]! >= 0) rounded[i] = down[i]! + (result.values[varOf[i]!]! > 0.5 ? base : 0);
  // The solver's answer is checked, not trusted: every published relation adds up.
  for (const rel of table.relations) {
    if ([rel.total, ...rel.parts].some((c) => withheld[c])) continue;
    if (rel.parts.reduce((s, p) => s + rounded[p]!, 0) !== rounded[rel.total]) return null;
  }
  return rounded;
}
