// State layer: what of the workbench goes into a workbook — the saved queries and pivots, the open consoles and
// pivots as they stand (typed SQL, unsaved arrangements, charts the analyst edited), the pack, the notes, the
// imported tables' records and the built-in datasets used — read from the live state in one place, so a save, the
// unsaved-changes marker and the recovery copy all see the same thing.
import type { WorkbookContents } from '../lib/services/workbook/file.ts';
import type { OpenTab } from '../lib/workbook/spec.ts';
import type { Tab } from './workbench-types.ts';
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import type { Workbench } from './workbench.svelte.ts';

/** The consoles, pivots and pack tab open now, as a workbook reopens them. */
export function openTabs(tabs: readonly Tab[]): OpenTab[] {
  return tabs.flatMap((tab): OpenTab[] => {
    if (tab.kind === 'sql') return [{ kind: 'sql', title: tab.title, sql: tab.console.sql, savedName: tab.console.savedName }];
    if (tab.kind === 'pivot') return [{ kind: 'pivot', title: tab.title, spec: tab.pivot.spec, chart: tab.pivot.editedChart(), savedName: tab.pivot.savedName }];
    if (tab.kind === 'pack') return [{ kind: 'pack', title: tab.title }];
    return [];
  });
}

/** The built-in datasets that loaded, by id, SHA-256 and vintage (the workbook says so if they change). */
export function builtinRefs(datasets: readonly LoadedDataset[]) {
  return datasets.filter((d) => !d.def.imported && d.error === null).map((d) => ({ id: d.def.id, sha256: d.def.sha256, vintage: d.def.vintage }));
}

export function workbookContents(workbench: Workbench, name: string, notes: string): WorkbookContents {
  return {
    name,
    savedQueries: workbench.savedQueries.items.map(({ name, sql, savedAt }) => ({ name, sql, savedAt })),
    savedPivots: workbench.saved.items.map(({ name, spec, chart, savedAt }) => ({ name, spec, chart, savedAt })),
    tabs: openTabs(workbench.tabs),
    packs: [workbench.pack.spec],
    notes,
    builtin: builtinRefs(workbench.datasets),
    imported: workbench.imports?.records ?? [],
  };
}

/**
 * What makes a workbook differ from its saved copy: its contents, without the dates a save sets and without how the
 * working copy stores its tables. Equal keys mean nothing would change by saving.
 */
export function contentKey(contents: WorkbookContents): string {
  const imported = contents.imported.map((r) => ({ table: r.table, title: r.title, description: r.description, file: r.file.sha256, importedAt: r.importedAt }));
  return JSON.stringify({ ...contents, builtin: undefined, imported });
}
