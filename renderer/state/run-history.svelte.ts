// State layer: the history of every console run in this workbook (lib/query/run-history.ts has its rules), kept in
// the workbook's working copy so it survives a reload and a restart. Each run added reads the newest stored history
// first, so runs another window added meanwhile stay. A stored history this version cannot read is left exactly as
// it is: runs of this session are then kept in this window only, and the history says why.
import { HistoryUnreadable, parseHistory, serializeHistory, withRun, type RunRecord } from '../lib/query/run-history.ts';
import type { SlotStore, TextSlot } from './local-slot.ts';

/** When local storage is full, the history keeps only this many newest runs rather than none. */
const KEPT_WHEN_FULL = 100;

export class RunHistory {
  runs = $state.raw<RunRecord[]>([]);
  /** Why the history cannot be kept across reloads now, in words; null when it is kept. */
  problem = $state<string | null>(null);
  private slot!: TextSlot;
  private unreadable = false;

  constructor(slots: SlotStore) {
    this.use(slots);
  }

  /** Another workbook's working copy from now on. */
  use(slots: SlotStore): void {
    this.slot = slots.slot('run-history.v1');
    this.reload();
  }

  /** Whether a change to this storage key (null: storage cleared) concerns the history. */
  concerns(key: string | null): boolean {
    return key === null || key === this.slot.key;
  }

  reload(): void {
    try {
      this.runs = parseHistory(this.slot.read());
      this.unreadable = false;
      this.problem = null;
    } catch (err) {
      if (!(err instanceof HistoryUnreadable)) throw err;
      this.unreadable = true;
      this.problem = `The stored run history could not be read (${err.message}); it is left as it was, and runs from now on are listed in this window only.`;
    }
  }

  add(run: RunRecord): void {
    if (this.unreadable) {
      this.runs = withRun(this.runs, run);
      return;
    }
    this.reload(); // the newest stored first: another window may have added runs
    if (this.unreadable) return this.add(run);
    this.runs = withRun(this.runs, run);
    let outcome = this.slot.write(serializeHistory(this.runs));
    let trimmed = false;
    if (outcome === 'full' && this.runs.length > KEPT_WHEN_FULL) {
      trimmed = true;
      outcome = this.slot.write(serializeHistory(this.runs.slice(0, KEPT_WHEN_FULL)));
    }
    if (outcome === 'written') this.problem = trimmed ? `Local storage is full: the stored history keeps the newest ${KEPT_WHEN_FULL} runs; this window lists them all until it closes.` : null;
    else this.problem = outcome === 'full' ? 'Local storage is full, so the latest runs are listed in this window only.' : 'This window cannot keep the run history across reloads (local storage is turned off).';
  }
}
