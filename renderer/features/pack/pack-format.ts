// Pack feature, pure helpers of the print view: how a pack's cells, header rows, marking and dates are written on
// the page, and the print stylesheet. Kept out of the components so the preview, the measuring sheet and the
// printed PDF write every figure the same way.
import type { DocCell, DocColumn, DocTable, PackDocument } from '../../lib/pack/document.ts';
import type { PageGeometry } from '../../lib/pack/page-geometry.ts';
import { shorthand, showsValue } from '../../lib/sdc/status.ts';
import { formatNumber } from '../../lib/viz/format.ts';

/** The pack's title as the title page, the PDF's document title and the print window show it. */
export { packTitle } from '../../lib/pack/export-files.ts';

/** The marking line for the top and bottom of every page, in capitals: "OFFICIAL-SENSITIVE – NOT FOR ONWARD …". */
export { markingLine } from '../../lib/pack/marking.ts';

/** A number as its Excel format writes it: '#,##0' → 1,178; '#,##0.0' → 12.5; '0' → 1178; '@'/General → as is. */
export function formatByNumberFormat(value: number, numberFormat: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (!/[#0]/.test(numberFormat)) return formatNumber(value);
  const decimals = /\.(0+)/.exec(numberFormat)?.[1]?.length ?? 0;
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: numberFormat.includes(',') }).format(value);
}

/** What a cell prints: its figure, its shorthand instead of the figure ([c]), or both ("12 [p]"). */
export function cellText(cell: DocCell, column: DocColumn): string {
  const { value, status } = cell;
  const figure =
    value === null ? '' : typeof value === 'string' ? value : column.kind === 'label' ? String(value) : formatByNumberFormat(value, column.numberFormat);
  const symbol = shorthand(status);
  if (symbol === null) return figure;
  return showsValue(status) && figure !== '' ? `${figure} ${symbol}` : symbol;
}

export { headerGrid, type HeaderCell } from '../../lib/pack/header-grid.ts';

/** "Unit: number of referrals" when every figure shares a unit; '' when none; several units are listed. */
export function unitsLine(table: DocTable): string {
  const units = [...new Set(table.columns.filter((c) => c.kind === 'number' && c.unit).map((c) => c.unit))];
  if (units.length === 0) return '';
  return units.length === 1 ? `Unit: ${units[0]}` : `Units: ${units.join('; ')}`;
}

/** The shorthand symbols a table uses, with their meanings from the pack. */
export function tableSymbols(table: DocTable, doc: PackDocument): Array<{ symbol: string; meaning: string }> {
  const used = new Set(table.rows.flatMap((r) => r.cells.map((c) => shorthand(c.status)).filter((s): s is string => s !== null)));
  return doc.shorthand.filter((s) => used.has(s.symbol));
}

export function noteText(doc: PackDocument, id: string): string {
  return doc.notes.find((n) => n.id === id)?.text ?? '';
}

/** "28 November 2026" from yyyy-mm-dd (or an ISO timestamp, then with the time in UTC). */
export function formatDate(iso: string, withTime = false): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return withTime ? `${date}, ${d.toISOString().slice(11, 16)} UTC` : date;
}

/** The disclosure-off statement for the cover, or null when disclosure control is on. */
export function disclosureOffLine(doc: PackDocument): string | null {
  if (doc.disclosure.on) return null;
  const reason = doc.disclosure.offReason.trim();
  return `Disclosure control was turned off for this export${reason ? `: ${reason}` : ''}. Figures are unprotected.`;
}

/**
 * The print stylesheet: A4 in the pack's orientation (each page in its own) with no page margin (the page sections draw their own), and
 * nothing printed but the pages — whatever else the page holds (the app around the preview) is hidden.
 */
export function printCss(g: PageGeometry): string {
  // Named pages give a wide table's landscape pages their own size in a portrait pack (and the other way round).
  return `@page { size: A4 ${g.orientation}; margin: 0; }
@page pack-portrait { size: A4 portrait; margin: 0; }
@page pack-landscape { size: A4 landscape; margin: 0; }
@media print {
  .pack-pages .page[data-orientation="portrait"] { page: pack-portrait; }
  .pack-pages .page[data-orientation="landscape"] { page: pack-landscape; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body :not(:is(.pack-pages, .pack-pages *)):not(:has(.pack-pages)) { display: none !important; }
  :has(.pack-pages) { display: block !important; position: static !important; overflow: visible !important;
    height: auto !important; min-height: 0 !important; width: auto !important; max-width: none !important;
    margin: 0 !important; padding: 0 !important; border: 0 !important; transform: none !important; }
  .pack-pages { display: block !important; padding: 0 !important; background: none !important; }
  .pack-pages .pack-measure, .pack-pages .pack-error { display: none !important; }
  .pack-pages .page { margin: 0 !important; box-shadow: none !important; break-after: page; }
  .pack-pages .page:last-of-type { break-after: auto; }
}`;
}
