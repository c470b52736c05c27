// Query layer, pure: the shorthand a published table writes in place of a number — the Analysis Function's symbols
// ([c], [x], [z], [u], [low]…) and the older "-", "..", ":" — in ONE list, used by the spreadsheet readers (to count
// them) and by the import SQL (to turn them into NULL in a number column while keeping them in a status column).
import { STATUS_INFO } from '../../sdc/status.ts';
import { quoteString } from '../quote.ts';

/** Every marker, lower case, as written in a cell (trimmed). */
export const SHORTHAND_MARKERS: readonly string[] = [
  ...Object.values(STATUS_INFO).filter((s) => !s.showsValue).map((s) => s.symbol),
  '[u]',
  '[low]',
  '-',
  '..',
  ':',
  '*',
];

/** The marker a cell's text is (as written, trimmed), or null when it is not shorthand. */
export function shorthandMarker(text: string): string | null {
  const t = text.trim();
  return SHORTHAND_MARKERS.includes(t.toLowerCase()) ? t : null;
}

/** SQL: whether a trimmed text expression is a shorthand marker. */
export function isMarkerSql(trimmed: string): string {
  return `lower(${trimmed}) IN (${SHORTHAND_MARKERS.map(quoteString).join(', ')})`;
}
