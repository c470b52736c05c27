// Solver layer, page side: protection through the worker (protect-worker.ts), as a plain async function, so state
// and the pack's services call it like protectTable. One worker per page, started on first use; if it dies, the
// pending calls fail with a plain message and the next call starts a new one.
import type { ProtectionResult } from '../sdc/protect.ts';
import type { SdcRules } from '../sdc/rules.ts';
import type { SdcTable } from '../sdc/table.ts';
import type { ProtectReply, ProtectRequest } from './protect-worker.ts';

export type Protector = (table: SdcTable, rules: SdcRules) => Promise<ProtectionResult>;

interface Pending {
  resolve: (r: ProtectionResult) => void;
  reject: (e: Error) => void;
}

export function workerProtector(): Protector {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, Pending>();
  const fail = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./protect-worker.ts', import.meta.url), { type: 'module', name: 'disclosure-control' });
    w.onmessage = ({ data }: MessageEvent<ProtectReply>) => {
      const p = pending.get(data.id);
      pending.delete(data.id);
      if (!p) return;
      if ('error' in data) p.reject(new Error(data.error));
      else p.resolve(data.result);
    };
    w.onerror = (e) => fail(`The disclosure-control worker stopped (${e.message || 'no reason given'}). Try again.`);
    return w;
  };
  return (table, rules) =>
    new Promise<ProtectionResult>((resolve, reject) => {
      worker ??= start();
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, table, rules } satisfies ProtectRequest);
    });
}
