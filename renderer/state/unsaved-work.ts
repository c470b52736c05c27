// State layer: what leaving the page (a reload, closing the window) would lose, and so whether to ask first — typed
// SQL not saved, pack fields not yet applied, an import previewed or under way, or a workbook that is in a file and
// has changed since it was saved there (its changes stay in the working copy and the recovery copy, not its file).
import type { UnsavedWork } from './workbench-types.ts';
import type { Workbench } from './workbench.svelte.ts';

export function unsavedWork(workbench: Workbench): UnsavedWork[] {
  const work: UnsavedWork[] = workbench.tabs.flatMap((t) => (t.kind === 'sql' && t.console.unsaved ? [{ kind: 'sql' as const, title: t.title }] : []));
  const fields = workbench.pack.drafts.keys.length;
  if (fields) work.push({ kind: 'pack-fields', count: fields });
  const draft = workbench.imports?.draft;
  if (draft && (draft.status === 'ready' || draft.status === 'importing')) work.push({ kind: 'import', file: draft.fileName });
  const { workbook } = workbench;
  if (workbook.fileName !== null && workbook.dirty) work.push({ kind: 'workbook', name: workbook.name });
  return work;
}
