// Scripts, pure: reasonable and conclusive grounds decisions of a synthetic case. Dates follow the referral (a
// reasonable grounds decision within days, a conclusive one months later — over a year once the backlog grew after
// 2018); a decision that would fall after the extract date is still pending, with no date.
import { type Rng, intBetween } from './prng.ts';

/** The case extract is as at this day. */
export const CASE_EXTRACT_DAY = Math.round(Date.UTC(2024, 0, 31) / 86_400_000);

export interface Decisions {
  rg: string;
  rgDay: number | null;
  cg: string;
  cgDay: number | null;
}

export function decide(rng: Rng, year: number, referralDay: number, child: boolean): Decisions {
  const rgDelay = year <= 2014 ? intBetween(rng, 1, 10) : year <= 2018 ? intBetween(rng, 2, 25) : intBetween(rng, 3, child ? 75 : 55);
  const rgDay = referralDay + rgDelay;
  if (rgDay > CASE_EXTRACT_DAY) return { rg: 'Pending', rgDay: null, cg: 'Pending', cgDay: null };
  const rgPositive = rng() < (year <= 2013 ? 0.8 : year <= 2020 ? 0.9 : 0.86);
  if (!rgPositive) return { rg: 'Negative', rgDay, cg: 'Not applicable', cgDay: null };
  const cgDelay = year <= 2014 ? intBetween(rng, 30, 120) : year <= 2017 ? intBetween(rng, 60, 330) : intBetween(rng, 150, 720);
  const cgDay = rgDay + cgDelay;
  if (cgDay > CASE_EXTRACT_DAY) return { rg: 'Positive', rgDay, cg: 'Pending', cgDay: null };
  return { rg: 'Positive', rgDay, cg: rng() < (year <= 2014 ? 0.7 : 0.9) ? 'Positive' : 'Negative', cgDay };
}
