// State layer: things the analyst saves by name (pivots, queries), kept in the page's local storage so they
// survive a restart. One store class for all of them: entries are validated when read back, and an entry that
// cannot be read (e.g. written by a newer version) is reported by name, never dropped silently.

export interface Named {
  name: string;
  savedAt: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class NamedStore<T extends Named> {
  items = $state.raw<T[]>([]);
  /** Entries that could not be read back, in words. */
  problems = $state.raw<string[]>([]);

  /**
   * @param key the local-storage key (versioned)
   * @param what what an entry is, for messages ("saved pivot")
   * @param revive checks one stored entry and returns it typed; throws with a plain-English reason
   */
  constructor(
    private readonly key: string,
    private readonly what: string,
    private readonly revive: (raw: Record<string, unknown>) => T,
  ) {
    let stored: unknown;
    try {
      stored = JSON.parse(storage()?.getItem(key) ?? '[]');
    } catch {
      this.problems = [`The ${what}s stored by this browser could not be read (the stored text is damaged).`];
      return;
    }
    const items: T[] = [];
    const problems: string[] = [];
    for (const raw of Array.isArray(stored) ? (stored as Record<string, unknown>[]) : []) {
      try {
        items.push(this.revive(raw));
      } catch (err) {
        problems.push(`The ${what} "${String(raw?.name)}" could not be opened: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.items = items;
    this.problems = problems;
  }

  /** Saves (or replaces) the entry with this name; entries stay sorted by name. */
  put(entry: Omit<T, 'savedAt'>): T {
    // A timestamp string, not reactive state: a plain Date is right here.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const saved = this.revive({ ...entry, savedAt: new Date().toISOString() } as Record<string, unknown>);
    this.items = [...this.items.filter((p) => p.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name));
    this.persist();
    return saved;
  }

  get(name: string): T | undefined {
    return this.items.find((p) => p.name === name);
  }

  remove(name: string): void {
    this.items = this.items.filter((p) => p.name !== name);
    this.persist();
  }

  /** Writes the entries; false when storage is full, and `problems` says the newest change will not survive a restart. */
  private persist(): boolean {
    try {
      storage()?.setItem(this.key, JSON.stringify(this.items));
      return true;
    } catch {
      this.problems = [...this.problems, `This browser's storage is full: the ${this.what}s will not all survive a restart. Delete some you no longer need.`];
      return false;
    }
  }
}
