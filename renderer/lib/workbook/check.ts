// Workbook layer, pure: the small checks every part of a workbook's manifest goes through (an object with only known
// keys, text, numbers, lists), so every part refuses what it does not understand in the same words and with a kind
// (WorkbookFormatError) the UI and the headless rebuild sort on without reading English.
import { PackFormatError } from '../pack/shape.ts';
import { WorkbookFormatError, type WorkbookProblem } from './spec.ts';

export type Obj = Record<string, unknown>;

export function fail(kind: WorkbookProblem, where: string, message: string): never {
  throw new WorkbookFormatError(kind, where, message);
}

/** An object with only the keys listed (a key it does not know may mean a newer version wrote it). */
export function object(v: unknown, where: string, keys: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('wrong-type', where, `The workbook's ${where} should be a set of settings.`);
  for (const k of Object.keys(v as Obj)) {
    if (!keys.includes(k)) fail('unknown-key', where, `The workbook's ${where} has an unknown setting "${k}". The file may come from a newer version of the workbench, or have been edited by hand.`);
  }
  return v as Obj;
}

export function text(v: unknown, where: string): string {
  if (v === undefined) fail('missing', where, `The workbook's ${where} is missing.`);
  if (typeof v !== 'string') fail('wrong-type', where, `The workbook's ${where} should be text.`);
  return v as string;
}

export function optionalText(v: unknown, where: string, fallback = ''): string {
  return v === undefined ? fallback : text(v, where);
}

export function nullableText(v: unknown, where: string): string | null {
  return v === undefined || v === null ? null : text(v, where);
}

export function count(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail('wrong-type', where, `The workbook's ${where} should be a whole number from 0.`);
  return v as number;
}

export function flag(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') fail('wrong-type', where, `The workbook's ${where} should be true or false.`);
  return v as boolean;
}

export function oneOf<T>(v: unknown, where: string, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) fail('not-allowed', where, `The workbook's ${where} should be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(v)}.`);
  return v as T;
}

/** A list (empty when absent), each element checked by `each` with its 1-based position. */
export function list<T>(v: unknown, where: string, each: (x: unknown, n: number) => T): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail('wrong-type', where, `The workbook's ${where} should be a list.`);
  return (v as unknown[]).map((x, i) => each(x, i + 1));
}

export function texts(v: unknown, where: string): string[] {
  return list(v, where, (x, n) => text(x, `${where} ${n}`));
}

/** Names must be unique within a list (a second "Referrals by year" would be found by the first's name). */
export function unique<T>(items: T[], name: (x: T) => string, where: string): T[] {
  const seen = new Set<string>();
  for (const x of items) {
    const key = name(x);
    if (seen.has(key)) fail('duplicate', where, `The workbook has two ${where} named "${key}".`);
    seen.add(key);
  }
  return items;
}

/**
 * Runs a parser from another layer (pivot, chart, pack), turning its refusal into a WorkbookFormatError that says
 * where in the workbook the problem is, with that layer's own words for what it is.
 */
export function within<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof WorkbookFormatError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const newer = err instanceof PackFormatError && err.kind === 'newer-version';
    return fail(newer ? 'newer-version' : 'not-allowed', where, `The workbook's ${where} cannot be read: ${reason}`);
  }
}
