// Pack layer, pure: the protective marking as every format writes it — the marking, then the handling caveat, in
// capitals ("OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION") — so the print view, every sheet, header, footer,
// document and file say it the same way. A caveat the analyst wrote is printed even without a marking.
import type { PackMeta } from './document.ts';

/** The marking and caveat as separate lines (a DOCX header puts each on its own line); [] when there is neither. */
export function markingParts(meta: Pick<PackMeta, 'marking' | 'caveat'>): string[] {
  return [meta.marking ?? '', meta.caveat.trim()].filter((s) => s !== '').map((s) => s.toUpperCase());
}

/** "OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION", or '' when the pack is not marked. */
export function markingLine(meta: Pick<PackMeta, 'marking' | 'caveat'>): string {
  return markingParts(meta).join(' – ');
}
