// Reading a stored pack back part by part: one bad item (an unknown key, a malformed frozen snapshot) is set aside
// with its stored text while the other items, the cover and the notes load; only a text that is not a pack at all
// is set aside as a whole.
import { describe, expect, it } from 'vitest';
import { addItem, addNote, setMeta } from './actions.ts';
import { describePart, loadPack } from './load.ts';
import { newPack, type PackSpec } from './spec.ts';

const TODAY = '2026-11-28';

function fourParagraphs(): PackSpec {
  let p = setMeta(newPack(TODAY), { title: 'Referrals in 2023' });
  for (const text of ['One.', 'Two.', 'Three.', 'Four.']) p = addItem(p, { kind: 'commentary', markdown: text }).pack;
  return addNote(p, 'A note.').pack;
}

describe('loadPack', () => {
  it('loads a good pack whole, with nothing set aside', () => {
    const stored = fourParagraphs();
    expect(loadPack(JSON.stringify(stored), TODAY)).toEqual({ spec: stored, unreadable: [] });
  });

  it('sets aside one item with an unknown key, keeping the three others, the cover and the notes', () => {
    const stored = JSON.parse(JSON.stringify(fourParagraphs())) as { items: Record<string, unknown>[] };
    stored.items[1]!.colour = 'red';
    const { spec, unreadable } = loadPack(JSON.stringify(stored), TODAY);
    expect(spec.items.map((i) => (i.kind === 'commentary' ? i.markdown : i.kind))).toEqual(['One.', 'Three.', 'Four.']);
    expect(spec.meta.title).toBe('Referrals in 2023');
    expect(spec.notes).toEqual([{ id: 'note 1', text: 'A note.' }]);
    expect(unreadable).toHaveLength(1);
    expect(describePart(unreadable[0]!.part)).toBe('item 2 (commentary)');
    expect(unreadable[0]!.reason).toContain('Unknown setting "colour"');
    expect(JSON.parse(unreadable[0]!.text)).toEqual(stored.items[1]);
  });

  it('sets aside an item whose frozen snapshot is malformed', () => {
    let p = newPack(TODAY);
    p = addItem(p, { kind: 'query', caption: 'Totals', sql: 'SELECT 1', notes: [], noteTargets: [] }).pack;
    p = addItem(p, { kind: 'commentary', markdown: 'Kept.' }).pack;
    const stored = JSON.parse(JSON.stringify(p)) as { items: Record<string, unknown>[] };
    stored.items[0]!.frozen = [{ kind: 'table', rows: 'nope' }];
    const { spec, unreadable } = loadPack(JSON.stringify(stored), TODAY);
    expect(spec.items.map((i) => i.kind)).toEqual(['commentary']);
    expect(describePart(unreadable[0]!.part)).toBe('item 1 (a query result: "Totals")');
    expect(unreadable[0]!.reason).toMatch(/frozen part 1/);
  });

  it('keeps the first of two items with the same id and sets the second aside', () => {
    const stored = JSON.parse(JSON.stringify(fourParagraphs())) as { items: Record<string, unknown>[] };
    stored.items[3]!.id = stored.items[0]!.id;
    const { spec, unreadable } = loadPack(JSON.stringify(stored), TODAY);
    expect(spec.items).toHaveLength(3);
    expect(unreadable.map((u) => describePart(u.part))).toEqual(['item 4 (commentary)']);
  });

  it('sets aside a bad cover, note, disclosure setting or unknown setting on its own, and keeps disclosure control on', () => {
    const stored = { ...JSON.parse(JSON.stringify(fourParagraphs())), meta: { title: 7 }, notes: [{ id: 'note 1', text: 'ok' }, 'bad'], disclosure: { on: false }, theme: 'dark' };
    const { spec, unreadable } = loadPack(JSON.stringify(stored), TODAY);
    expect(spec.items).toHaveLength(4);
    expect(spec.meta.title).toBe('Briefing pack');
    expect(spec.notes).toEqual([{ id: 'note 1', text: 'ok' }]);
    expect(spec.disclosure).toEqual({ on: true, offReason: '' });
    expect(unreadable.map((u) => describePart(u.part))).toEqual(['the pack setting "theme"', 'the cover details', 'note 2', 'the disclosure control setting']);
    expect(unreadable.map((u) => u.text)).toEqual(['"dark"', '{"title":7}', '"bad"', '{"on":false}']);
  });

  it('sets aside the whole text when it is not JSON, not an object, or from a newer pack format', () => {
    for (const text of ['{"items": [', '[1, 2]', JSON.stringify({ ...fourParagraphs(), version: 99 })]) {
      const { spec, unreadable } = loadPack(text, TODAY);
      expect(spec).toEqual(newPack(TODAY));
      expect(unreadable).toEqual([{ part: { kind: 'whole' }, reason: expect.any(String), text }]);
    }
    expect(loadPack('{"version": 99}', TODAY).unreadable[0]!.reason).toContain('newer version');
  });

  it('starts a new pack when nothing is stored', () => {
    expect(loadPack(null, TODAY)).toEqual({ spec: newPack(TODAY), unreadable: [] });
  });
});
