// Pack layer, pure: a key figure ("17,004 referrals in 2023, 83 more (+0.5 %) than 2022") published beside the pack's protected tables.
// It is a count like any other, so it follows them: under the threshold it is withheld; if it is the true count of a
// cell the tables withhold (a force's total they hide) it is withheld too, or the pair would give that cell back;
// where the tables round, it is printed as they print the same count (or rounded to the nearest), and a comparison is
// worked out from the printed figures, never from the true ones (which would undo the rounding).
import type { ProtectedPivot } from '../sdc/pivot-protect.ts';
import { roundToBase, type Rounding } from '../sdc/rounding.ts';
import { DEFAULT_SDC_RULES } from '../sdc/rules.ts';
import { isConfidential } from '../sdc/status.ts';
import { formatNumber } from '../viz/format.ts';

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

/** The printed figures of a value and its comparison; null when either is withheld or missing. */
export function publishedChange(value: number | null, base: number | null, guard: KeyFigureGuard | null): { now: number; then: number } | null {
  const [now, then] = [publishedKeyFigure(value, guard), publishedKeyFigure(base, guard)];
  return typeof now === 'number' && typeof then === 'number' ? { now, then } : null;
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const small = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 1 });

/** A percentage change with sensible precision: whole from 10 %, tenths below, one significant figure below 0.05 %. */
export function formatPercentChange(pct: number): string {
  const size = Math.abs(pct);
  const digits = size >= 9.95 ? whole.format(size) : size >= 0.05 ? tenths.format(size) : small.format(size);
  return `${pct > 0 ? '+' : '\u2212'}${digits} %`;
}

/**
 * The change in words, as people write it: "83 more (+0.5 %) than 2022", "12 fewer (−3.1 %) than 2022", "the same
 * as 2022"; no percentage from a base of 0. `against` names what is compared with ("2022"); an older pack's "on 2022"
 * reads the same.
 */
export function describeChange(now: number, then: number, against: string): string {
  const what = against.trim().replace(/^(on|than|compared with)\s+/i, '');
  const diff = now - then;
  if (diff === 0) return `the same as ${what || 'the comparison figure'}`;
  const pct = then === 0 ? '' : ` (${formatPercentChange((diff / Math.abs(then)) * 100)})`;
  return `${formatNumber(Math.abs(diff))} ${diff > 0 ? 'more' : 'fewer'}${pct}${what ? ` than ${what}` : ''}`;
}
