// Pack feature: the pack's headings at the right level wherever its pages are shown. Printed (the PDF) the pack is
// a document of its own — its title the h1, sections h2, sub-sections h3. Previewed inside the Pack tab it sits under
// the page's h1 and the tab's h2, so every level moves down two; styles follow the pack's own level (class l1–l3),
// so the preview looks exactly like the print.
import { getContext, setContext } from 'svelte';

const KEY = Symbol('pack-heading-shift');

/** Called by the component that shows the pages: how many levels the pack's headings move down. */
export function shiftPackHeadings(by: number): void {
  setContext(KEY, by);
}

/** During component set-up: the element name for a pack heading of `level` (1 = the pack's title). */
export function packHeadings(): (level: 1 | 2 | 3) => string {
  const shift = getContext<number | undefined>(KEY) ?? 0;
  return (level) => `h${Math.min(6, level + shift)}`;
}
