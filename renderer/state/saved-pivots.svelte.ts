// State layer: pivots saved by name (spec + chart), reopening exactly as they were. Stored as the same JSON a
// pivot file uses (parsePivotSpec validates it back).
import { parsePivotSpec, serializePivotSpec } from '../lib/query/pivot/parse.ts';
import type { PivotSpec } from '../lib/query/pivot/spec.ts';
import type { PivotChartSpec } from '../lib/viz/pivot-chart.ts';
import { parsePivotChartSpec } from '../lib/viz/chart-parse.ts';
import { NamedStore } from './named-store.svelte.ts';
import type { SlotStore } from './local-slot.ts';

export interface SavedPivot {
  name: string;
  spec: PivotSpec;
  chart: PivotChartSpec | null;
  savedAt: string;
}

export class SavedPivots extends NamedStore<SavedPivot> {
  constructor(slots: SlotStore) {
    super('saved-pivots.v1', { one: 'saved pivot', many: 'saved pivots' }, (raw) => ({
      name: String(raw.name),
      spec: parsePivotSpec(JSON.parse(serializePivotSpec(raw.spec as PivotSpec))),
      chart: parsePivotChartSpec(raw.chart, 'saved chart'),
      savedAt: String(raw.savedAt),
    }), slots);
  }

  save(name: string, spec: PivotSpec, chart: PivotChartSpec | null): void {
    this.put({ name, spec, chart });
  }
}
