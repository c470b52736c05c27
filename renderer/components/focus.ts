// Components: the one focus rule (WCAG 2.4.3). When an action removes, moves, closes, disables or replaces the focused
// control, focus must not fall to the page: it goes, once the page has updated, to the first of the places the action
// names that is there, shown and enabled — the moved item's same button, the list the item left, the tab now
// selected, the busy button's status — and to the named container when none is. Places are marked in the markup with
// data-focus="…" so a label that changes (item 2 becoming item 1) never loses its target; a removal goes to the list
// or zone, never to a neighbour's Remove button, where one more Enter would remove the wrong thing.
import { tick } from 'svelte';

/** `[data-focus="…"]` for a place, whatever characters its name holds. */
export function place(name: string): string {
  return `[data-focus="${name.replace(/["\\]/g, '\\$&')}"]`;
}

function usable(el: HTMLElement | null): el is HTMLElement {
  return el !== null && el.isConnected && !el.matches(':disabled') && el.getClientRects().length > 0;
}

/** After the page updates: focus the first usable `preferred` place inside `within`, else `within` itself. */
export async function refocus(within: HTMLElement | null | undefined, ...preferred: string[]): Promise<void> {
  await tick();
  if (!within?.isConnected) return;
  for (const selector of preferred) {
    const el = within.querySelector<HTMLElement>(selector);
    if (usable(el)) {
      el.focus();
      return;
    }
  }
  within.focus();
}
