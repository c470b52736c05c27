// State layer: what the workbench does when the analyst's imported tables change — a confirmed import listed with
// the datasets, a removed one dropped with its tab, a renamed one renamed everywhere it shows. Apart from
// workbench.svelte.ts to keep that file to the workbench's own shape; each change also makes pivots forget their
// cached aggregates.
import type { ImportDraft } from './import-draft.svelte.ts';
import type { Workbench } from './workbench.svelte.ts';

/** Creates the tables of the import being previewed and lists them with the datasets. */
export async function confirmImport(wb: Workbench, draft: ImportDraft): Promise<void> {
  if (!wb.imports) return;
  const done = await draft.confirm();
  if (done.length === 0) return;
  wb.datasets = await wb.imports.merged(wb.datasets, done);
  // A new version's open page shows its new profile.
  for (const t of wb.tabs) if (t.kind === 'dataset' && done.some((d) => d.record.table === t.datasetId)) void t.profile.load();
  wb.invalidatePivots();
}

/** Removes an imported table, its stored file and its tab. */
export async function removeImport(wb: Workbench, table: string): Promise<void> {
  const engine = wb.currentEngine();
  if (!engine || !wb.imports) return;
  await wb.imports.remove(engine, table);
  wb.datasets = wb.datasets.filter((d) => d.def.id !== table || !d.def.imported);
  wb.closeTab(`dataset-${table}`);
  wb.invalidatePivots();
}

/** Renames an imported table or changes its title and description. */
export async function renameImport(wb: Workbench, table: string, next: { table: string; title: string; description: string }): Promise<void> {
  const engine = wb.currentEngine();
  if (!engine || !wb.imports) return;
  if (!(await wb.imports.rename(engine, table, next))) return;
  wb.datasets = wb.datasets.map((d) => (d.def.id === table && d.def.imported ? { ...d, def: { ...d.def, id: next.table, title: next.title, description: next.description } } : d));
  const tab = wb.tabs.find((t) => t.id === `dataset-${table}`);
  if (tab?.kind === 'dataset') {
    Object.assign(tab, { id: `dataset-${next.table}`, datasetId: next.table, title: next.title });
    void tab.profile.show(next.table, next.title);
  }
  if (wb.activeTabId === `dataset-${table}`) wb.activeTabId = `dataset-${next.table}`;
  wb.invalidatePivots();
}
