// Scripts, pure: the seeded pseudo-random numbers behind the synthetic datasets. mulberry32 is small, fast and
// fully determined by its 32-bit seed, so the same seed gives byte-identical files on every machine and Node version.

export type Rng = () => number;

/** mulberry32: a uniform float in [0, 1) per call, from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from lo to hi inclusive. */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** One of `items`, chosen with probability proportional to `weights`. */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Fisher–Yates, in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Splits n into whole counts proportional to `weights` (largest remainder; ties to the earlier item), so a group of
 * records gets exactly the intended mix instead of a sampled one — used where a published ranking must hold.
 */
export function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total > 0 ? (n * w) / total : 0));
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]!.i]! += 1;
  return counts;
}

/** Labels for n records in the proportions of `weights`, in a shuffled order. */
export function apportionLabels<T>(rng: Rng, n: number, items: readonly T[], weights: readonly number[]): T[] {
  const out: T[] = [];
  apportion(n, weights).forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(items[i]!);
  });
  return shuffle(rng, out);
}

/** Each item's weight in `year`, from its weights at the anchor years (`rows[item][anchor]`), interpolated linearly. */
export function weightsForYear(anchors: readonly number[], rows: readonly (readonly number[])[], year: number): number[] {
  const last = anchors.length - 1;
  if (year <= anchors[0]!) return rows.map((r) => r[0]!);
  if (year >= anchors[last]!) return rows.map((r) => r[last]!);
  let k = 0;
  while (year > anchors[k + 1]!) k++;
  const t = (year - anchors[k]!) / (anchors[k + 1]! - anchors[k]!);
  return rows.map((r) => r[k]! + t * (r[k + 1]! - r[k]!));
}
