// State layer: things the analyst saves by name (pivots, queries), kept in the workbook's working copy (a SlotStore:
// local storage under the workbook's prefix) so they survive a restart and are saved with the workbook. One store class for all of them: entries are validated when read back; an entry that cannot be
// read stays stored exactly as it was (see named-list.ts) and is reported, never dropped. Every change reads the
// newest stored list first and merges by name, so a save here never drops what another window saved meanwhile.
import { KeptAside, unreadableFile, uniqueByText, type UnreadableEntry } from './kept-aside.ts';
import { type SlotStore, type TextSlot, type WriteOutcome } from './local-slot.ts';
import { readNamedList, writeNamedList, type NamedList } from './named-list.ts';

export interface Named {
  name: string;
  savedAt: string;
}

export class NamedStore<T extends Named> {
  items = $state.raw<T[]>([]);
  /** Entries that could not be read back: still in the stored list, or kept aside. */
  unreadable = $state.raw<UnreadableEntry[]>([]);
  /** The last change could not be written: it lives in this window only until a later write succeeds. */
  writeProblem = $state<Exclude<WriteOutcome, 'written'> | null>(null);
  private slot!: TextSlot;
  private aside!: KeptAside;

  /**
   * @param name the slot's name in the working copy (versioned); what could not be read may move to `${name}.kept-aside`
   * @param names what an entry is, and many of them, for messages ("saved pivot", "saved pivots")
   * @param revive checks one stored entry and returns it typed; throws with a plain-English reason
   */
  constructor(
    private readonly name: string,
    readonly names: { one: string; many: string },
    private readonly revive: (raw: Record<string, unknown>) => T,
    slots: SlotStore,
  ) {
    this.use(slots);
  }

  /** Reads and writes another workbook's working copy from now on (File › New, Open, recovering). */
  use(slots: SlotStore): void {
    this.slot = slots.slot(this.name);
    this.aside = new KeptAside(slots.slot(`${this.name}.kept-aside`));
    this.writeProblem = null;
    this.reload();
  }

  /** Replaces every entry (a workbook being opened): each is checked as a save is. */
  replaceAll(entries: Omit<T, never>[]): void {
    const revived = entries.map((e) => this.revive({ ...e } as Record<string, unknown>));
    this.change(() => [...revived].sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** Whether a change to this storage key (null: storage cleared) concerns this store. */
  concerns(key: string | null): boolean {
    return key === null || key === this.slot.key || key === this.aside.key;
  }

  /** Reads the store again (another window changed it). */
  reload(): void {
    const text = this.slot.read();
    const list = readNamedList(text, this.revive);
    this.items = list.items;
    this.unreadable = uniqueByText([...this.inPlace(list, text), ...this.aside.read()]);
  }

  /** Saves (or replaces) the entry with this name; entries stay sorted by name. */
  put(entry: Omit<T, 'savedAt'>): T {
    // A timestamp string, not reactive state: a plain Date is right here.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const saved = this.revive({ ...entry, savedAt: new Date().toISOString() } as Record<string, unknown>);
    this.change((items) => [...items.filter((p) => p.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
    return saved;
  }

  get(name: string): T | undefined {
    return this.items.find((p) => p.name === name);
  }

  remove(name: string): void {
    this.change((items) => items.filter((p) => p.name !== name));
  }

  /** The unreadable entries as a file to download. */
  unreadableFile(now?: Date): { fileName: string; text: string } {
    return unreadableFile(this.names.many, this.slot.key, this.unreadable, now);
  }

  /** Removes from storage the unreadable entries with these stored texts (the analyst downloaded them); others stay. */
  discardUnreadable(texts: ReadonlySet<string>): void {
    const outcome = this.aside.remove(texts);
    if (outcome !== 'written') this.writeProblem = outcome;
    this.change((items) => items, (stored) => !texts.has(stored));
  }

  private inPlace(list: NamedList<T>, text: string | null): UnreadableEntry[] {
    if (list.damaged !== null && text !== null) return [{ what: `the stored list of ${this.names.many}`, reason: list.damaged, text, keptAt: null }];
    return list.unreadable.map((u) => ({ what: u.name ? `the ${this.names.one} "${u.name}"` : `a ${this.names.one} without a name`, reason: u.reason, text: JSON.stringify(u.raw), keptAt: null }));
  }

  /**
   * Write after reading: the newest stored list, changed by `edit`, written back with its unreadable entries
   * (those whose stored text `keep` accepts) untouched. A stored text that is not a list is moved aside first, or
   * nothing is written.
   */
  private change(edit: (items: T[]) => T[], keep: (stored: string) => boolean = () => true): void {
    const text = this.slot.read();
    const list = readNamedList(text, this.revive);
    const next = edit(list.items);
    let outcome: WriteOutcome = 'written';
    if (list.damaged !== null && text !== null && keep(text)) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      outcome = this.aside.add(this.inPlace(list, text), new Date().toISOString());
    }
    if (outcome === 'written') outcome = this.slot.write(writeNamedList(next, list.unreadable.filter((u) => keep(JSON.stringify(u.raw)))));
    if (outcome !== 'written') {
      this.writeProblem = outcome;
      this.items = next;
      return;
    }
    this.writeProblem = null;
    this.reload();
  }
}
