// Solver layer, worker entry: disclosure control off the page's main thread. Protecting a large hierarchical table
// solves hundreds of linear programmes (seconds for 100 × 50); here they run in a worker with its own HiGHS, so
// the page keeps responding. Requests are answered in order, each by its id.
import { protectTable, type ProtectionResult } from '../sdc/protect.ts';
import type { SdcRules } from '../sdc/rules.ts';
import type { SdcTable } from '../sdc/table.ts';
import { loadBrowserHighsSolver } from './highs-browser.ts';

export interface ProtectRequest {
  id: number;
  table: SdcTable;
  rules: SdcRules;
}

export type ProtectReply = { id: number; result: ProtectionResult } | { id: number; error: string };

const scope = globalThis as unknown as { onmessage: ((e: { data: ProtectRequest }) => void) | null; postMessage: (m: ProtectReply) => void };

let queue: Promise<void> = Promise.resolve();
scope.onmessage = ({ data }) => {
  queue = queue.then(async () => {
    try {
      const result = await protectTable(data.table, data.rules, await loadBrowserHighsSolver());
      scope.postMessage({ id: data.id, result });
    } catch (err) {
      scope.postMessage({ id: data.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
};
