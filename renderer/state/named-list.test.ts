// The stored list behind saved pivots and queries: an entry that cannot be revived is reported with its name and
// reason and written back exactly as it was, so a later save never deletes it; a text that is not a list is
// reported as damaged rather than read as empty.
import { describe, expect, it } from 'vitest';
import { readNamedList, writeNamedList } from './named-list.ts';

interface Query { name: string; sql: string; savedAt: string }

function revive(raw: Record<string, unknown>): Query {
  if (typeof raw.sql !== 'string') throw new Error('it has no SQL.');
  return { name: String(raw.name), sql: raw.sql, savedAt: String(raw.savedAt) };
}

const good = { name: 'Totals', sql: 'SELECT 1', savedAt: '2026-01-01T00:00:00.000Z' };
const newer = { name: 'From a newer version', sql: { dialect: 'duckdb', text: 'SELECT 2' }, savedAt: '2026-01-02T00:00:00.000Z', tags: ['x'] };

describe('readNamedList and writeNamedList', () => {
  it('reads the good entries and reports the others by name and reason', () => {
    const list = readNamedList(JSON.stringify([good, newer, 7]), revive);
    expect(list.items).toEqual([good]);
    expect(list.unreadable).toEqual([
      { name: 'From a newer version', reason: 'it has no SQL.', raw: newer },
      { name: null, reason: 'It is not a saved entry (it should be an object).', raw: 7 },
    ]);
    expect(list.damaged).toBeNull();
  });

  it('writes the unreadable entries back unchanged after a save', () => {
    const list = readNamedList(JSON.stringify([newer, good]), revive);
    const added = { name: 'Another', sql: 'SELECT 3', savedAt: '2026-01-03T00:00:00.000Z' };
    const written = JSON.parse(writeNamedList([...list.items, added], list.unreadable)) as unknown[];
    expect(written).toEqual([good, added, newer]);
    expect(readNamedList(JSON.stringify(written), revive).unreadable.map((u) => u.raw)).toEqual([newer]);
  });

  it('says a text that is not a JSON list is damaged, instead of reading it as empty', () => {
    expect(readNamedList('[{"name": "Tot', revive).damaged).toMatch(/not valid JSON/);
    expect(readNamedList('{"name": "Totals"}', revive).damaged).toMatch(/not a list/);
    expect(readNamedList(null, revive)).toEqual({ items: [], unreadable: [], damaged: null });
  });
});
