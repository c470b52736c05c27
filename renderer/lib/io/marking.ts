// Import/export layer: the protective marking as the spreadsheet and CSV exports write it in their own text — one
// line, marking then handling caveat, in capitals — so every sheet, header, footer and file says it the same way.
// (A caveat without a marking is not printed: the caveat qualifies the marking.)
import type { PackMeta } from '../pack/document.ts';

/** "OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION", or '' when the pack is not marked. */
export function markingLine(meta: Pick<PackMeta, 'marking' | 'caveat'>): string {
  if (!meta.marking) return '';
  return [meta.marking, meta.caveat.trim()].filter(Boolean).join(' – ').toUpperCase();
}
