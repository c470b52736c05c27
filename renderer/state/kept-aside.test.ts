// Entries kept aside under a store's ".kept-aside" key, through the real LocalSlot over a Storage that behaves like
// the browser's (including running out of room): added once each, never lost when the list itself is damaged, and
// exported as a file that carries each entry's stored text.
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../tests/unit/memory-storage.ts';
import { KeptAside, parseKeptAside, uniqueByText, unreadableFile, type UnreadableEntry } from './kept-aside.ts';
import { LocalSlot } from './local-slot.ts';

const entry = (text: string): UnreadableEntry => ({ what: 'item 2 (commentary)', reason: 'Unknown setting "colour".', text, keptAt: null });
const NOW = '2026-11-28T10:00:00.000Z';

describe('KeptAside', () => {
  it('keeps each entry once, stamped with when it was kept', () => {
    const storage = new MemoryStorage();
    const aside = new KeptAside(new LocalSlot('store.v1.kept-aside', storage));
    expect(aside.add([entry('{"a":1}')], NOW)).toBe('written');
    expect(aside.add([entry('{"a":1}'), entry('{"b":2}')], NOW)).toBe('written');
    expect(aside.read().map((e) => [e.text, e.keptAt])).toEqual([['{"a":1}', NOW], ['{"b":2}', NOW]]);
  });

  it('says when storage is full, and keeps what it had', () => {
    const storage = new MemoryStorage(200);
    const aside = new KeptAside(new LocalSlot('k', storage));
    expect(aside.add([entry('x')], NOW)).toBe('written');
    expect(aside.add([entry('y'.repeat(300))], NOW)).toBe('full');
    expect(aside.read().map((e) => e.text)).toEqual(['x']);
  });

  it('removes only the entries named, and the key once none is left', () => {
    const storage = new MemoryStorage();
    const aside = new KeptAside(new LocalSlot('k', storage));
    aside.add([entry('a'), entry('b')], NOW);
    aside.remove(new Set(['a']));
    expect(aside.read().map((e) => e.text)).toEqual(['b']);
    aside.remove(new Set(['b']));
    expect(storage.getItem('k')).toBeNull();
  });

  it('turns a damaged kept-aside list into one entry, and adding to it loses nothing', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', '[{"what": "half');
    const aside = new KeptAside(new LocalSlot('k', storage));
    expect(parseKeptAside('[{"what": "half')).toHaveLength(1);
    aside.add([entry('new')], NOW);
    expect(aside.read().map((e) => e.text)).toEqual(['[{"what": "half', 'new']);
  });

  it('writes nothing when storage cannot be reached', () => {
    expect(new KeptAside(new LocalSlot('k', null)).add([entry('a')], NOW)).toBe('unavailable');
  });
});

describe('uniqueByText', () => {
  it('reports an entry both still in place and already kept aside once, as first listed', () => {
    const inPlace = entry('{"a":1}');
    expect(uniqueByText([inPlace, { ...inPlace, keptAt: NOW }, entry('{"b":2}')])).toEqual([inPlace, entry('{"b":2}')]);
  });
});

describe('unreadableFile', () => {
  it('names the store and day, and carries each entry with its stored text', () => {
    const file = unreadableFile('saved queries', 'idmg-workbench.saved-queries.v1', [entry('{"name":"Broken"}')], new Date(NOW));
    expect(file.fileName).toBe('unreadable-saved-queries-2026-11-28.json');
    const body = JSON.parse(file.text) as { storageKey: string; entries: Array<{ what: string; storedText: string }> };
    expect(body.storageKey).toBe('idmg-workbench.saved-queries.v1');
    expect(body.entries).toEqual([{ what: 'item 2 (commentary)', reason: 'Unknown setting "colour".', keptAsideAt: null, storedText: '{"name":"Broken"}' }]);
  });
});
