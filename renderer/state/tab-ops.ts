// State layer: what the analyst does to the tabs themselves — close one (kept, so the close can be undone), reopen
// the last closed, rename, move left or right. Apart from workbench.svelte.ts to keep that file to the workbench's own
// shape. The overview is the first tab always: it cannot be closed, renamed or moved, and nothing moves before it.
import { uniqueTitle } from './tab-titles.ts';
import type { Tab } from './workbench-types.ts';

/** What these operations change: the workbench's tabs, the selected one, and those closed lately. */
export interface TabHolder {
  tabs: Tab[];
  activeTabId: string;
  closedTabs: ClosedTab[];
}

/** A closed tab as it was, and where it stood, so the close can be undone (the last few are kept). */
export interface ClosedTab {
  tab: Tab;
  index: number;
}

/** How many closed tabs can be reopened, newest first. */
export const CLOSED_KEPT = 10;

/** Closes a tab; `remember` keeps it for "Reopen" (a workbook switch closes tabs for good). */
export function closeTab(wb: TabHolder, id: string, remember = true): void {
  const index = wb.tabs.findIndex((t) => t.id === id);
  const tab = wb.tabs[index];
  if (!tab || tab.kind === 'overview') return;
  if (tab.kind === 'profile' || tab.kind === 'dataset') tab.profile.stop();
  wb.tabs.splice(index, 1);
  if (remember) wb.closedTabs = [{ tab, index }, ...wb.closedTabs].slice(0, CLOSED_KEPT);
  if (wb.activeTabId === id) wb.activeTabId = wb.tabs[Math.max(0, index - 1)]?.id ?? 'overview';
}

/** Undoes the last close: the tab comes back where it stood, as it was (a console with its text and result). */
export function reopenClosedTab(wb: TabHolder): void {
  const [last, ...rest] = wb.closedTabs;
  if (!last) return;
  wb.closedTabs = rest;
  const { tab } = last;
  // A tab of that kind opened since (the pack, the import, a dataset's page) stands for it: shown, not doubled.
  if (wb.tabs.some((t) => t.id === tab.id)) {
    wb.activeTabId = tab.id;
    return;
  }
  tab.title = uniqueTitle(tab.title, wb.tabs, tab.id);
  wb.tabs.splice(Math.max(1, Math.min(last.index, wb.tabs.length)), 0, tab);
  wb.activeTabId = tab.id;
  if (tab.kind === 'profile' || tab.kind === 'dataset') void tab.profile.load();
}

/** Renames a tab (a blank name keeps the old one; a name another tab has gets " (2)"). */
export function renameTab(wb: TabHolder, id: string, wanted: string): void {
  const tab = wb.tabs.find((t) => t.id === id);
  const name = wanted.trim().replace(/\s+/g, ' ');
  if (!tab || tab.kind === 'overview' || name === '') return;
  tab.title = uniqueTitle(name, wb.tabs, id);
}

/** Whether a tab can move one place left (-1) or right (+1): never past the overview or the ends. */
export function canMoveTab(tabs: readonly Tab[], id: string, delta: -1 | 1): boolean {
  const index = tabs.findIndex((t) => t.id === id);
  const to = index + delta;
  return index > 0 && to >= 1 && to < tabs.length;
}

/** Moves a tab one place left or right. */
export function moveTab(wb: TabHolder, id: string, delta: -1 | 1): void {
  if (!canMoveTab(wb.tabs, id, delta)) return;
  const index = wb.tabs.findIndex((t) => t.id === id);
  const [tab] = wb.tabs.splice(index, 1);
  wb.tabs.splice(index + delta, 0, tab!);
}
