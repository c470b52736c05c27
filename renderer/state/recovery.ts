// State layer: the recovery copy. Each window keeps a small record — which workbook it has open, under what name and
// file, whether it has unsaved changes, and the consoles and pivots open as they stand — rewritten within a second
// of every change (the saved lists and the pack are in the working copy already, written at each change). A window
// holds a Web Lock for its whole life, so after a crash, a kill or a closed tab the next window finds records whose
// lock nobody holds and offers them back. A window that closes normally (a reload, the window or app closed) says so
// in its record as it goes: the next window takes that session back by itself — its workbook and its tabs, typed
// SQL included — as an editor restores its files, while the work of a window that crashed is offered.
import { parseOpenTabs } from '../lib/workbook/parse.ts';
import type { OpenTab } from '../lib/workbook/spec.ts';
import { browserStorage } from './local-slot.ts';

export interface SessionRecord {
  version: 1;
  windowId: string;
  workbookId: string;
  name: string;
  fileName: string | null;
  dirty: boolean;
  tabs: OpenTab[];
  updatedAt: string;
  /** The window closed normally (it said so as it went), rather than crashing or being killed. */
  closed: boolean;
}

const PREFIX = 'idmg-workbench.session.';
const LOCK = 'idmg-workbench-window-';

type Locks = Pick<LockManager, 'request' | 'query'>;

function parseRecord(text: string | null): SessionRecord | null {
  try {
    const r = JSON.parse(text ?? '') as Partial<SessionRecord>;
    if (r.version !== 1 || typeof r.windowId !== 'string' || typeof r.workbookId !== 'string' || typeof r.name !== 'string') return null;
    return { version: 1, windowId: r.windowId, workbookId: r.workbookId, name: r.name, fileName: typeof r.fileName === 'string' ? r.fileName : null, dirty: r.dirty === true, tabs: parseOpenTabs(r.tabs), updatedAt: String(r.updatedAt ?? ''), closed: r.closed === true };
  } catch {
    return null; // a record this version cannot read is left where it is, never offered half-read
  }
}

export class Recovery {
  readonly windowId = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly storage: Storage | null = browserStorage(),
    private readonly locks: Locks | null = (globalThis.navigator as Navigator | undefined)?.locks ?? null,
  ) {}

  private claimed: Promise<void> | null = null;

  /** Holds this window's lock until the window is gone (resolves once it is held; asking again asks nothing). */
  claim(): Promise<void> {
    if (!this.locks) return Promise.resolve();
    return (this.claimed ??= new Promise((held) => {
      void this.locks!.request(`${LOCK}${this.windowId}`, () => {
        held();
        return new Promise<void>(() => undefined); // never released while the page lives
      });
    }));
  }

  write(record: Omit<SessionRecord, 'version' | 'windowId' | 'closed'>, closed = false): boolean {
    try {
      this.storage?.setItem(`${PREFIX}${this.windowId}`, JSON.stringify({ version: 1, windowId: this.windowId, ...record, closed }));
      return true;
    } catch {
      return false; // storage full: the working copy itself is unaffected
    }
  }

  /**
   * Records of windows that are gone and left something worth taking back: unsaved changes or open work, or (closed
   * normally) another workbook than the first open. Newest first.
   */
  async orphans(): Promise<SessionRecord[]> {
    if (!this.storage) return [];
    const held = new Set(((await this.locks?.query())?.held ?? []).map((l) => l.name));
    const found: SessionRecord[] = [];
    const storage = this.storage;
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').filter((k) => k.startsWith(PREFIX));
    for (const key of keys) {
      const record = parseRecord(this.storage.getItem(key));
      if (!record || record.windowId === this.windowId || held.has(`${LOCK}${record.windowId}`)) continue;
      // Without Web Locks no window can tell a live one from a gone one: only offer what is clearly old.
      if (!this.locks && Date.now() - Date.parse(record.updatedAt) < 60_000) continue;
      if (record.dirty || record.tabs.length > 0 || (record.closed && record.workbookId !== '')) found.push(record);
      else this.storage.removeItem(key); // a window closed with nothing unsaved: nothing to offer
    }
    return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Forgets a record (recovered, or the analyst discarded it). */
  discard(windowId: string): void {
    this.storage?.removeItem(`${PREFIX}${windowId}`);
  }
}
