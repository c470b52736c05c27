// State layer: one named place in the page's local storage, read and written as text. The stores (saved pivots and
// queries, the pack, what was kept aside) reach storage only through this, so moving them to workbook files later
// means another TextSlot, not new stores. A write says how it went instead of throwing: storage is small (~5 MB).
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
