// Pack layer, pure: lays a pack document out into printed pages. Chromium's print pipeline cannot number "Page X
// of Y" on every path nor put page numbers in a contents list, so the print view paginates itself: a measurer
// (the DOM in the app, a fake in tests) gives block heights, and this decides every page — so the contents' page
// numbers are correct by construction, table rows never split and header rows repeat on continuation pages. A
// wide table follows its plan (wide-table.ts): landscape pages, or column groups one after another.
import type { PackDocument } from './document.ts';
import { a4, contentSize, type PageGeometry } from './page-geometry.ts';
import { Flow } from './page-flow.ts';
import { placeTable, groupWhole, tableLead } from './paginate-table.ts';
import { hasProvenance, provenanceChunks } from './provenance-chunks.ts';
import { defaultPlan, type Orientation, type TablePlan } from './wide-table.ts';

/** `id`: anchor of the item's first block ("table-1", "figure-2", "item-3-block-0", "notes", "provenance"). */
export interface ContentsEntry { id: string; label: string; level: 1 | 2; page: number }

/** Blocks that flow as one piece, measured as they are. */
export type FlowBlock =
  | { kind: 'contents-heading' }
  | { kind: 'contents-entry'; entry: ContentsEntry }
  | { kind: 'text'; item: number; block: number }
  | { kind: 'key-figures'; item: number }
  | { kind: 'section-heading'; section: 'notes' | 'provenance' }
  | { kind: 'symbols' }
  | { kind: 'note'; index: number }
  | { kind: 'attribution' }
  /** Part 0: the item's data, disclosure control and checks; part k ≥ 1: chunk k of its SQL (provenanceChunks). */
  | { kind: 'provenance'; item: number; part: number }
  | { kind: 'colophon' };

/**
 * Rows [from, to) of column group `group` of a table (see its plan) under its caption and header rows; the source
 * and notes follow the last part of the last group.
 */
export interface TablePart { kind: 'table'; item: number; group: number; from: number; to: number; continued: boolean; foot: boolean }

export type Block = FlowBlock | TablePart | { kind: 'title' } | { kind: 'figure'; item: number; scale: number };

/** What the measurer is asked for, in CSS px at the content width. */
export type Measured =
  | FlowBlock
  /** Caption, header rows and the table's own chrome, without body rows, of one column group at its plan's width. */
  | { kind: 'table-head'; item: number; group: number; continued: boolean }
  | { kind: 'table-row'; item: number; group: number; row: number }
  /** Source line and notes under a table (its last column group). */
  | { kind: 'table-foot'; item: number }
  /** A whole figure at natural size, and the part of it that scales (the graphic). */
  | { kind: 'figure'; item: number }
  | { kind: 'figure-graphic'; item: number };

export type Measure = (m: Measured) => number;

/** A block at `y` px from the top of the page's content box. */
export interface PlacedBlock { block: Block; y: number; height: number }

export interface Page { number: number; role: 'title' | 'contents' | 'body'; orientation: Orientation; blocks: PlacedBlock[] }

export interface Pagination {
  geometry: PageGeometry;
  pages: Page[];
  /** How each table (by item index) was laid out: its pages' orientation and column groups. */
  plans: Record<number, TablePlan>;
  contents: ContentsEntry[];
  /** Anchor id (as in ContentsEntry.id) → the page its item starts on. */
  startPage: Record<string, number>;
  /** Blocks taller than a page (a very long paragraph): printed, they would be cut off at the page's foot. */
  oversized: Block[];
}

/** Px kept free at the foot of every page: print and screen text layout can differ by a fraction of a line. */
export const DEFAULT_SLACK = 6;

export const tableId = (n: number) => `table-${n}`;
export const figureId = (n: number) => `figure-${n}`;
export const headingId = (item: number, block: number) => `item-${item}-block-${block}`;
export const itemId = (item: number) => `item-${item}`;

export function hasNotesSection(doc: PackDocument): boolean {
  return doc.notes.length > 0 || doc.shorthand.length > 0 || doc.attribution.length > 0;
}

/** The contents list, in document order, without page numbers. */
export function contentsEntries(doc: PackDocument): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  doc.items.forEach((item, i) => {
    if (item.kind === 'table') entries.push({ id: tableId(item.number), label: `Table ${item.number}: ${item.caption}`, level: 1, page: 0 });
    else if (item.kind === 'figure') entries.push({ id: figureId(item.number), label: `Figure ${item.number}: ${item.caption}`, level: 1, page: 0 });
    else if (item.kind === 'key-figures') entries.push({ id: itemId(i), label: item.caption || 'Key figures', level: 1, page: 0 });
    else if (item.kind === 'commentary')
      item.blocks.forEach((b, j) => {
        if (b.type === 'heading') entries.push({ id: headingId(i, j), label: b.text, level: b.level === 2 ? 1 : 2, page: 0 });
      });
  });
  if (hasNotesSection(doc)) entries.push({ id: 'notes', label: 'Notes', level: 1, page: 0 });
  entries.push({ id: 'provenance', label: 'Appendix: provenance', level: 1, page: 0 });
  return entries;
}

/** One step of the body: a flow block (kept with the next step when it is a heading), a table, a figure or a break. */
type Step =
  | { kind: 'flow'; block: FlowBlock; height: number; keepWithNext: boolean; anchor?: string }
  | { kind: 'table'; item: number; anchor: string }
  | { kind: 'figure'; item: number; anchor: string }
  | { kind: 'break' };

function bodySteps(doc: PackDocument, measure: Measure): Step[] {
  const steps: Step[] = [];
  const flow = (block: FlowBlock, keepWithNext = false, anchor?: string) => steps.push({ kind: 'flow', block, height: measure(block), keepWithNext, anchor });
  doc.items.forEach((item, i) => {
    if (item.kind === 'table') steps.push({ kind: 'table', item: i, anchor: tableId(item.number) });
    else if (item.kind === 'figure') steps.push({ kind: 'figure', item: i, anchor: figureId(item.number) });
    else if (item.kind === 'key-figures') flow({ kind: 'key-figures', item: i }, false, itemId(i));
    else if (item.kind === 'page-break') steps.push({ kind: 'break' });
    else item.blocks.forEach((b, j) => flow({ kind: 'text', item: i, block: j }, b.type === 'heading', b.type === 'heading' ? headingId(i, j) : undefined));
  });
  return steps;
}

/** The figure's height after scaling its graphic down to fit one page, and the scale. */
function fitFigure(measure: Measure, item: number, limit: number): { height: number; scale: number } {
  const total = measure({ kind: 'figure', item });
  if (total <= limit) return { height: total, scale: 1 };
  const graphic = measure({ kind: 'figure-graphic', item });
  const rest = total - graphic;
  const scale = graphic > 0 ? Math.max(0.05, Math.min(1, (limit - rest) / graphic)) : 1;
  return { height: rest + graphic * scale, scale };
}

/** The height the step needs at the top of where it lands: a heading is kept with this much of what follows. */
function leadHeight(step: Step | undefined, doc: PackDocument, measure: Measure, limit: number, plans: Record<number, TablePlan>): number {
  if (!step || step.kind === 'break') return 0;
  if (step.kind === 'flow') return step.height;
  if (step.kind === 'figure') return fitFigure(measure, step.item, limit).height;
  const rows = tableRows(doc, step.item);
  const single = (plans[step.item]?.groups.length ?? 1) === 1;
  const whole = groupWhole(measure, step.item, rows, 0, single);
  return whole <= limit ? whole : tableLead(measure, step.item, rows, single);
}

function tableRows(doc: PackDocument, item: number): number {
  const t = doc.items[item];
  return t?.kind === 'table' ? t.rows.length : 0;
}

interface Body { pages: PlacedBlock[][]; orientations: Orientation[]; starts: Map<string, number>; oversized: Block[] }

function layoutBody(doc: PackDocument, measure: Measure, base: Orientation, limits: Record<Orientation, number>, plans: Record<number, TablePlan>, lead: number): Body {
  const limit = limits[base];
  const flow = new Flow(limits, base, lead);
  const starts = new Map<string, number>();
  const mark = (anchor: string | undefined) => {
    if (anchor && !starts.has(anchor)) starts.set(anchor, flow.index);
  };
  const steps = bodySteps(doc, measure);
  steps.forEach((step, k) => {
    if (step.kind === 'break') return flow.newPage();
    // After a table on landscape pages, the pack's own pages resume.
    if (step.kind !== 'table' && flow.orientation !== base) flow.newPage(base);
    if (step.kind === 'flow') {
      flow.ensure(step.height + (step.keepWithNext ? leadHeight(steps[k + 1], doc, measure, limit, plans) : 0));
      mark(step.anchor);
      return flow.put(step.block, step.height);
    }
    if (step.kind === 'figure') {
      const { height, scale } = fitFigure(measure, step.item, limit);
      flow.ensure(height);
      mark(step.anchor);
      return flow.put({ kind: 'figure', item: step.item, scale }, height);
    }
    starts.set(step.anchor, placeTable(flow, measure, step.item, tableRows(doc, step.item), plans[step.item]!));
  });
  const section = (blocks: FlowBlock[]) => {
    flow.newPage();
    blocks.forEach((block, k) => {
      const height = measure(block);
      const next = blocks[k + 1];
      flow.ensure(height + (k === 0 && next ? measure(next) : 0));
      if (block.kind === 'section-heading') mark(block.section);
      flow.put(block, height);
    });
  };
  if (hasNotesSection(doc)) {
    const notes: FlowBlock[] = [{ kind: 'section-heading', section: 'notes' }];
    doc.notes.forEach((_, index) => notes.push({ kind: 'note', index }));
    if (doc.shorthand.length > 0) notes.push({ kind: 'symbols' });
    if (doc.attribution.length > 0) notes.push({ kind: 'attribution' });
    section(notes);
  }
  const appendix: FlowBlock[] = [{ kind: 'section-heading', section: 'provenance' }];
  doc.items.forEach((item, i) => {
    if (!hasProvenance(item)) return;
    for (let part = 0; part <= provenanceChunks(item).length; part++) appendix.push({ kind: 'provenance', item: i, part });
  });
  appendix.push({ kind: 'colophon' });
  section(appendix);
  return { pages: flow.pages, orientations: flow.orientations, starts, oversized: flow.oversized };
}

export interface PaginateOptions {
  /** Px kept free at the foot of every page (DEFAULT_SLACK). */
  slack?: number;
  /** Each table's plan by item index (wide-table.ts); a table without one goes as it is on the pack's pages. */
  plans?: Record<number, TablePlan>;
  /** Px taken at the top of the first body page by something the exporter adds there (the DOCX repeats the title). */
  bodyLead?: number;
}

/**
 * Pages of the document: the title page, the contents (as many pages as it takes), the items in order, then the
 * notes and the provenance appendix, each starting a page. Every page number it reports is where the item starts.
 */
export function paginate(doc: PackDocument, geometry: PageGeometry, measure: Measure, options: PaginateOptions = {}): Pagination {
  const slack = options.slack ?? DEFAULT_SLACK;
  const base = geometry.orientation;
  const limits = { portrait: contentSize(a4('portrait', geometry.margin)).height - slack, landscape: contentSize(a4('landscape', geometry.margin)).height - slack };
  const limit = limits[base];
  const plans: Record<number, TablePlan> = {};
  doc.items.forEach((item, i) => {
    if (item.kind === 'table') plans[i] = options.plans?.[i] ?? defaultPlan(item, base);
  });
  const body = layoutBody(doc, measure, base, limits, plans, options.bodyLead ?? 0);
  let contentsPages = 1;
  let contents: ContentsEntry[] = [];
  let contentsFlow = new Flow(limits, base);
  // The contents' length decides where the body starts, and its entries may grow with their numbers: settle both.
  for (let round = 0; round < 5; round++) {
    contents = contentsEntries(doc).map((e) => ({ ...e, page: 2 + contentsPages + (body.starts.get(e.id) ?? 0) }));
    contentsFlow = new Flow(limits, base);
    contentsFlow.put({ kind: 'contents-heading' }, measure({ kind: 'contents-heading' }));
    for (const entry of contents) {
      const block: FlowBlock = { kind: 'contents-entry', entry };
      const height = measure(block);
      contentsFlow.ensure(height);
      contentsFlow.put(block, height);
    }
    if (contentsFlow.pages.length === contentsPages) break;
    contentsPages = contentsFlow.pages.length;
  }
  const pages: Page[] = [{ number: 1, role: 'title', orientation: base, blocks: [{ block: { kind: 'title' }, y: 0, height: limit }] }];
  for (const blocks of contentsFlow.pages) pages.push({ number: pages.length + 1, role: 'contents', orientation: base, blocks });
  body.pages.forEach((blocks, i) => pages.push({ number: pages.length + 1, role: 'body', orientation: body.orientations[i]!, blocks }));
  const startPage: Record<string, number> = {};
  for (const e of contents) startPage[e.id] = e.page;
  return { geometry, pages, plans, contents, startPage, oversized: body.oversized };
}
