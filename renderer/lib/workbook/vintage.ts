// Workbook layer, pure: what changed in the built-in data since a workbook was saved. A workbook records each
// built-in dataset it used by SHA-256 and vintage; when this version of the workbench ships another vintage (a
// revision of published figures), opening the workbook says which, and the analyst chooses — figures never change
// silently under a saved analysis.
import type { BuiltinRef } from './spec.ts';

export interface DatasetChange {
  id: string;
  kind: 'new-vintage' | 'missing';
  /** The vintage the workbook recorded, and the one this workbench has (null when it has none). */
  was: string;
  now: string | null;
}

/** The built-in datasets whose data differs from what the workbook recorded, or that this workbench lacks. */
export function datasetChanges(recorded: readonly BuiltinRef[], available: readonly { id: string; sha256: string; vintage: string }[]): DatasetChange[] {
  return recorded.flatMap((ref): DatasetChange[] => {
    const here = available.find((d) => d.id === ref.id);
    if (!here) return [{ id: ref.id, kind: 'missing', was: ref.vintage, now: null }];
    return here.sha256 === ref.sha256 ? [] : [{ id: ref.id, kind: 'new-vintage', was: ref.vintage, now: here.vintage }];
  });
}

/** One sentence per change, for the question the analyst answers before the workbook opens. */
export function changeSentence(change: DatasetChange, title: string): string {
  if (change.kind === 'missing') return `${title} (vintage ${change.was}) is not in this version of the workbench: pivots and pack items over it will not run.`;
  const vintages = change.was === change.now ? `its data changed since vintage ${change.was}` : `vintage ${change.was} has been replaced by ${change.now}`;
  return `${title}: ${vintages}. Live pivots and pack items will show the new figures; frozen items keep the figures they were frozen with.`;
}
