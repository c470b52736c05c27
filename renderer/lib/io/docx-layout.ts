// Import/export layer: the DOCX writer's own page layout. Word and LibreOffice lay out pages themselves, so the
// writer decides every page break itself, with the pack's paginator (lib/pack/paginate.ts) fed by estimates of how
// tall each block is in the document's styles (Arial metrics from lib/pack/text-metrics.ts, erring tall), and
// starts every page with a hard break: the contents' page numbers are then right in any reader. Wide tables are
// planned here from the same metrics (lib/pack/wide-table.ts): column widths from content, landscape or split.
import type { DocTable, PackDocument } from '../pack/document.ts';
import { a4 } from '../pack/page-geometry.ts';
import { paginate, type Measure, type Pagination } from '../pack/paginate.ts';
import { groupTable, planTable, type ColumnExtent, type ColumnGroup, type TablePlan } from '../pack/wide-table.ts';
import { longestWord, textWidth } from '../pack/text-metrics.ts';
import { cellText, headerTexts } from './docx-table.ts';
import { headerGrid } from '../pack/header-grid.ts';
import { estimateBlock, headingHeight, SIZE, twipsToPt } from './docx-estimate.ts';
import { CELL_MARGIN, HEADER_FOOTER, MARGIN, textArea } from './docx-styles.ts';
import { markingParts } from '../pack/marking.ts';

const PT_TO_PX = 96 / 72;
const MM_PER_PT = 25.4 / 72;
/** Estimates are already generous; this much of each page is kept free besides, for what they cannot foresee. */
const SLACK_SHARE = 0.06;

/** A column's extents in twips: its widest word or figure (figures never wrap) and its width unwrapped. */
export function docxExtents(table: DocTable): ColumnExtent[] {
  const pad = CELL_MARGIN.left + CELL_MARGIN.right + 20;
  const { rows: headers } = headerTexts(table);
  const tw = (pt: number) => pt * 20;
  // A heading over one column must fit it; a group heading spans its columns (docx-table.ts merges them).
  const single = new Set(headerGrid({ headerRows: headers, columns: table.columns }).flat().filter((h) => h.colspan === 1).map((h) => h.text));
  return table.columns.map((column, c) => {
    const heads = headers.map((r) => r[c] ?? '').filter((t) => t !== '' && single.has(t));
    const cells = table.rows.map((r) => cellText(r.cells[c] ?? { value: null, status: null }, column));
    const bold = (i: number) => table.rows[i]?.kind !== 'item';
    const min = Math.max(
      0,
      ...heads.map((h) => longestWord(h, SIZE.table, true)),
      ...cells.map((t, i) => (column.kind === 'number' ? textWidth(t, SIZE.table, bold(i)) : longestWord(t, SIZE.table, bold(i)))),
    );
    const max = Math.max(min, ...heads.map((h) => textWidth(h, SIZE.table, true)), ...cells.map((t, i) => textWidth(t, SIZE.table, bold(i))));
    return { min: tw(min * 1.04) + pad, max: tw(max * 1.04) + pad };
  });
}

/** Each table's plan, in twips of the text area. */
export function docxPlans(doc: PackDocument): Record<number, TablePlan> {
  const space = { portrait: textArea('portrait').width, landscape: textArea('landscape').width };
  const plans: Record<number, TablePlan> = {};
  doc.items.forEach((item, i) => {
    if (item.kind === 'table') plans[i] = planTable(item.columns.map((c) => c.kind), docxExtents(item), space, doc.meta.orientation, item.wide);
  });
  return plans;
}

/** The table's column group as a table of its own (all of it when not split), and the group's widths in twips. */
export function groupOf(table: DocTable, group: ColumnGroup): { table: DocTable; widths: number[] } {
  return { table: groupTable(table, group.columns), widths: group.widths.map((w) => Math.floor(w)) };
}

/**
 * The page geometry Word will use: A4, 2 cm margins, but a header or footer taller than its margin pushes the
 * body away from it (the marking lines and "Page X of Y" are drawn there).
 */
function geometry(doc: PackDocument) {
  const lines = markingParts(doc.meta).length;
  const band = (n: number) => twipsToPt(HEADER_FOOTER) + n * SIZE.body * 1.2 + 3;
  const mm = (pt: number) => pt * MM_PER_PT;
  const edge = twipsToPt(MARGIN);
  const margin = { top: mm(Math.max(edge, band(Math.max(1, lines)))), bottom: mm(Math.max(edge, band(lines + 1))), left: mm(edge), right: mm(edge) };
  return a4(doc.meta.orientation, margin);
}

/** Pages of the DOCX: the paginator over these estimates, with the title repeated at the top of the body. */
export function docxPagination(doc: PackDocument, plans: Record<number, TablePlan> = docxPlans(doc)): Pagination {
  const g = geometry(doc);
  const measure: Measure = (m) => estimateBlock(doc, plans, m) * PT_TO_PX;
  const bodyHeight = (g.height - g.margin.top - g.margin.bottom) / MM_PER_PT;
  return paginate(doc, g, measure, { plans, slack: bodyHeight * SLACK_SHARE * PT_TO_PX, bodyLead: headingHeight(doc.meta.title, 1, twipsToPt(textArea(doc.meta.orientation).width)) * PT_TO_PX });
}
