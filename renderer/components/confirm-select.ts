// Components: a select that acts when it changes (a field placed into Rows) must not act on a keystroke that merely
// moves through it (WCAG 3.2.2, On Input). On a closed select Chromium changes the value at once on arrows, Home/End,
// Page Up/Down and type-ahead letters; those keys are kept from doing so here. Space, Enter, Alt+Down or F4 open its
// list, where the arrows move without acting and Enter chooses — the one keyboard route, the same for every such select.
const OPENS_OR_LEAVES = new Set(['Tab', 'Enter', ' ', 'Escape', 'F4']);

/** Svelte action: `<select use:confirmSelect onchange={…}>`. */
export function confirmSelect(select: HTMLSelectElement): { destroy(): void } {
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || OPENS_OR_LEAVES.has(e.key)) return;
    e.preventDefault();
  };
  select.addEventListener('keydown', onKey);
  return { destroy: () => select.removeEventListener('keydown', onKey) };
}
