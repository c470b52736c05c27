// Solver layer, page side: protection through the worker (protect-worker.ts), as a plain async function, so state
// and the pack's services call it like protectTable. One worker per page, started on first use; if it dies, the
// pending calls fail with a plain message and the next call starts a new one. Results are kept against the table's
// figures and the rules, so an unchanged table (a pack exported again) is protected instantly; progress goes to one
// listener, and cancel() ends the worker and every protection waiting on it.
import type { ProtectionResult } from '../sdc/protect.ts';
import type { SdcRules } from '../sdc/rules.ts';
import type { SdcTable } from '../sdc/table.ts';
import type { ProtectProgress, ProtectReply, ProtectRequest } from './protect-worker.ts';

export interface Protector {
  (table: SdcTable, rules: SdcRules): Promise<ProtectionResult>;
  /** Stops every protection under way or waiting; each fails with ProtectionCancelledError. */
  cancel(): void;
}

/** The analyst pressed Cancel: not a failure of the table, and said so. */
export class ProtectionCancelledError extends Error {
  constructor() {
    super('Disclosure control was cancelled, so nothing in this table is ready to publish.');
    this.name = 'ProtectionCancelledError';
  }
}

/** What the page shows while protecting: the current table's progress, and how many more wait after it. */
export interface ProtectionActivity {
  readonly progress: ProtectProgress | null;
  readonly waiting: number;
}

const STAGES = { secondary: ['choosing cells to withhold', 'confidential cells'], audit: ['auditing', 'withheld cells'], optimal: ['searching for the least loss', 'seconds'] } as const;

/** The status bar's words, e.g. "Disclosure control: auditing, 120 of 400 withheld cells (1 more table waiting)". */
export function describeActivity({ progress, waiting }: ProtectionActivity): string {
  const [doing, unit] = progress ? STAGES[progress.stage] : ['starting', ''];
  const howFar = progress ? `, ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} ${unit}` : '';
  const queue = waiting > 0 ? ` (${waiting} more ${waiting === 1 ? 'table' : 'tables'} waiting)` : '';
  return `Disclosure control: ${doing}${howFar}${queue}`;
}

interface Pending {
  resolve: (r: ProtectionResult) => void;
  reject: (e: Error) => void;
}

/** Results kept (the most recent first out): a pack's groups and the open pivots fit many times over. */
const CACHED = 12;

/** The same figures, relations and rules give the same protection: that is the cache's key. */
export function protectionKey(table: SdcTable, rules: SdcRules): string {
  const relations = table.relations.map((r) => `${r.total}=${r.parts.join('+')}`).join(';');
  return JSON.stringify([Array.from(table.values), table.labels, relations, Array.from(table.isTotal), table.unpublished ? Array.from(table.unpublished) : null, rules]);
}

export function workerProtector(onActivity: (a: ProtectionActivity | null) => void = () => {}): Protector {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, Pending>();
  const cache = new Map<string, ProtectionResult>();
  const report = (progress: ProtectProgress | null) => onActivity(pending.size === 0 ? null : { progress, waiting: pending.size - 1 });
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker?.terminate();
    worker = null;
    report(null);
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./protect-worker.ts', import.meta.url), { type: 'module', name: 'disclosure-control' });
    w.onmessage = ({ data }: MessageEvent<ProtectReply>) => {
      if ('progress' in data) return report(data.progress);
      const p = pending.get(data.id);
      pending.delete(data.id);
      report(null);
      if (!p) return;
      if ('error' in data) p.reject(new Error(data.error));
      else p.resolve(data.result);
    };
    w.onerror = (e) => fail(new Error(`The disclosure-control worker stopped (${e.message || 'no reason given'}). Try again.`));
    return w;
  };
  const protect = (table: SdcTable, rules: SdcRules) => {
    const key = protectionKey(table, rules);
    const known = cache.get(key);
    if (known) return Promise.resolve(known);
    return new Promise<ProtectionResult>((resolve, reject) => {
      worker ??= start();
      const id = ++next;
      const keep = (result: ProtectionResult) => {
        cache.delete(key);
        cache.set(key, result);
        if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
        resolve(result);
      };
      pending.set(id, { resolve: keep, reject });
      report(null);
      worker.postMessage({ id, table, rules } satisfies ProtectRequest);
    });
  };
  return Object.assign(protect, { cancel: () => fail(new ProtectionCancelledError()) });
}
