// Solver layer, worker entry: disclosure control off the page's main thread. Protecting a large hierarchical table
// solves hundreds of linear programmes (seconds for 100 × 50, tens of seconds for 200 × 100); here they run in a
// worker with its own HiGHS, so the page keeps responding, and report how far they have got. Requests are answered
// in order, each by its id; the page cancels by ending the worker.
import { protectTable, type ProtectionResult } from '../sdc/protect.ts';
import type { SdcRules } from '../sdc/rules.ts';
import type { SdcTable } from '../sdc/table.ts';
import { loadBrowserHighsSolver } from './highs-browser.ts';

export interface ProtectRequest {
  id: number;
  table: SdcTable;
  rules: SdcRules;
}

export interface ProtectProgress {
  readonly stage: 'secondary' | 'audit' | 'optimal';
  readonly done: number;
  readonly total: number;
}

export type ProtectReply = { id: number; result: ProtectionResult } | { id: number; error: string } | { id: number; progress: ProtectProgress };

const scope = globalThis as unknown as { onmessage: ((e: { data: ProtectRequest }) => void) | null; postMessage: (m: ProtectReply) => void };

/** At most this often, so a table of thousands of cells does not flood the page with messages. */
const PROGRESS_MS = 150;

let queue: Promise<void> = Promise.resolve();
scope.onmessage = ({ data }) => {
  queue = queue.then(async () => {
    let last = 0;
    const onProgress = (stage: ProtectProgress['stage'], done: number, total: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      scope.postMessage({ id: data.id, progress: { stage, done, total } });
    };
    try {
      const result = await protectTable(data.table, data.rules, await loadBrowserHighsSolver(), { onProgress });
      scope.postMessage({ id: data.id, result });
    } catch (err) {
      scope.postMessage({ id: data.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
};
