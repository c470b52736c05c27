// State layer: saving a console's SQL by name, apart from workbench.svelte.ts to keep that file to the workbench's own
// shape.
import { uniqueTitle } from './tab-titles.ts';
import type { SaveQueryOutcome } from './workbench-types.ts';
import type { Workbench } from './workbench.svelte.ts';

/**
 * Saves a console's SQL by name (replacing a saved query of that name) and names the console after it. When the
 * query this console opened or saved was saved again in another window since, it is not replaced unless
 * `replaceChangedElsewhere` (the analyst was asked).
 */
export function saveQuery(wb: Workbench, tabId: string, name: string, replaceChangedElsewhere = false): SaveQueryOutcome | null {
  const tab = wb.tabs.find((t) => t.id === tabId);
  if (tab?.kind !== 'sql') return null;
  wb.savedQueries.reload(); // read the newest first: a storage event from another window may not have arrived yet
  const current = wb.savedQueries.get(name.trim());
  const mine = tab.console.savedName === name.trim();
  if (current && mine && current.savedAt !== tab.console.savedVersion && !replaceChangedElsewhere) return { kind: 'changed-elsewhere', current };
  const saved = wb.savedQueries.put({ name: name.trim(), sql: tab.console.sql.trim() });
  tab.console.markSaved(saved.name, saved.sql, saved.savedAt);
  tab.title = uniqueTitle(saved.name, wb.tabs, tab.id);
  return { kind: 'saved', query: saved, replaced: current !== undefined };
}
