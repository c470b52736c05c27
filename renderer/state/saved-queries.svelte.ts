// State layer: SQL queries saved by name. A saved query can be reopened in a console or used as a pivot's source
// (the pivot reads it as a subquery, so it always sees the query's current result).
import { NamedStore } from './named-store.svelte.ts';
import type { SlotStore } from './local-slot.ts';

export interface SavedQuery {
  name: string;
  sql: string;
  savedAt: string;
}

/** A name an analyst can give a query: some visible text, not too long. Returns the problem in words, or null. */
export function checkQueryName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the query a name before saving it.';
  if (trimmed.length > 100) return 'Query names can be at most 100 characters long.';
  return null;
}

export class SavedQueries extends NamedStore<SavedQuery> {
  constructor(slots: SlotStore) {
    super('saved-queries.v1', { one: 'saved query', many: 'saved queries' }, (raw) => {
      const problem = checkQueryName(String(raw.name ?? ''));
      if (problem) throw new Error(problem);
      if (typeof raw.sql !== 'string' || raw.sql.trim() === '') throw new Error('it has no SQL.');
      return { name: String(raw.name).trim(), sql: raw.sql, savedAt: String(raw.savedAt) };
    }, slots);
  }
}
