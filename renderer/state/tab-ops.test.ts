// What the analyst does to tabs: close (and undo it, the tab back where it stood, as it was), rename (unique, never
// blank), move left and right (never before the overview, which stays first and cannot be closed or renamed).
import { describe, expect, it } from 'vitest';
import { canMoveTab, closeTab, moveTab, renameTab, reopenClosedTab, type TabHolder } from './tab-ops.ts';
import type { Tab } from './workbench-types.ts';

function holder(...titles: string[]): TabHolder {
  const tabs: Tab[] = [{ id: 'overview', kind: 'overview', title: 'IDMG overview' }, ...titles.map((title, i): Tab => ({ id: `t${i + 1}`, kind: 'pack', title }))];
  return { tabs, activeTabId: 'overview', closedTabs: [] };
}
const titles = (h: TabHolder) => h.tabs.map((t) => t.title);

describe('tab operations', () => {
  it('closes a tab, selects its left neighbour, and reopens it where it stood — the last closed first', () => {
    const h = holder('SQL 1', 'SQL 2', 'SQL 3');
    const second = h.tabs[2];
    h.activeTabId = 't2';
    closeTab(h, 't2');
    closeTab(h, 't3');
    expect(titles(h)).toEqual(['IDMG overview', 'SQL 1']);
    expect(h.activeTabId).toBe('t1');
    reopenClosedTab(h);
    expect(titles(h)).toEqual(['IDMG overview', 'SQL 1', 'SQL 3']);
    reopenClosedTab(h);
    expect(titles(h)).toEqual(['IDMG overview', 'SQL 1', 'SQL 2', 'SQL 3']);
    expect(h.tabs[2]).toBe(second);
    expect(h.activeTabId).toBe('t2');
    reopenClosedTab(h);
    expect(h.tabs).toHaveLength(4);
    closeTab(h, 'overview');
    closeTab(h, 't1', false);
    expect(titles(h)).toEqual(['IDMG overview', 'SQL 2', 'SQL 3']);
    expect(h.closedTabs).toEqual([]);
  });

  it('renames a tab, keeping titles unique and a blank name from taking', () => {
    const h = holder('SQL 1', 'SQL 2');
    renameTab(h, 't1', '  OCG   counts ');
    renameTab(h, 't2', 'OCG counts');
    renameTab(h, 't1', '   ');
    renameTab(h, 'overview', 'Mine');
    expect(titles(h)).toEqual(['IDMG overview', 'OCG counts', 'OCG counts (2)']);
  });

  it('moves a tab left and right, never before the overview or past the end', () => {
    const h = holder('A', 'B', 'C');
    expect(canMoveTab(h.tabs, 't1', -1)).toBe(false);
    expect(canMoveTab(h.tabs, 'overview', 1)).toBe(false);
    moveTab(h, 't1', 1);
    expect(titles(h)).toEqual(['IDMG overview', 'B', 'A', 'C']);
    moveTab(h, 't3', -1);
    moveTab(h, 't3', -1);
    moveTab(h, 't3', -1);
    expect(titles(h)).toEqual(['IDMG overview', 'C', 'B', 'A']);
    moveTab(h, 't1', 1);
    expect(titles(h)).toEqual(['IDMG overview', 'C', 'B', 'A']);
  });
});
