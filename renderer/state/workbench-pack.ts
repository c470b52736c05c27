// State layer: what the workbench gives the briefing pack — the services its items resolve with over the running
// engine, and pivots (live or saved) added to it. Apart from workbench.svelte.ts to keep that file to the
// workbench's own shape.
import { createPackServices } from '../lib/engine/pack-services.ts';
import type { PackServices } from '../lib/pack/resolve.ts';
import { serializePivotSpec } from '../lib/query/pivot/parse.ts';
import type { PivotState } from './pivot.svelte.ts';
import type { Workbench } from './workbench.svelte.ts';

/** What of a pivot a pack item shows. */
export type PackShow = 'table' | 'chart' | 'both';

/** What a pack needs to resolve its items, over the running engine (null while it starts). */
export function packServices(wb: Workbench): PackServices | null {
  const engine = wb.currentEngine();
  if (!engine) return null;
  const datasets = wb.datasets.map((d) => ({ ...d.def, fingerprint: d.fingerprint }));
  return createPackServices(engine, wb.protect, datasets, import.meta.env.VITE_APP_VERSION ?? 'dev', (name) => wb.saved.get(name) ?? null, () => wb.saved.items);
}

/** "Add to pack" from a pivot: its table, its chart or both, as a live item. */
export function addPivotToPack(wb: Workbench, pivot: PivotState, show: PackShow): void {
  // A pivot saved by name and unchanged since: the pack follows the saved pivot as it is re-saved.
  const saved = pivot.savedName ? wb.saved.get(pivot.savedName) : undefined;
  const same = saved !== undefined && serializePivotSpec(saved.spec) === serializePivotSpec(pivot.spec);
  wb.pack.addPivot(pivot.spec, pivot.chartForSpec(), same ? saved.name : null, show);
}

/** A saved pivot as a pack item that follows it (re-saving the pivot updates the pack). */
export function addSavedPivotToPack(wb: Workbench, name: string, show: PackShow): void {
  const saved = wb.saved.get(name);
  if (saved) wb.pack.addPivot(saved.spec, saved.chart, name, show);
}
