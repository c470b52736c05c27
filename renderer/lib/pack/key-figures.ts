// Pack layer, pure: a key figure ("17,004 referrals, +33% on 2022") published beside the pack's protected tables.
// It is a count like any other, so it follows them: under the threshold it is withheld; if it is the true count of a
// cell the tables withhold (a force's total they hide) it is withheld too, or the pair would give that cell back;
// where the tables round, it is printed as they print the same count (or rounded to the nearest), and a comparison is
// worked out from the printed figures, never from the true ones (which would undo the rounding).
import type { ProtectedPivot } from '../sdc/pivot-protect.ts';
import { roundToBase, type Rounding } from '../sdc/rounding.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import { isConfidential } from '../sdc/status.ts';

export interface KeyFigureGuard {
  /** True counts of every cell the pack's tables withhold. */
  readonly withheld: ReadonlySet<number>;
  /** For counts the tables print: true count → the figure printed for it. */
  readonly printed: ReadonlyMap<number, number>;
  /** The coarsest rounding any of the pack's tables uses, or null. */
  readonly rounding: Rounding | null;
  readonly threshold: number;
}

export function keyFigureGuard(protections: Iterable<ProtectedPivot | Error>): KeyFigureGuard {
  const withheld = new Set<number>();
  const printed = new Map<number, number>();
  let rounding: Rounding | null = null;
  for (const p of protections) {
    if (p instanceof Error) continue;
    for (const c of p.result.cells) {
      if (isConfidential(c.status)) withheld.add(c.value);
      else if (c.published !== null && !printed.has(c.value)) printed.set(c.value, c.published);
    }
    const r = p.result.rounding;
    if (r && (!rounding || r.base > rounding.base)) rounding = r;
  }
  return { withheld, printed, rounding, threshold: DEFAULT_SDC_RULES.threshold };
}

/** The figure as printed: a number, or why there is none ([c] withheld, [x] no figure). */
export function publishedKeyFigure(value: number | null, guard: KeyFigureGuard | null): number | '[c]' | '[x]' {
  if (value === null) return '[x]';
  if (!guard) return value; // disclosure control turned off for this export
  if ((value >= 1 && value < guard.threshold) || guard.withheld.has(value)) return '[c]';
  if (!guard.rounding) return value;
  return guard.printed.get(value) ?? roundToBase(value, guard.rounding.base);
}

/** The change from `base` to `value`, from their printed figures; null when either is withheld or missing. */
export function publishedChange(value: number | null, base: number | null, guard: KeyFigureGuard | null): number | null {
  const [now, then] = [publishedKeyFigure(value, guard), publishedKeyFigure(base, guard)];
  if (typeof now !== 'number' || typeof then !== 'number' || then === 0) return null;
  return ((now - then) / then) * 100;
}
