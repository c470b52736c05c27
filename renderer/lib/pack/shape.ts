// Pack layer, pure: the small checks every stored pack part goes through (an object with only known keys, text,
// numbers, lists), shared by the pack spec and its frozen snapshots so both reject what they do not understand in
// the same words. Failures are PackFormatError with a kind, so callers can sort them without reading the English.
export type PackFormatProblem = 'not-an-object' | 'unknown-key' | 'wrong-type' | 'missing' | 'not-allowed' | 'newer-version';

export class PackFormatError extends Error {
  constructor(
    readonly kind: PackFormatProblem,
    /** Where in the pack, in words ("item 3 frozen table 1, row 2"). */
    readonly where: string,
    message: string,
  ) {
    super(message);
    this.name = 'PackFormatError';
  }
}

export type Obj = Record<string, unknown>;

const fail = (kind: PackFormatProblem, where: string, message: string): never => {
  throw new PackFormatError(kind, where, message);
};

/** An object with only the keys listed (a key it does not know may mean a newer version wrote it). */
export function object(v: unknown, where: string, keys: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('not-an-object', where, `The pack's ${where} should be an object.`);
  for (const k of Object.keys(v as Obj)) {
    if (!keys.includes(k)) fail('unknown-key', where, `Unknown setting "${k}" in the pack's ${where}. This file may come from a newer version of the workbench.`);
  }
  return v as Obj;
}

/** Text, `fallback` when absent. */
export function str(v: unknown, where: string, fallback = ''): string {
  if (v === undefined) return fallback;
  return text(v, where);
}

/** Required text. */
export function text(v: unknown, where: string): string {
  if (v === undefined) fail('missing', where, `The pack's ${where} is missing.`);
  if (typeof v !== 'string') fail('wrong-type', where, `The pack's ${where} should be text.`);
  return v as string;
}

/** A list of texts; empty when absent. */
export function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  return texts(v, where);
}

/** A required list of texts. */
export function texts(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail('wrong-type', where, `The pack's ${where} should be a list of texts.`);
  return v as string[];
}

/** A required finite number, optionally a whole number at least `min`. */
export function num(v: unknown, where: string, opts: { integer?: boolean; min?: number } = {}): number {
  if (v === undefined) fail('missing', where, `The pack's ${where} is missing.`);
  if (typeof v !== 'number' || !Number.isFinite(v)) fail('wrong-type', where, `The pack's ${where} should be a number.`);
  const n = v as number;
  if (opts.integer && !Number.isInteger(n)) fail('not-allowed', where, `The pack's ${where} should be a whole number.`);
  if (opts.min !== undefined && n < opts.min) fail('not-allowed', where, `The pack's ${where} should be at least ${opts.min}.`);
  return n;
}

export function bool(v: unknown, where: string): boolean {
  if (v === undefined) fail('missing', where, `The pack's ${where} is missing.`);
  if (typeof v !== 'boolean') fail('wrong-type', where, `The pack's ${where} should be true or false.`);
  return v as boolean;
}

/** One of a few allowed values, named in the message. */
export function oneOf<T extends string | number>(v: unknown, where: string, allowed: readonly T[]): T {
  if (v === undefined) fail('missing', where, `The pack's ${where} is missing.`);
  if (!allowed.includes(v as T)) fail('not-allowed', where, `The pack's ${where} should be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`);
  return v as T;
}

/** A required list, each element checked by `each` (given its 1-based position). */
export function list<T>(v: unknown, where: string, each: (x: unknown, n: number) => T): T[] {
  if (v === undefined) fail('missing', where, `The pack's ${where} is missing.`);
  if (!Array.isArray(v)) fail('wrong-type', where, `The pack's ${where} should be a list.`);
  return (v as unknown[]).map((x, i) => each(x, i + 1));
}

export function formatError(kind: PackFormatProblem, where: string, message: string): PackFormatError {
  return new PackFormatError(kind, where, message);
}
