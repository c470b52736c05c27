// State layer: pivots saved by name (spec + chart), kept in the page's local storage so they survive a restart
// and reopen exactly as they were. Stored as the same JSON a pivot file uses (parsePivotSpec validates it back).
import { parsePivotSpec, serializePivotSpec } from '../lib/query/pivot/parse.ts';
import type { PivotSpec } from '../lib/query/pivot/spec.ts';
import type { PivotChartSpec } from '../lib/viz/pivot-chart.ts';

export interface SavedPivot {
  name: string;
  spec: PivotSpec;
  chart: PivotChartSpec | null;
  savedAt: string;
}

const KEY = 'idmg-workbench.saved-pivots.v1';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class SavedPivots {
  items = $state.raw<SavedPivot[]>([]);
  /** Entries that could not be read back (e.g. written by a newer version), reported, not dropped silently. */
  problems = $state.raw<string[]>([]);

  constructor() {
    const text = storage()?.getItem(KEY);
    if (!text) return;
    const problems: string[] = [];
    const items: SavedPivot[] = [];
    for (const raw of JSON.parse(text) as { name: string; spec: unknown; chart: PivotChartSpec | null; savedAt: string }[]) {
      try {
        items.push({ ...raw, spec: parsePivotSpec(raw.spec) });
      } catch (err) {
        problems.push(`The saved pivot "${raw.name}" could not be opened: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.items = items;
    this.problems = problems;
  }

  save(name: string, spec: PivotSpec, chart: PivotChartSpec | null): void {
    // A timestamp string, not reactive state: a plain Date is right here.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const savedAt = new Date().toISOString();
    const entry: SavedPivot = { name, spec: parsePivotSpec(JSON.parse(serializePivotSpec(spec))), chart, savedAt };
    this.items = [...this.items.filter((p) => p.name !== name), entry].sort((a, b) => a.name.localeCompare(b.name));
    storage()?.setItem(KEY, JSON.stringify(this.items));
  }

  remove(name: string): void {
    this.items = this.items.filter((p) => p.name !== name);
    storage()?.setItem(KEY, JSON.stringify(this.items));
  }
}
