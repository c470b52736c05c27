// Pack layer, pure: the one wording of the synthetic-data warning, and the one rule for where it goes. A dataset is
// synthetic when its manifest entry says `synthetic: true`; an item uses synthetic data when its provenance (the
// datasets the resolver certified for it) names one; a printed page or a worksheet carries the warning when any
// item on it does. The sidebar, the pivot view and every exporter take the words and the rule from here.
import type { DocItem, PackDocument, Provenance } from './document.ts';
import type { Page } from './paginate.ts';

/** Printed on every page, worksheet and file whose content uses a synthetic dataset. */
export const SYNTHETIC_NOTE = 'Contains synthetic data — not official statistics';
/** The short visible tag beside a synthetic dataset's name. */
export const SYNTHETIC_TAG = 'Synthetic';
/** The tag's accessible name: what "Synthetic" means, said in full. */
export const SYNTHETIC_TAG_LABEL = 'Synthetic dataset: invented records, not official statistics';

export function provenanceUsesSynthetic(p: Provenance | null | undefined): boolean {
  return p?.datasets.some((d) => d.synthetic === true) ?? false;
}

export function itemUsesSynthetic(item: DocItem | undefined): boolean {
  return item !== undefined && 'provenance' in item && provenanceUsesSynthetic(item.provenance);
}

export function docUsesSynthetic(doc: PackDocument): boolean {
  return doc.items.some(itemUsesSynthetic);
}

/** Whether a laid-out page holds any block (table part, figure, key figures, provenance) of an item using synthetic data. */
export function pageUsesSynthetic(doc: PackDocument, page: Page): boolean {
  return page.blocks.some(({ block }) => 'item' in block && itemUsesSynthetic(doc.items[block.item]));
}
