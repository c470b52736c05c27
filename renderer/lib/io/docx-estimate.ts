// Import/export layer: how tall each block of the pack is in the Word document, in points, estimated from the
// DOCX styles (docx-styles.ts) and Arial's metrics — for docx-layout.ts's page breaks. Every guess errs tall: a
// block estimated taller than it is only leaves space at a page's foot; one estimated shorter would spill over.
import type { DocItem, PackDocument, TextBlock } from '../pack/document.ts';
import type { Measured } from '../pack/paginate.ts';
import { provenanceChunks } from '../pack/provenance-chunks.ts';
import { itemUsesSynthetic, provenanceUsesSynthetic } from '../pack/synthetic.ts';
import { lineCount } from '../pack/text-metrics.ts';
import type { TablePlan } from '../pack/wide-table.ts';
import { fitFigure } from './docx-blocks.ts';
import { cellText, headerTexts } from './docx-table.ts';
import { CELL_MARGIN, textArea } from './docx-styles.ts';

/** Font sizes in points, as docx-styles.ts sets them. */
export const SIZE = { body: 11, table: 11, small: 10, code: 9, h1: 18, h2: 14, h3: 12, toc: 18 } as const;
/** Line height as a share of the font size: Arial's ascent, descent and gap (1.15), rounded up. */
const LINE = 1.2;
/** Text is taken as this much wider than measured, for kerning and rounding in the reader. */
const WIDEN = 1.04;

export const twipsToPt = (twips: number): number => twips / 20;

/** Spacing before and after each paragraph kind, in points (docx-styles.ts). */
const SPACE = { body: [0, 6], h1: [18, 8], h2: [12, 6], h3: [10, 4], caption: [12, 6], toc: [12, 8], small: [0, 3], list: [0, 6] } as const;

function para(text: string, width: number, size: number, space: readonly [number, number], bold = false): number {
  return space[0] + space[1] + lineCount(text, width / WIDEN, size, bold) * size * LINE;
}

/** A heading of level 1–3 with its spacing, at the text width. */
export function headingHeight(text: string, level: 1 | 2 | 3, width: number): number {
  const [size, space] = level === 1 ? [SIZE.h1, SPACE.h1] : level === 2 ? [SIZE.h2, SPACE.h2] : [SIZE.h3, SPACE.h3];
  return para(text, width, size, space, true);
}

const listItems = (items: string[], width: number) => items.reduce((h, t) => h + para(t, width - 36, SIZE.body, SPACE.list), 0);
const runsText = (runs: Array<{ text: string }>) => runs.map((r) => r.text).join('');

function textBlock(block: TextBlock, width: number): number {
  if (block.type === 'heading') return headingHeight(block.text, block.level, width);
  if (block.type === 'paragraph') return para(runsText(block.runs), width, SIZE.body, SPACE.body);
  return listItems(block.items.map(runsText), width);
}

/** Rows of a table in Word: the tallest cell's lines, the cell margins and the border. */
function rowHeight(texts: string[], widths: number[], bold: boolean): number {
  const pad = twipsToPt(CELL_MARGIN.left + CELL_MARGIN.right);
  const lines = Math.max(1, ...texts.map((t, i) => lineCount(t, twipsToPt(widths[i] ?? 0) / WIDEN - pad, SIZE.table, bold)));
  return lines * SIZE.table * LINE + twipsToPt(CELL_MARGIN.top + CELL_MARGIN.bottom) + 1;
}

function tableHead(doc: PackDocument, item: DocItem, plan: TablePlan | undefined, group: number, continued: boolean, width: number): number {
  if (item.kind !== 'table') return 0;
  const g = plan?.groups[group];
  const columns = g?.columns ?? item.columns.map((_, i) => i);
  const widths = g?.widths ?? columns.map(() => (width * 20) / columns.length);
  const { rows, unitLine } = headerTexts(item);
  let h = para(`Table ${item.number} (continued): ${item.caption}`, width, SIZE.body, SPACE.caption, true);
  if (!continued && itemUsesSynthetic(item)) h += para('Contains synthetic data — not official statistics', width, SIZE.body, [12, 6], true);
  if (unitLine !== null) h += para(unitLine, width, SIZE.body, SPACE.body);
  for (const r of rows) h += rowHeight(columns.map((c) => r[c] ?? ''), widths, true);
  return h;
}

function tableRow(item: DocItem, plan: TablePlan | undefined, group: number, row: number, width: number): number {
  if (item.kind !== 'table' || !item.rows[row]) return 0;
  const g = plan?.groups[group];
  const columns = g?.columns ?? item.columns.map((_, i) => i);
  const widths = g?.widths ?? columns.map(() => (width * 20) / columns.length);
  const r = item.rows[row]!;
  return rowHeight(columns.map((c) => cellText(r.cells[c] ?? { value: null, status: null }, item.columns[c]!)), widths, r.kind !== 'item');
}

/** Source and note lines under a table or figure. */
function foot(doc: PackDocument, source: string, notes: string[], width: number): number {
  const texts = doc.notes.filter((n) => notes.includes(n.id)).map((n) => `[${n.id}] ${n.text}`);
  return [source, ...texts].filter((t) => t !== '').reduce((h, t) => h + para(t, width, SIZE.small, [0, 12]), 0);
}

/** The height of block `m` in points, at the width of the pages it goes on. */
export function estimateBlock(doc: PackDocument, plans: Record<number, TablePlan>, m: Measured): number {
  const orientation = 'item' in m && plans[m.item] ? plans[m.item]!.orientation : doc.meta.orientation;
  const width = twipsToPt(textArea(orientation).width);
  const item = 'item' in m ? doc.items[m.item] : undefined;
  switch (m.kind) {
    case 'contents-heading': {
      // The contents' heading, and the titles of the lists of tables and figures under the contents field.
      const lists = doc.items.some((i) => i.kind === 'table') ? 1 : 0;
      const figures = doc.items.some((i) => i.kind === 'figure') ? 1 : 0;
      // The appendix's headings (one per item with provenance) are in Word's contents too.
      const extra = doc.items.filter((i) => 'provenance' in i).length + 2;
      return para('Contents', width, SIZE.toc, SPACE.toc, true) + (lists + figures) * para('Tables', width, 12, [12, 6], true) + extra * para('Entry', width, SIZE.body, SPACE.body);
    }
    case 'contents-entry': return para(`${m.entry.label} 888`, width - 20, SIZE.body, SPACE.body);
    case 'text': return item?.kind === 'commentary' && item.blocks[m.block] ? textBlock(item.blocks[m.block]!, width) : 0;
    case 'key-figures':
      return item?.kind === 'key-figures' ? (itemUsesSynthetic(item) ? para('Contains synthetic data', width, SIZE.body, [12, 6], true) : 0) + headingHeight(item.caption, 2, width) + listItems(item.figures.map((f) => `${f.value} ${f.label}`), width) : 0;
    case 'table-head': return item ? tableHead(doc, item, plans[m.item], m.group, m.continued, width) : 0;
    case 'table-row': return item ? tableRow(item, plans[m.item], m.group, m.row, width) : 0;
    case 'table-foot': return item?.kind === 'table' ? foot(doc, item.source, item.notes, width) : 0;
    case 'figure':
    case 'figure-graphic': {
      if (item?.kind !== 'figure') return 0;
      const image = fitFigure(item.width, item.height, textArea(orientation)).height * 0.75 + SPACE.body[1] + 2;
      if (m.kind === 'figure-graphic') return image;
      return (itemUsesSynthetic(item) ? para('Contains synthetic data', width, SIZE.body, [12, 6], true) : 0) + para(`Figure ${item.number}: ${item.caption}`, width, SIZE.body, SPACE.caption, true) + image + foot(doc, item.source, item.notes, width);
    }
    case 'section-heading':
      // The notes' heading carries the "disclosure control was off" lines; so does the appendix's when there are no notes.
      return headingHeight(m.section === 'notes' ? 'Notes' : 'Appendix: provenance', 1, width) + (doc.disclosure.on ? 0 : headingHeight('Disclosure control', 2, width) + para(doc.disclosure.offReason, width, SIZE.body, SPACE.body, true) + 14) + (m.section === 'provenance' ? para('How each table, figure and key figure was produced, so it can be reproduced from its data. Exported 2026-01-01T00:00:00.000Z by the IDMG analyst workbench, version 0.0.0.', width, SIZE.body, SPACE.body) : 0);
    case 'note': return doc.notes[m.index] ? para(`[${doc.notes[m.index]!.id}] ${doc.notes[m.index]!.text}`, width, SIZE.body, SPACE.body) : 0;
    case 'symbols': return headingHeight('Symbols used in tables', 2, width) + listItems(doc.shorthand.map((s) => `${s.symbol} ${s.meaning}`), width);
    case 'attribution': return headingHeight('Sources and licence', 2, width) + doc.attribution.reduce((h, t) => h + para(t, width, SIZE.body, SPACE.body), 0);
    case 'provenance': {
      if (!item || !('provenance' in item)) return 0;
      if (m.part > 0) {
        const chunk = provenanceChunks(item)[m.part - 1] ?? '';
        const lines = chunk.split('\n').reduce((n, l) => n + lineCount(l.replace(/ /g, '\u00a0'), width / WIDEN, SIZE.code * 1.1), 0);
        return (m.part === 1 ? headingHeight('SQL', 3, width) : 0) + lines * SIZE.code * LINE + SPACE.small[1];
      }
      const p = item.provenance;
      const datasets = p.datasets.map((d) => `${d.title} (${d.id}). ${d.vintage}. SHA-256: ${d.sha256}. ${d.attribution}`);
      const disclosure = p.disclosure === null ? ['Not applicable'] : p.disclosure.applied ? [p.disclosure.rules, p.disclosure.summary, p.disclosure.audit].map((t) => `Summary: ${t}`) : [`Off: ${p.disclosure.offReason}`];
      return headingHeight(p.item, 2, width) + (provenanceUsesSynthetic(p) ? para('Contains synthetic data', width, SIZE.body, SPACE.body, true) : 0) + 3 * headingHeight('Data', 3, width) + listItems(datasets.length ? datasets : ['No dataset recorded.'], width) + disclosure.reduce((h, t) => h + para(t, width, SIZE.body, SPACE.body), 0) + listItems(p.checks.length ? p.checks : ['No reconciliation checks apply.'], width) + (provenanceChunks(item).length === 0 ? para('No SQL: the item was not produced by a query.', width, SIZE.body, SPACE.body) : 0);
    }
    case 'colophon': return para('Exported from IDMG analyst workbench version 0.0.0 on 28 November 2026 at 10:00. Disclosure control was on for this export.', width, SIZE.small, SPACE.small);
  }
}
