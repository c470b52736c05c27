// Disclosure-control layer, pure: reconciliation of parts against a total a publication states. A gap is a
// finding to show the analyst (with its size and direction), never something to smooth over.

export interface Reconciliation {
  label: string;
  stated: number;
  sumOfParts: number;
  /** stated − sum of parts: positive means the parts fall short of the stated total. */
  difference: number;
  reconciles: boolean;
}

export function reconcile(label: string, stated: number, parts: ArrayLike<number | null>): Reconciliation {
  let sumOfParts = 0;
  for (let i = 0; i < parts.length; i++) sumOfParts += parts[i] ?? 0;
  const difference = stated - sumOfParts;
  return { label, stated, sumOfParts, difference, reconciles: difference === 0 };
}

/** A sentence for the analyst, e.g. "The rows sum to 931 while the stated total is 946: 15 unaccounted for." */
export function describeReconciliation(r: Reconciliation, format: (n: number) => string): string {
  if (r.reconciles) return `The rows sum to the stated total of ${format(r.stated)}.`;
  const gap = format(Math.abs(r.difference));
  const direction = r.difference > 0 ? `${gap} unaccounted for` : `${gap} more than stated`;
  return `The rows sum to ${format(r.sumOfParts)} while the stated total is ${format(r.stated)}: ${direction}.`;
}
