// State layer: one named place in the page's local storage, read and written as text, and the SlotStore that hands
// out the places of one workbook's working copy. The stores (saved pivots and queries, the pack, what was kept aside)
// are given a SlotStore and reach storage only through it, so each workbook keeps its working copy under its own
// prefix and the stores never name local storage themselves. A write says how it went instead of throwing: storage
// is small (~5 MB).
export type WriteOutcome = 'written' | 'full' | 'unavailable';

export interface TextSlot {
  readonly key: string;
  /** The stored text, or null when nothing is stored (or storage cannot be reached). */
  read(): string | null;
  write(text: string): WriteOutcome;
  remove(): WriteOutcome;
}

/** The page's local storage; null when the browser refuses it (e.g. storage turned off for the site). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class LocalSlot implements TextSlot {
  constructor(
    readonly key: string,
    private readonly storage: Storage | null = browserStorage(),
  ) {}

  read(): string | null {
    try {
      return this.storage?.getItem(this.key) ?? null;
    } catch {
      return null;
    }
  }

  write(text: string): WriteOutcome {
    if (!this.storage) return 'unavailable';
    try {
      this.storage.setItem(this.key, text);
      return 'written';
    } catch {
      return 'full'; // QuotaExceededError: the only way setItem fails once storage is reachable
    }
  }

  remove(): WriteOutcome {
    if (!this.storage) return 'unavailable';
    this.storage.removeItem(this.key);
    return 'written';
  }
}

/** Where a workbook's working copy is kept: named text slots ("pack.v1", "saved-pivots.v1"), one set per workbook. */
export interface SlotStore {
  /** A prefix unique to this workbook's working copy (it tells other windows' storage events apart). */
  readonly prefix: string;
  slot(name: string): TextSlot;
}

/**
 * The first workbook's working copy lives under the keys the workbench used before workbooks existed, so what an
 * analyst had in local storage then is, unchanged, the first workbook (saving it writes all of it to a file).
 */
export const FIRST_WORKBOOK_PREFIX = 'idmg-workbench.';

/** The working copy of the workbook with this id ('' for the first) in local storage. */
export function workbookPrefix(id: string): string {
  return id === '' ? FIRST_WORKBOOK_PREFIX : `idmg-workbench.wb.${id}.`;
}

export function localSlots(prefix = FIRST_WORKBOOK_PREFIX, storage: Storage | null = browserStorage()): SlotStore {
  return { prefix, slot: (name) => new LocalSlot(`${prefix}${name}`, storage) };
}
