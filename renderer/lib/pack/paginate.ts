// Pack layer, pure: lays a pack document out into printed pages. Chromium's print pipeline cannot number "Page X
// of Y" on every path nor put page numbers in a contents list, so the print view paginates itself: a measurer
// (the DOM in the app, a fake in tests) gives block heights, and this decides every page — so the contents' page
// numbers are correct by construction, table rows never split and header rows repeat on continuation pages.
import type { PackDocument } from './document.ts';
import { contentSize, type PageGeometry } from './page-geometry.ts';
import { hasProvenance, provenanceChunks } from './provenance-chunks.ts';

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

/** Rows [from, to) of a table under its caption and header rows; the source and notes follow the last part. */
export interface TablePart { kind: 'table'; item: number; from: number; to: number; continued: boolean; foot: boolean }

export type Block = FlowBlock | TablePart | { kind: 'title' } | { kind: 'figure'; item: number; scale: number };

/** What the measurer is asked for, in CSS px at the content width. */
export type Measured =
  | FlowBlock
  /** Caption, header rows and the table's own chrome, without body rows. */
  | { kind: 'table-head'; item: number; continued: boolean }
  | { kind: 'table-row'; item: number; row: number }
  /** Source line and notes under a table. */
  | { kind: 'table-foot'; item: number }
  /** A whole figure at natural size, and the part of it that scales (the graphic). */
  | { kind: 'figure'; item: number }
  | { kind: 'figure-graphic'; item: number };

export type Measure = (m: Measured) => number;

/** A block at `y` px from the top of the page's content box. */
export interface PlacedBlock { block: Block; y: number; height: number }

export interface Page { number: number; role: 'title' | 'contents' | 'body'; blocks: PlacedBlock[] }

export interface Pagination {
  geometry: PageGeometry;
  pages: Page[];
  contents: ContentsEntry[];
  /** Anchor id (as in ContentsEntry.id) → the page its item starts on. */
  startPage: Record<string, number>;
  /** Blocks taller than a page (a very long paragraph): printed, they would be cut off at the page's foot. */
  oversized: Block[];
}

/** Px kept free at the foot of every page: print and screen text layout can differ by a fraction of a line. */
export const DEFAULT_SLACK = 6;
const MIN_ROWS_WITH_HEADER = 2;

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

/** Blocks stacked down pages; `pages` is 0-based here, numbered when the document is assembled. */
class Flow {
  pages: PlacedBlock[][] = [[]];
  /** Blocks taller than a whole page: they would be cut off in print, so the view says so. */
  oversized: Block[] = [];
  private y = 0;
  constructor(readonly limit: number) {}
  get index(): number { return this.pages.length - 1; }
  get empty(): boolean { return this.pages[this.index]!.length === 0; }
  get remaining(): number { return this.limit - this.y; }
  newPage(): void {
    if (this.empty) return;
    this.pages.push([]);
    this.y = 0;
  }
  /** Starts a new page unless `height` fits in what is left (or the page is still empty). */
  ensure(height: number): void {
    if (height > this.remaining + 1e-6) this.newPage();
  }
  put(block: Block, height: number): void {
    if (height > this.limit + 1e-6) this.oversized.push(block);
    this.pages[this.index]!.push({ block, y: this.y, height });
    this.y += height;
  }
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
function leadHeight(step: Step | undefined, doc: PackDocument, measure: Measure, limit: number): number {
  if (!step || step.kind === 'break') return 0;
  if (step.kind === 'flow') return step.height;
  if (step.kind === 'figure') return fitFigure(measure, step.item, limit).height;
  const rows = tableRows(doc, step.item);
  const whole = tableWhole(measure, step.item, rows);
  return whole <= limit ? whole : tableLead(measure, step.item, rows);
}

function tableRows(doc: PackDocument, item: number): number {
  const t = doc.items[item];
  return t?.kind === 'table' ? t.rows.length : 0;
}

/** A table's caption and header rows are never left alone at the foot of a page: they need a few rows with them. */
function tableLead(measure: Measure, item: number, rows: number): number {
  const first = Math.min(MIN_ROWS_WITH_HEADER, rows);
  let h = measure({ kind: 'table-head', item, continued: false });
  for (let r = 0; r < first; r++) h += measure({ kind: 'table-row', item, row: r });
  return first === rows ? h + measure({ kind: 'table-foot', item }) : h;
}

function tableWhole(measure: Measure, item: number, rows: number): number {
  let h = measure({ kind: 'table-head', item, continued: false }) + measure({ kind: 'table-foot', item });
  for (let r = 0; r < rows; r++) h += measure({ kind: 'table-row', item, row: r });
  return h;
}

/**
 * Lays out one table — whole on this page, whole on the next, or split between rows with its header rows repeated
 * under "Table n (continued)" — and returns the page index where it starts.
 */
function placeTable(flow: Flow, measure: Measure, item: number, rows: number): number {
  const rowH = Array.from({ length: rows }, (_, r) => measure({ kind: 'table-row', item, row: r }));
  const head = measure({ kind: 'table-head', item, continued: false });
  const headCont = measure({ kind: 'table-head', item, continued: true });
  const foot = measure({ kind: 'table-foot', item });
  const whole = tableWhole(measure, item, rows);
  if (whole > flow.remaining && whole <= flow.limit) flow.newPage();
  else flow.ensure(tableLead(measure, item, rows));
  let from = 0;
  let continued = false;
  let start = -1;
  for (;;) {
    let h = continued ? headCont : head;
    let to = from;
    while (to < rows && h + rowH[to]! <= flow.remaining) h += rowH[to++]!;
    let fits = true;
    if (to === rows && h + foot > flow.remaining) {
      // The source and notes stay with the last row: carry that row over rather than leave the foot alone.
      if (to - from > 1) h -= rowH[--to]!;
      else [to, h, fits] = [from, continued ? headCont : head, false];
    }
    if (to === from && (rows > 0 || !fits)) {
      if (!flow.empty) {
        flow.newPage();
        continue;
      }
      if (to < rows) h += rowH[to++]!; // taller than a page even alone: printed anyway rather than loop
    }
    const withFoot = to === rows;
    if (start < 0) start = flow.index;
    flow.put({ kind: 'table', item, from, to, continued, foot: withFoot }, h + (withFoot ? foot : 0));
    if (withFoot) return start;
    flow.newPage();
    from = to;
    continued = true;
  }
}

function layoutBody(doc: PackDocument, measure: Measure, limit: number): { pages: PlacedBlock[][]; starts: Map<string, number>; oversized: Block[] } {
  const flow = new Flow(limit);
  const starts = new Map<string, number>();
  const mark = (anchor: string | undefined) => {
    if (anchor && !starts.has(anchor)) starts.set(anchor, flow.index);
  };
  const steps = bodySteps(doc, measure);
  steps.forEach((step, k) => {
    if (step.kind === 'break') return flow.newPage();
    if (step.kind === 'flow') {
      flow.ensure(step.height + (step.keepWithNext ? leadHeight(steps[k + 1], doc, measure, limit) : 0));
      mark(step.anchor);
      return flow.put(step.block, step.height);
    }
    if (step.kind === 'figure') {
      const { height, scale } = fitFigure(measure, step.item, limit);
      flow.ensure(height);
      mark(step.anchor);
      return flow.put({ kind: 'figure', item: step.item, scale }, height);
    }
    starts.set(step.anchor, placeTable(flow, measure, step.item, tableRows(doc, step.item)));
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
  return { pages: flow.pages, starts, oversized: flow.oversized };
}

/**
 * Pages of the document: the title page, the contents (as many pages as it takes), the items in order, then the
 * notes and the provenance appendix, each starting a page. Every page number it reports is where the item starts.
 */
export function paginate(doc: PackDocument, geometry: PageGeometry, measure: Measure, options: { slack?: number } = {}): Pagination {
  const limit = contentSize(geometry).height - (options.slack ?? DEFAULT_SLACK);
  const body = layoutBody(doc, measure, limit);
  let contentsPages = 1;
  let contents: ContentsEntry[] = [];
  let contentsFlow = new Flow(limit);
  // The contents' length decides where the body starts, and its entries may grow with their numbers: settle both.
  for (let round = 0; round < 5; round++) {
    contents = contentsEntries(doc).map((e) => ({ ...e, page: 2 + contentsPages + (body.starts.get(e.id) ?? 0) }));
    contentsFlow = new Flow(limit);
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
  const pages: Page[] = [{ number: 1, role: 'title', blocks: [{ block: { kind: 'title' }, y: 0, height: limit }] }];
  for (const blocks of contentsFlow.pages) pages.push({ number: pages.length + 1, role: 'contents', blocks });
  for (const blocks of body.pages) pages.push({ number: pages.length + 1, role: 'body', blocks });
  const startPage: Record<string, number> = {};
  for (const e of contents) startPage[e.id] = e.page;
  return { geometry, pages, contents, startPage, oversized: body.oversized };
}
