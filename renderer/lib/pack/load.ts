// Pack layer, pure: reading a stored pack back part by part, so one bad part never takes down the rest. Each item,
// note, the cover details and the disclosure setting are parsed on their own; what cannot be read is returned with
// its stored text and the reason, for the caller to keep aside and report, while everything else loads. Only a
// stored text that is not a pack at all (not JSON, or from a newer format) is unreadable as a whole.
import { checkVersion, duplicateId, newPack, PACK_KEYS, PACK_VERSION, parseDisclosure, parseItem, parseMeta, parseNote, parsePackSpec, type PackItemSpec, type PackSpec } from './spec.ts';

/** Which part of a stored pack could not be read (words: describePart). Positions count from 1. */
export type PackPart =
  | { kind: 'whole' }
  | { kind: 'setting'; key: string }
  | { kind: 'meta' }
  | { kind: 'items' }
  | { kind: 'item'; position: number; itemKind: string | null; caption: string | null }
  | { kind: 'notes' }
  | { kind: 'note'; position: number }
  | { kind: 'disclosure' };

export interface UnreadablePart {
  part: PackPart;
  /** Why, in words. */
  reason: string;
  /** The part exactly as stored (JSON text), so it can be kept aside and exported. */
  text: string;
}

export interface LoadedPack {
  spec: PackSpec;
  unreadable: UnreadablePart[];
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

const ITEM_WORDS: Record<string, string> = { pivot: 'a pivot', query: 'a query result', commentary: 'commentary', 'key-figures': 'key figures', 'page-break': 'a page break' };

export function describePart(part: PackPart): string {
  switch (part.kind) {
    case 'whole': return 'the whole pack';
    case 'setting': return `the pack setting "${part.key}"`;
    case 'meta': return 'the cover details';
    case 'items': return 'the list of items';
    case 'item': {
      const what = part.itemKind ? ` (${ITEM_WORDS[part.itemKind] ?? `of kind "${part.itemKind}"`}${part.caption ? `: "${part.caption}"` : ''})` : '';
      return `item ${part.position}${what}`;
    }
    case 'notes': return 'the list of notes';
    case 'note': return `note ${part.position}`;
    case 'disclosure': return 'the disclosure control setting';
  }
}

function itemPart(v: unknown, i: number): PackPart {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  return { kind: 'item', position: i + 1, itemKind: typeof o.kind === 'string' ? o.kind : null, caption: typeof o.caption === 'string' && o.caption ? o.caption : null };
}

/** A list stored under `key`, each element parsed alone; the elements that fail are set aside. */
function each<T>(v: unknown, listPart: PackPart, parse: (x: unknown, i: number) => T, partOf: (x: unknown, i: number) => PackPart, aside: UnreadablePart[]): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    aside.push({ part: listPart, reason: `It should be a list, not ${typeof v}.`, text: JSON.stringify(v) });
    return [];
  }
  const out: T[] = [];
  v.forEach((x, i) => {
    try {
      out.push(parse(x, i));
    } catch (err) {
      aside.push({ part: partOf(x, i), reason: reasonOf(err), text: JSON.stringify(x) });
    }
  });
  return out;
}

function partly(o: Record<string, unknown>, today: string): LoadedPack {
  const aside: UnreadablePart[] = [];
  for (const key of Object.keys(o)) {
    if (!(PACK_KEYS as readonly string[]).includes(key)) aside.push({ part: { kind: 'setting', key }, reason: `The workbench does not know the setting "${key}": it may come from a newer version.`, text: JSON.stringify(o[key]) });
  }
  const fresh = newPack(today);
  let meta = fresh.meta;
  try {
    meta = parseMeta(o.meta);
  } catch (err) {
    aside.push({ part: { kind: 'meta' }, reason: reasonOf(err), text: JSON.stringify(o.meta) });
  }
  const ids = new Set<string>();
  const items = each<PackItemSpec>(o.items, { kind: 'items' }, (x, i) => {
    const item = parseItem(x, i);
    if (ids.has(item.id)) throw duplicateId(item.id);
    ids.add(item.id);
    return item;
  }, itemPart, aside);
  const notes = each(o.notes, { kind: 'notes' }, parseNote, (_, i) => ({ kind: 'note', position: i + 1 }), aside);
  let disclosure = fresh.disclosure;
  try {
    disclosure = parseDisclosure(o.disclosure);
  } catch (err) {
    // Kept aside, and control stays on: the safe default for an export.
    aside.push({ part: { kind: 'disclosure' }, reason: reasonOf(err), text: JSON.stringify(o.disclosure) });
  }
  return { spec: parsePackSpec({ version: PACK_VERSION, meta, items, notes, disclosure }), unreadable: aside };
}

/** The stored pack (`text` as kept in storage; null when there is none): what loads, and what was set aside. */
export function loadPack(text: string | null, today: string): LoadedPack {
  if (text === null) return { spec: newPack(today), unreadable: [] };
  const whole = (reason: string): LoadedPack => ({ spec: newPack(today), unreadable: [{ part: { kind: 'whole' }, reason, text }] });
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return whole('The stored text is not valid JSON: it may have been cut short or changed outside the workbench.');
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return whole('The stored pack is not a pack (it should be an object).');
  const o = stored as Record<string, unknown>;
  try {
    checkVersion(o.version);
    return partly(o, today);
  } catch (err) {
    return whole(reasonOf(err));
  }
}
