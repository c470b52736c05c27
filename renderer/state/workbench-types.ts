// State layer: the shapes the workbench shares with its views — the open tabs, how built-in datasets are loaded,
// what saving a query can come to, and the typed text leaving the page would lose.
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import type { Engine } from '../lib/engine/types.ts';
import type { PivotState } from './pivot.svelte.ts';
import type { ProfileState } from './profile.svelte.ts';
import type { SavedQuery } from './saved-queries.svelte.ts';
import type { SqlConsoleState } from './sql-console.svelte.ts';

export type Tab =
  | { id: string; kind: 'overview' | 'pack' | 'import' | 'history'; title: string }
  | { id: string; kind: 'sql'; title: string; console: SqlConsoleState }
  | { id: string; kind: 'dataset'; title: string; datasetId: string; profile: ProfileState }
  | { id: string; kind: 'profile'; title: string; profile: ProfileState }
  | { id: string; kind: 'pivot'; title: string; pivot: PivotState };

export type LoadDatasets = (engine: Engine) => Promise<LoadedDataset[]>;

/** Saving a console's SQL: saved, or not yet because another window saved that query since this console saw it. */
export type SaveQueryOutcome = { kind: 'saved'; query: SavedQuery; replaced: boolean } | { kind: 'changed-elsewhere'; current: SavedQuery };

/** What leaving the page would lose (the page asks first): typed text, an import, a workbook's unsaved changes. */
export type UnsavedWork = { kind: 'sql'; title: string } | { kind: 'pack-fields'; count: number } | { kind: 'import'; file: string } | { kind: 'workbook'; name: string };
