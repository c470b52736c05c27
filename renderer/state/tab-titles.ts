// State helper, pure: tab titles are unique, so a tab can be told from its neighbours by eye, by screen reader
// ("Pivot of NRM referrals (2)") and by tests. A title another tab has gets the lowest free " (n)".
export function uniqueTitle(wanted: string, tabs: ReadonlyArray<{ id: string; title: string }>, self?: string): string {
  const used = new Set(tabs.filter((t) => t.id !== self).map((t) => t.title));
  if (!used.has(wanted)) return wanted;
  let n = 2;
  while (used.has(`${wanted} (${n})`)) n++;
  return `${wanted} (${n})`;
}
