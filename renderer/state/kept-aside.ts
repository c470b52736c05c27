// State layer: entries a store could not read, kept aside as their exact stored text so that nothing the analyst
// saved is lost — reported in words, exportable as a file, removed only when the analyst asks. Entries still in
// place in their store (keptAt null) and entries moved under the store's ".kept-aside" key look the same here.
import type { TextSlot, WriteOutcome } from './local-slot.ts';

export interface UnreadableEntry {
  /** Which entry, in words ('the saved query "Totals"', 'item 3 (commentary)'). */
  what: string;
  /** Why it could not be read, in words. */
  reason: string;
  /** Exactly as it was stored. */
  text: string;
  /** When it was moved aside (ISO timestamp); null while it is still in place in its store. */
  keptAt: string | null;
}

function isEntry(v: unknown): v is UnreadableEntry {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.what === 'string' && typeof o.reason === 'string' && typeof o.text === 'string' && (o.keptAt === null || typeof o.keptAt === 'string');
}

/** The kept-aside list as stored. Even a damaged list loses nothing: its whole text becomes one entry. */
export function parseKeptAside(text: string | null): UnreadableEntry[] {
  if (text === null) return [];
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v) && v.every(isEntry)) return v;
  } catch {
    // fall through: kept as one entry
  }
  return [{ what: 'the list of entries kept aside earlier', reason: 'The list itself could not be read.', text, keptAt: null }];
}

/** `more` added to `kept`, stamped `now`; an entry whose text is already kept is not added twice. */
export function addKeptAside(kept: readonly UnreadableEntry[], more: readonly UnreadableEntry[], now: string): UnreadableEntry[] {
  const texts = new Set(kept.map((e) => e.text));
  const added = more.filter((e) => !texts.has(e.text) && texts.add(e.text)).map((e) => ({ ...e, keptAt: now }));
  return [...kept, ...added];
}

/** The file "Download the unreadable entries" saves: what each entry was, why, and its stored text. */
export function unreadableFile(store: string, key: string, entries: readonly UnreadableEntry[], now = new Date()): { fileName: string; text: string } {
  const day = now.toISOString().slice(0, 10);
  const body = {
    about: `Entries of the ${store} that the IDMG analyst workbench could not read, exactly as they were stored. They may open in a newer version of the workbench, or can be repaired by hand.`,
    storageKey: key,
    exportedAt: now.toISOString(),
    entries: entries.map((e) => ({ what: e.what, reason: e.reason, keptAsideAt: e.keptAt, storedText: e.text })),
  };
  return { fileName: `unreadable-${store.replace(/\W+/g, '-')}-${day}.json`, text: `${JSON.stringify(body, null, 2)}\n` };
}

/** The stored texts of these entries (to remove exactly the ones the analyst downloaded). */
export function textsOf(entries: readonly UnreadableEntry[]): ReadonlySet<string> {
  return new Set(entries.map((e) => e.text));
}

/** Each stored text once (an entry can be both in place and already kept aside after an interrupted move). */
export function uniqueByText(entries: readonly UnreadableEntry[]): UnreadableEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.text) && seen.add(e.text));
}

/** The ".kept-aside" slot of one store. */
export class KeptAside {
  constructor(private readonly slot: TextSlot) {}

  get key(): string {
    return this.slot.key;
  }

  read(): UnreadableEntry[] {
    return parseKeptAside(this.slot.read());
  }

  /** Keeps `entries` aside; the store may overwrite them in place only once this says 'written'. */
  add(entries: readonly UnreadableEntry[], now: string): WriteOutcome {
    if (entries.length === 0) return 'written';
    const kept = this.read();
    const next = addKeptAside(kept, entries, now);
    return next.length === kept.length ? 'written' : this.slot.write(JSON.stringify(next));
  }

  /** Forgets the entries with these texts (after the analyst downloaded them); others stay. */
  remove(texts: ReadonlySet<string>): WriteOutcome {
    const rest = this.read().filter((e) => !texts.has(e.text));
    return rest.length === 0 ? this.slot.remove() : this.slot.write(JSON.stringify(rest));
  }
}
