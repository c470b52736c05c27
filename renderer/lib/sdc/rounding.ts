// Disclosure-control layer, pure: what is printed for the counts that remain published, and for percentages
// derived from them. Rounding to a base (5 in the ONS "10-5" practice) happens only here, at publication: the true
// count stays beside the published one, and rounded totals are rounded in their own right (so they need not equal
// the sum of rounded parts, which the export's notes say).
import type { SdcRules } from './rules.ts';
import { isConfidential, type CellStatus } from './status.ts';

/** Nearest multiple of `base`, halves rounded up (counts are never negative). */
export function roundToBase(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}

/** How a table's published counts were rounded: each on its own, or controlled so that totals add up. */
export interface Rounding {
  readonly base: number;
  readonly method: 'nearest' | 'controlled';
}

/** The one note printed under every table whose counts are rounded, saying which rounding it is. */
export function roundingNote({ base, method }: Rounding): string {
  return method === 'controlled'
    ? `Figures are rounded to a multiple of ${base} so that totals add up; each is within ${base - 1} of the true count.`
    : `Figures are rounded to the nearest ${base}; totals may not equal the sum of their parts.`;
}

/** The figure printed for a count: none when its status hides it, rounded when the rules ask. */
export function publishedCount(value: number, status: CellStatus | null, roundingBase: number | null): number | null {
  if (status !== null && (status.code === 'c' || status.code === 'x' || status.code === 'z')) return null;
  return roundingBase === null ? value : roundToBase(value, roundingBase);
}

export interface PercentPart {
  /** The true count. */
  readonly value: number;
  /** What is printed for it (null when hidden). */
  readonly published: number | null;
  readonly status: CellStatus | null;
}

export interface PublishedPercentage {
  readonly value: number | null;
  readonly status: CellStatus | null;
}

/** Flags that travel from a count to a percentage of it, most serious first. */
const CARRIED = ['u', 'e', 'p', 'r'] as const;

/**
 * 100 × numerator / denominator as it may be published. A percentage is [c] where either count is (a percentage and
 * its denominator give the count back); [x] where either is not available; [z] for a zero or not-applicable
 * denominator. Otherwise it is computed from the published counts ('from-protected', so it matches what the reader
 * sees and leaks nothing rounding hid) or from the true counts ('suppress', allowed by the rules only without
 * rounding), and carries the most serious of [u], [e], [p], [r] from its counts.
 */
export function publishedPercentage(numerator: PercentPart, denominator: PercentPart, rules: Pick<SdcRules, 'percentages'>): PublishedPercentage {
  const parts = [numerator, denominator];
  const confidential = parts.find((p) => isConfidential(p.status));
  if (confidential && isConfidential(confidential.status)) {
    // Keep the numerator's reason when it is the suppressed one; otherwise the percentage is withheld for another.
    const kind = isConfidential(numerator.status) ? numerator.status.kind : 'secondary';
    return { value: null, status: { code: 'c', kind } };
  }
  if (parts.some((p) => p.status?.code === 'x')) return { value: null, status: { code: 'x' } };
  const from = (p: PercentPart) => (rules.percentages === 'from-protected' ? p.published : p.value);
  const num = from(numerator);
  const den = from(denominator);
  if (denominator.status?.code === 'z' || den === null || den === 0) return { value: null, status: { code: 'z' } };
  if (numerator.status?.code === 'z' || num === null) return { value: null, status: { code: 'z' } };
  const carried = CARRIED.find((c) => parts.some((p) => p.status?.code === c));
  return { value: (100 * num) / den, status: carried ? { code: carried } : null };
}
