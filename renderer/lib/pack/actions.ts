// Pack layer, pure: every change to a pack as a function from one spec to the next (validated again), so the
// composer, keyboard reordering and drag and drop all go through the same few steps.
import type { DocItem } from './document.ts';
import { parsePackSpec, type PackItemSpec, type PackMetaSpec, type PackSpec } from './spec.ts';

type NewItem = PackItemSpec extends infer T ? (T extends PackItemSpec ? Omit<T, 'id' | 'frozen'> : never) : never;

function edit(pack: PackSpec, change: (next: PackSpec) => void): PackSpec {
  const next = structuredClone(pack);
  change(next);
  return parsePackSpec(next);
}

function indexOf(pack: PackSpec, id: string): number {
  const i = pack.items.findIndex((it) => it.id === id);
  if (i < 0) throw new Error(`The pack has no item "${id}".`);
  return i;
}

/** Adds an item at the end (or at `index`), with a fresh id; returns the new pack and the id. */
export function addItem(pack: PackSpec, item: NewItem, index = pack.items.length): { pack: PackSpec; id: string } {
  let n = pack.items.length + 1;
  while (pack.items.some((it) => it.id === `item-${n}`)) n++;
  const id = `item-${n}`;
  return { pack: edit(pack, (next) => next.items.splice(Math.max(0, Math.min(index, next.items.length)), 0, { ...item, id, frozen: null } as PackItemSpec)), id };
}

export function removeItem(pack: PackSpec, id: string): PackSpec {
  const i = indexOf(pack, id);
  return edit(pack, (next) => next.items.splice(i, 1));
}

/** Moves an item to position `to` (clamped), for keyboard (up/down) and drag and drop alike. */
export function moveItem(pack: PackSpec, id: string, to: number): PackSpec {
  const from = indexOf(pack, id);
  return edit(pack, (next) => {
    const [item] = next.items.splice(from, 1);
    next.items.splice(Math.max(0, Math.min(to, next.items.length)), 0, item!);
  });
}

export function updateItem(pack: PackSpec, id: string, patch: Record<string, unknown>): PackSpec {
  const i = indexOf(pack, id);
  return edit(pack, (next) => {
    next.items[i] = { ...next.items[i]!, ...patch, id, kind: next.items[i]!.kind } as PackItemSpec;
  });
}

/** Freezes an item with the figures it has now, or (null) makes it live again. */
export function freezeItem(pack: PackSpec, id: string, snapshot: DocItem[] | null): PackSpec {
  const i = indexOf(pack, id);
  return edit(pack, (next) => {
    next.items[i]!.frozen = snapshot;
  });
}

export function setMeta(pack: PackSpec, patch: Partial<PackMetaSpec>): PackSpec {
  return edit(pack, (next) => {
    next.meta = { ...next.meta, ...patch };
  });
}

/** Disclosure control on, or off for this export with the reason (required, and printed on the cover). */
export function setDisclosure(pack: PackSpec, on: boolean, offReason = ''): PackSpec {
  return edit(pack, (next) => {
    next.disclosure = { on, offReason: on ? '' : offReason };
  });
}

/** Adds a note ("note 1", "note 2"…) and returns its id. */
export function addNote(pack: PackSpec, text: string): { pack: PackSpec; id: string } {
  let n = pack.notes.length + 1;
  while (pack.notes.some((x) => x.id === `note ${n}`)) n++;
  const id = `note ${n}`;
  return { pack: edit(pack, (next) => next.notes.push({ id, text })), id };
}
