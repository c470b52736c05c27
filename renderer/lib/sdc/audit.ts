// Disclosure-control layer, pure: the audit, as τ-Argus does it. For every suppressed cell it computes the interval
// an attacker can derive from what is published (min and max by linear programming over the table's additive
// relations, published cells fixed, suppressed cells at least what every reader knows), and the table passes only if
// every primary cell's interval reaches its required protection both ways. It runs after every protection and in the
// tests of every protected table; it is the one judge of whether a pattern is safe.
import { intervals as computeIntervals } from './attacker.ts';
import { LP_TOLERANCE, type LpSolver } from './lp.ts';
import type { Progress, SuppressionProblem } from './primary.ts';

export interface AuditedCell {
  readonly cell: number;
  readonly label: string;
  readonly value: number;
  /** What an attacker can derive: the cell lies in [min, max] (max may be Infinity). */
  readonly min: number;
  readonly max: number;
  readonly primary: boolean;
  /** For primary cells: the interval must reach at least [value − lower, value + upper] and be `width` wide. */
  readonly required: { readonly min: number; readonly max: number; readonly width: number } | null;
  /** False for a primary cell whose interval falls short, or for any cell that can be worked out exactly. */
  readonly protected: boolean;
}

export interface AuditResult {
  readonly passed: boolean;
  readonly cells: readonly AuditedCell[];
  readonly failures: readonly AuditedCell[];
  /** Secondary cells an attacker can work out exactly: no risk to a person in itself, but worth knowing. */
  readonly exactSecondaries: number;
  readonly lpsSolved: number;
  readonly summary: string;
}

export async function audit(problem: SuppressionProblem, suppressed: Uint8Array, solver: LpSolver, progress?: Progress): Promise<AuditResult> {
  for (let i = 0; i < problem.table.size; i++) {
    if (problem.primary[i] && !suppressed[i]) throw new Error(`The confidential cell "${problem.table.labels[i]}" is not suppressed.`);
  }
  const { intervals, lpsSolved } = await computeIntervals(problem, suppressed, solver, undefined, progress);
  const cells = intervals.map(({ cell, min, max }): AuditedCell => {
    const value = problem.table.values[cell]!;
    const primary = problem.primary[cell] === 1;
    const required = primary ? { min: value - problem.lower[cell]!, max: value + problem.upper[cell]!, width: problem.width[cell]! } : null;
    const ok = required
      ? min <= required.min + LP_TOLERANCE && max >= required.max - LP_TOLERANCE && max - min >= required.width - LP_TOLERANCE
      : true;
    return { cell, label: problem.table.labels[cell]!, value, min, max, primary, required, protected: ok };
  });
  const failures = cells.filter((c) => !c.protected);
  const exactSecondaries = cells.filter((c) => !c.primary && c.max - c.min < LP_TOLERANCE).length;
  return { passed: failures.length === 0, cells, failures, exactSecondaries, lpsSolved, summary: describeAudit(cells.length, failures) };
}

function describeAudit(checked: number, failures: readonly AuditedCell[]): string {
  if (checked === 0) return 'Nothing is suppressed, so there is nothing an attacker could work out; audit passed.';
  if (failures.length === 0) return `Audit passed: no suppressed cell can be narrowed down below its required protection (${checked} checked).`;
  const first = failures[0]!;
  const range =
    first.min === first.max ? `worked out exactly as ${first.value}`
    : first.max === Number.POSITIVE_INFINITY ? `shown to be at least ${first.min}`
    : `narrowed to ${first.min}–${first.max}`;
  return `Audit failed: ${failures.length} confidential cell${failures.length === 1 ? '' : 's'} can be narrowed down too far (e.g. "${first.label}" can be ${range}).`;
}
