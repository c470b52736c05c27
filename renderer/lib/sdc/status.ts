// Disclosure-control layer, pure: cell statuses and the Analysis Function's shorthand for them ([c], [x], [z], [u],
// [e], [p], [r]). A status sits beside a cell's true value rather than replacing it, so a suppressed cell stays a
// typed number underneath: sorting, number formats and exports keep working, and nothing is lost until the moment of
// publication, where the published value (or none) is chosen from value + status.

/** The Analysis Function's symbols (GSS guidance "Symbols, suppression and rounding"), without their brackets. */
export type StatusCode = 'c' | 'x' | 'z' | 'u' | 'e' | 'p' | 'r';

/**
 * Why a cell is confidential. Kept for the analyst's own view only: publishing which [c] cells are primary would tell
 * a reader that those cells are under the threshold, which is exactly what suppression hides.
 */
export type ConfidentialKind = 'primary' | 'secondary';

export type CellStatus =
  | { readonly code: 'c'; readonly kind: ConfidentialKind }
  | { readonly code: Exclude<StatusCode, 'c'> };

interface StatusInfo {
  /** As printed in a table cell. */
  readonly symbol: string;
  readonly label: string;
  /** One sentence for an export's cover sheet / notes table. */
  readonly explanation: string;
  /** Whether a figure is still shown beside the symbol ("12 [p]") or the symbol replaces it. */
  readonly showsValue: boolean;
}

export const STATUS_INFO = {
  c: {
    symbol: '[c]',
    label: 'confidential',
    explanation: 'Confidential: the figure is withheld so that no individual can be identified.',
    showsValue: false,
  },
  x: { symbol: '[x]', label: 'not available', explanation: 'Not available: the figure was not collected or cannot be given.', showsValue: false },
  z: { symbol: '[z]', label: 'not applicable', explanation: 'Not applicable: there is no figure because the category does not apply.', showsValue: false },
  u: { symbol: '[u]', label: 'low reliability', explanation: 'Low reliability: the figure is shown but should be used with caution.', showsValue: true },
  e: { symbol: '[e]', label: 'estimated', explanation: 'Estimated: the figure is an estimate rather than a count.', showsValue: true },
  p: { symbol: '[p]', label: 'provisional', explanation: 'Provisional: the figure may change when final data are available.', showsValue: true },
  r: { symbol: '[r]', label: 'revised', explanation: 'Revised: the figure has changed since it was first published.', showsValue: true },
} as const satisfies Record<StatusCode, StatusInfo>;

export const STATUS_CODES = Object.keys(STATUS_INFO) as StatusCode[];

export const PRIMARY: CellStatus = Object.freeze({ code: 'c', kind: 'primary' });
export const SECONDARY: CellStatus = Object.freeze({ code: 'c', kind: 'secondary' });

export function status(code: Exclude<StatusCode, 'c'>): CellStatus {
  return { code };
}

export function isConfidential(s: CellStatus | null): s is { code: 'c'; kind: ConfidentialKind } {
  return s?.code === 'c';
}

/** Whether a cell with this status publishes a figure at all ([c], [x] and [z] do not). */
export function showsValue(s: CellStatus | null): boolean {
  return s === null || STATUS_INFO[s.code].showsValue;
}

/** The symbol as printed: "[c]"; null for a plain published figure. */
export function shorthand(s: CellStatus | null): string | null {
  return s === null ? null : STATUS_INFO[s.code].symbol;
}

/**
 * For the analyst's working view (never for publication): says which confidential cells were under the threshold and
 * which were withheld to protect them, in words that do not rely on colour.
 */
export function describeForAnalyst(s: CellStatus | null): string {
  if (s === null) return 'published';
  if (s.code === 'c') {
    return s.kind === 'primary' ? 'confidential (primary: below the threshold)' : 'confidential (secondary: withheld to protect another cell)';
  }
  return STATUS_INFO[s.code].label;
}

/** The cover-sheet notes for the symbols a table uses, in the Analysis Function's order. */
export function coverSheetNotes(used: Iterable<CellStatus | null>): Array<{ symbol: string; meaning: string }> {
  const codes = new Set<StatusCode>();
  for (const s of used) if (s !== null) codes.add(s.code);
  return STATUS_CODES.filter((c) => codes.has(c)).map((c) => ({ symbol: STATUS_INFO[c].symbol, meaning: STATUS_INFO[c].explanation }));
}
