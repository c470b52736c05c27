// Disclosure-control layer, pure: the rules an analyst sets for one table, as plain serialisable data saved with the
// table, and the one gate (parseSdcRules) every saved or edited set of rules passes through. It fills defaults and
// rejects anything it does not understand in plain English, because rules that half-load (a dropped threshold, an
// ignored zero setting) would publish a table that looks protected and is not.

/**
 * How much uncertainty an attacker must be left with about each primary (confidential) cell, as τ-Argus expresses it:
 * upper and lower protection levels. See primary.ts for the formula and the sources behind the defaults.
 */
export interface ProtectionLevels {
  /** Required distance above the true value, as a percentage of it (τ-Argus's "frequency safety range"). */
  readonly upperPercent: number;
  /** Required distance below the true value, as a percentage of it (never below what counts can go). */
  readonly lowerPercent: number;
  /** Least distance required either way, in counts (the floor under the two percentages). */
  readonly minimum: number;
  /**
   * Least width of the whole interval, max − min, in counts (τ-Argus's and sdcTable's "sliding" protection level).
   * At least one of `minimum` and `width` must be 1 or more, so no suppressed count can be worked out exactly.
   */
  readonly width: number;
}

export interface SdcRules {
  readonly version: 1;
  /** Counts from 1 up to threshold − 1 are confidential: 10 means "under 10" (1–9). */
  readonly threshold: number;
  /** Whether zero counts are confidential too (off: zeros are published, and a reader knows every [c] is ≥ 1). */
  readonly suppressZeros: boolean;
  /** Published counts are rounded to this base (5 for the ONS "10-5" practice); null leaves them exact. */
  readonly roundingBase: number | null;
  /**
   * 'nearest': each published count rounded to the nearest multiple on its own (totals may not equal the sum of
   * their parts); 'controlled': up or down so that every fully published total adds up (controlled-rounding.ts).
   */
  readonly roundingMethod: 'nearest' | 'controlled';
  /**
   * 'from-protected': percentages are computed from the published (rounded) counts; 'suppress': computed from the true
   * counts. Either way a percentage is [c] where its numerator or denominator is.
   */
  readonly percentages: 'from-protected' | 'suppress';
  readonly protection: ProtectionLevels;
  /** 'heuristic' is fast on any size; 'optimal' searches for the least information lost, within a time limit. */
  readonly mode: 'heuristic' | 'optimal';
}

export const SDC_RULES_VERSION = 1;

export const DEFAULT_PROTECTION: ProtectionLevels = Object.freeze({ upperPercent: 10, lowerPercent: 10, minimum: 1, width: 1 });

export const DEFAULT_SDC_RULES: SdcRules = Object.freeze({
  version: 1,
  threshold: 10,
  suppressZeros: false,
  roundingBase: null,
  roundingMethod: 'nearest',
  percentages: 'from-protected',
  protection: DEFAULT_PROTECTION,
  mode: 'heuristic',
});

const RULE_KEYS = ['version', 'threshold', 'suppressZeros', 'roundingBase', 'roundingMethod', 'percentages', 'protection', 'mode'] as const;
const PROTECTION_KEYS = ['upperPercent', 'lowerPercent', 'minimum', 'width'] as const;

type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return typeof v === 'object' ? 'an object' : `${String(v)}`;
}

function object(v: unknown, what: string, keys: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} should be an object, not ${describe(v)}.`);
  for (const key of Object.keys(v)) {
    if (!keys.includes(key)) {
      throw new Error(`Unknown setting ${JSON.stringify(key)} in ${what.toLowerCase()}. This file may come from a newer version of the workbench.`);
    }
  }
  return v as Obj;
}

/** A number meeting `ok`; `expected` completes "… must be …". An absent setting takes its default, null does not. */
function number(v: unknown, name: string, fallback: number, expected: string, ok: (n: number) => boolean): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new Error(`${name} must be ${expected}, not ${describe(v)}.`);
  return v;
}

function oneOf<T extends string>(v: unknown, name: string, options: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
  throw new Error(`${name} must be one of ${options.map((o) => `"${o}"`).join(' or ')}, not ${describe(v)}.`);
}

const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

function parseProtection(v: unknown): ProtectionLevels {
  if (v === undefined) return DEFAULT_PROTECTION;
  const p = object(v, 'The protection setting', PROTECTION_KEYS);
  const levels = {
    upperPercent: number(p.upperPercent, 'protection.upperPercent', DEFAULT_PROTECTION.upperPercent, 'a percentage from 0 to 1000', (n) => n >= 0 && n <= 1000),
    lowerPercent: number(p.lowerPercent, 'protection.lowerPercent', DEFAULT_PROTECTION.lowerPercent, 'a percentage from 0 to 100', (n) => n >= 0 && n <= 100),
    minimum: number(p.minimum, 'protection.minimum', DEFAULT_PROTECTION.minimum, 'a number of 0 or more', (n) => n >= 0),
    width: number(p.width, 'protection.width', DEFAULT_PROTECTION.width, 'a number of 0 or more', (n) => n >= 0),
  };
  if (levels.minimum < 1 && levels.width < 1) {
    throw new Error('protection.minimum or protection.width must be at least 1; with less, a suppressed count could be worked out exactly.');
  }
  return levels;
}

export function parseSdcRules(input: unknown): SdcRules {
  const o = object(input === undefined ? {} : input, 'The disclosure-control rules', RULE_KEYS);
  if (o.version !== undefined && o.version !== SDC_RULES_VERSION) {
    if (typeof o.version === 'number' && o.version > SDC_RULES_VERSION) {
      throw new Error(
        `These disclosure-control rules were saved by a newer version of the workbench (format ${o.version}; this version reads up to ${SDC_RULES_VERSION}). Update the workbench to open them.`,
      );
    }
    throw new Error(`The rules' version must be ${SDC_RULES_VERSION}, not ${describe(o.version)}.`);
  }
  const threshold = number(o.threshold, 'threshold', DEFAULT_SDC_RULES.threshold, 'a whole number of at least 1', whole(1));
  let suppressZeros = DEFAULT_SDC_RULES.suppressZeros;
  if (o.suppressZeros !== undefined) {
    if (typeof o.suppressZeros !== 'boolean') throw new Error(`suppressZeros must be true or false, not ${describe(o.suppressZeros)}.`);
    suppressZeros = o.suppressZeros;
  }
  let roundingBase: number | null = null;
  if (o.roundingBase !== undefined && o.roundingBase !== null) {
    roundingBase = number(o.roundingBase, 'roundingBase', 0, 'a whole number of at least 2, or null for no rounding', whole(2));
  }
  const percentages = oneOf(o.percentages, 'percentages', ['from-protected', 'suppress'] as const, DEFAULT_SDC_RULES.percentages);
  if (percentages === 'suppress' && roundingBase !== null) {
    // A percentage of the true count, shown beside a rounded denominator, gives the unrounded count back.
    throw new Error(
      `percentages "suppress" computes percentages from the true counts, which would undo rounding to base ${roundingBase}; use "from-protected" when counts are rounded.`,
    );
  }
  return {
    version: 1,
    threshold,
    suppressZeros,
    roundingBase,
    roundingMethod: oneOf(o.roundingMethod, 'roundingMethod', ['nearest', 'controlled'] as const, DEFAULT_SDC_RULES.roundingMethod),
    percentages,
    protection: parseProtection(o.protection),
    mode: oneOf(o.mode, 'mode', ['heuristic', 'optimal'] as const, DEFAULT_SDC_RULES.mode),
  };
}

/** One line for the UI and the export's notes, e.g. "Counts of 1 to 9 are suppressed; zeros are shown; …". */
export function describeRules(rules: SdcRules): string {
  const low = rules.threshold <= 1 ? 'No counts are suppressed for being small' : rules.threshold === 2 ? 'Counts of 1 are suppressed' : `Counts of 1 to ${rules.threshold - 1} are suppressed`;
  const zeros = rules.suppressZeros ? 'zeros are suppressed too' : 'zeros are shown';
  const rounding =
    rules.roundingBase === null ? 'other counts are exact'
    : rules.roundingMethod === 'controlled' ? `other counts are rounded to a multiple of ${rules.roundingBase} so that totals add up`
    : `other counts are rounded to the nearest ${rules.roundingBase}`;
  return `${low}; ${zeros}; ${rounding}; further cells are suppressed where needed so that no suppressed count can be worked out.`;
}
