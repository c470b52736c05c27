// State layer, pure: the stored list behind a named store (saved pivots, saved queries) read entry by entry. An
// entry that cannot be revived stays in the list exactly as stored — every write passes it through untouched — so
// a newer version's entries, or a damaged one, survive this version's saves. Only a list that is not JSON at all
// must be moved aside before the store writes over it.

export interface UnreadableNamed {
  /** The entry's name when it has one. */
  name: string | null;
  reason: string;
  /** The entry as stored (parsed JSON), written back unchanged. */
  raw: unknown;
}

export interface NamedList<T> {
  items: T[];
  unreadable: UnreadableNamed[];
  /** Why the stored text is not a list at all (then items and unreadable are empty), else null. */
  damaged: string | null;
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `revive` checks one stored entry and returns it typed, or throws with a plain-English reason. */
export function readNamedList<T>(text: string | null, revive: (raw: Record<string, unknown>) => T): NamedList<T> {
  if (text === null) return { items: [], unreadable: [], damaged: null };
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return { items: [], unreadable: [], damaged: 'The stored text is not valid JSON: it may have been cut short or changed outside the workbench.' };
  }
  if (!Array.isArray(stored)) return { items: [], unreadable: [], damaged: 'The stored text is not a list.' };
  const items: T[] = [];
  const unreadable: UnreadableNamed[] = [];
  for (const raw of stored) {
    const name = typeof (raw as { name?: unknown } | null)?.name === 'string' ? (raw as { name: string }).name : null;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      unreadable.push({ name, reason: 'It is not a saved entry (it should be an object).', raw });
      continue;
    }
    try {
      items.push(revive(raw as Record<string, unknown>));
    } catch (err) {
      unreadable.push({ name, reason: reasonOf(err), raw });
    }
  }
  return { items, unreadable, damaged: null };
}

/** The text to store: the readable entries, then the unreadable ones exactly as they were read. */
export function writeNamedList<T>(items: readonly T[], unreadable: readonly UnreadableNamed[]): string {
  return JSON.stringify([...items, ...unreadable.map((u) => u.raw)]);
}
