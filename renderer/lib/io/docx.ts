// Import/export layer: the briefing pack as a Word document for ministers' offices, written with the `docx` library
// from the same PackDocument every exporter reads. Runs unchanged in Node (tests) and in the page (no Buffer, no DOM):
// the caller rasterises each chart to PNG beforehand, as Word needs a PNG beside every SVG. Parts live in docx-*.ts.
// The pages are ours (docx-layout.ts): each starts with a hard break, or a section break where a wide table turns
// to landscape, so the contents field and the list of tables carry their page numbers as the fields' cached
// results — right in LibreOffice, which never updates fields — and Word can still update them.
import { docUsesSynthetic, itemUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  InternalHyperlink,
  LeaderType,
  PageNumber,
  PageReference,
  Packer,
  Paragraph,
  Tab,
  TableOfContents,
  TabStopType,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import type { PackDocument, PackMeta } from '../pack/document.ts';
import { figureId, hasNotesSection, tableId, type Block, type Pagination } from '../pack/paginate.ts';
import type { TablePlan } from '../pack/wide-table.ts';
import { backMatterBlock, disclosureOffLine } from './docx-appendix.ts';
import { commentaryParagraphs, figureAnchor, figureParagraphs, heading, keyFigureParagraphs, type Start } from './docx-blocks.ts';
import { docxPagination, docxPlans } from './docx-layout.ts';
import { A4, HEADER_FOOTER, MARGIN, STYLE, numbering, styles, textArea } from './docx-styles.ts';
import { markingParts } from '../pack/marking.ts';
import { tableAnchor, tablePart } from './docx-table.ts';

export { cellText, formatNumber } from './docx-table.ts';


/** "2026-11-28" → "28 November 2026"; anything else is printed as given. */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

const markingParagraphs = (meta: PackMeta): Paragraph[] => markingParts(meta).map((text) => new Paragraph({ style: STYLE.marking, alignment: AlignmentType.CENTER, text }));

function header(meta: PackMeta): Header {
  const lines = markingParagraphs(meta);
  return new Header({ children: lines.length > 0 ? lines : [new Paragraph('')] });
}

function footer(meta: PackMeta): Footer {
  const pages = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 0 },
    children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
  });
  return new Footer({ children: [...markingParagraphs(meta), pages] });
}

/** Word lays out its own pages: the warning goes with the item (kept with its caption) wherever Word puts it. */
function syntheticParagraph(text: string = SYNTHETIC_NOTE, breakBefore = false): Paragraph {
  return new Paragraph({ keepNext: true, pageBreakBefore: breakBefore, spacing: { before: 240 }, children: [new TextRun({ text, bold: true })] });
}

function titlePage(doc: PackDocument): Paragraph[] {
  const { meta } = doc;
  const lines = [meta.author, meta.organisation, longDate(meta.date), meta.contact === '' ? '' : `Contact: ${meta.contact}`].filter((l) => l !== '');
  const off = disclosureOffLine(doc);
  return [
    new Paragraph({ text: meta.title, heading: 'Title', spacing: { before: 2400 } }),
    ...(meta.subtitle === '' ? [] : [new Paragraph({ text: meta.subtitle, style: STYLE.subtitle })]),
    ...lines.map((text) => new Paragraph({ text })),
    ...(off === null ? [] : [new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: off, bold: true })] })]),
    ...(docUsesSynthetic(doc) ? [syntheticParagraph(`${SYNTHETIC_NOTE}: some items of this pack are built on invented records.`)] : []),
  ];
}

/** An entry of the contents: a heading, the page it is on, and its bookmark. */
interface Entry { title: string; level: number; page: number; href?: string }

/**
 * The contents field with its entries and page numbers written in (Word updates it on request), then lists of the
 * tables and figures whose page numbers are PAGEREF fields to their captions' bookmarks, written with our numbers.
 */
function contents(doc: PackDocument, entries: Entry[]): FileChild[] {
  const width = textArea(doc.meta.orientation).width;
  const tables = doc.items.flatMap((i) => (i.kind === 'table' ? [{ anchor: tableAnchor(i.number), text: `Table ${i.number}: ${i.caption}` }] : []));
  const figures = doc.items.flatMap((i) => (i.kind === 'figure' ? [{ anchor: figureAnchor(i.number), text: `Figure ${i.number}: ${i.caption}` }] : []));
  const list = (title: string, items: Array<{ anchor: string; text: string }>): Paragraph[] =>
    items.length === 0
      ? []
      : [
          new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text: title, bold: true, size: 24 })] }),
          ...items.map(
            (e) =>
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }],
                children: [new InternalHyperlink({ anchor: e.anchor, children: [new TextRun({ text: e.text, style: 'Hyperlink' })] }), new TextRun({ children: [new Tab()] }), new PageReference(e.anchor, { hyperlink: true })],
              }),
          ),
        ];
  return [
    new Paragraph({ text: 'Contents', style: STYLE.tocHeading, pageBreakBefore: true }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2', cachedEntries: entries }),
    ...list('Tables', tables),
    ...list('Figures', figures),
  ];
}

interface Section { orientation: 'portrait' | 'landscape'; children: FileChild[] }

/** The body, notes and appendix page by page as laid out, and the contents' entries found on the way. */
function pages(doc: PackDocument, layout: Pagination, plans: Record<number, TablePlan>, images: Map<number, Uint8Array>, nextListInstance: () => number): { sections: Section[]; entries: Entry[] } {
  const area = textArea(doc.meta.orientation);
  const notes = new Map(doc.notes.map((n) => [n.id, n.text]));
  const entries: Entry[] = [];
  const anchor = (title: string, level: number, page: number): string => {
    const href = `Contents_${entries.length + 1}`;
    entries.push({ title, level, page, href });
    return href;
  };
  /** The synthetic-data warning goes before an item's first block, and takes its page break. */
  const synthetic = (out: FileChild[], item: number, start: Start): Start => {
    if (!itemUsesSynthetic(doc.items[item])) return start;
    out.push(syntheticParagraph(undefined, start.breakBefore));
    return {};
  };
  const blockParagraphs = (block: Block, start: Start, page: number): FileChild[] => {
    const out: FileChild[] = [];
    const item = 'item' in block ? doc.items[block.item] : undefined;
    if (block.kind === 'text' && item?.kind === 'commentary' && item.blocks[block.block]) {
      const b = item.blocks[block.block]!;
      out.push(...commentaryParagraphs(b, nextListInstance, b.type === 'heading' && b.level === 2 ? { ...start, anchor: anchor(b.text, 2, page) } : start));
    } else if (block.kind === 'key-figures' && item?.kind === 'key-figures') {
      const s = synthetic(out, block.item, start);
      out.push(...keyFigureParagraphs(item, nextListInstance(), { ...s, anchor: anchor(item.caption, 2, page) }));
    } else if (block.kind === 'table' && item?.kind === 'table') {
      const s = block.group === 0 && block.from === 0 ? synthetic(out, block.item, start) : start;
      out.push(...tablePart(item, block, plans[block.item]!.groups[block.group]!, notes, s.breakBefore === true));
    } else if (block.kind === 'figure' && item?.kind === 'figure') {
      const s = synthetic(out, block.item, start);
      out.push(...figureParagraphs(item, images.get(item.number), notes, area, s.breakBefore === true));
    } else {
      const title = block.kind === 'section-heading' ? (block.section === 'notes' ? 'Notes' : 'Appendix: provenance') : block.kind === 'symbols' ? 'Symbols used in tables' : block.kind === 'attribution' ? 'Sources and licence' : null;
      const level = block.kind === 'section-heading' ? 1 : 2;
      const own = block.kind === 'provenance' && block.part === 0 && item && 'provenance' in item ? item.provenance.item : title;
      out.push(...backMatterBlock(doc, block, nextListInstance, own === null ? start : { ...start, anchor: anchor(own, level, page) }));
      if (block.kind === 'section-heading' && !doc.disclosure.on && (block.section === 'notes' || !hasNotesSection(doc))) entries.push({ title: 'Disclosure control', level: 2, page });
    }
    return out;
  };
  const sections: Section[] = [{ orientation: doc.meta.orientation, children: [] }];
  layout.pages.filter((p) => p.role === 'body').forEach((page, k) => {
    let section = sections.at(-1)!;
    let breakBefore = true;
    if (page.orientation !== section.orientation) {
      section = { orientation: page.orientation, children: [] };
      sections.push(section);
      breakBefore = false; // the section break starts the page
    }
    if (k === 0) {
      // The body opens with the pack's title, as a heading for the navigation pane and the contents.
      section.children.push(heading(doc.meta.title, 1, { breakBefore, anchor: anchor(doc.meta.title, 1, page.number) }));
      breakBefore = false;
    }
    page.blocks.forEach((placed, b) => section.children.push(...blockParagraphs(placed.block, { breakBefore: breakBefore && b === 0 }, page.number)));
  });
  return { sections, entries };
}

function keywords(doc: PackDocument): string {
  const datasets = doc.items.flatMap((i) => (i.kind === 'commentary' || i.kind === 'page-break' ? [] : i.provenance.datasets.map((d) => d.id)));
  return ['briefing pack', doc.meta.marking ?? '', ...new Set(datasets)].filter((k) => k !== '').join('; ');
}

/**
 * The pack as a .docx file. `images` holds a PNG rendering of each figure, by figure number, for Word's fallback
 * beside the SVG; a figure without one gets a blank placeholder PNG (Word 2016 and later show the SVG anyway).
 */
export async function packToDocx(doc: PackDocument, images: Map<number, Uint8Array> = new Map()): Promise<Uint8Array> {
  const { meta } = doc;
  let listInstance = 0;
  const nextListInstance = (): number => ++listInstance;
  const description = [meta.subtitle, meta.organisation, longDate(meta.date), markingParts(meta).join(': ')].filter((s) => s !== '').join('. ');
  const plans = docxPlans(doc);
  const layout = docxPagination(doc, plans);
  const { sections, entries } = pages(doc, layout, plans, images, nextListInstance);
  sections[0]!.children.unshift(...titlePage(doc), ...contents(doc, entries));
  // Our page numbers, for the PAGEREF fields of the lists of tables and figures and the footer's NUMPAGES.
  const bookmarks = new Map<string, string>();
  for (const item of doc.items) {
    if (item.kind === 'table') bookmarks.set(tableAnchor(item.number), String(layout.startPage[tableId(item.number)] ?? ''));
    if (item.kind === 'figure') bookmarks.set(figureAnchor(item.number), String(layout.startPage[figureId(item.number)] ?? ''));
  }
  for (const e of entries) if (e.href) bookmarks.set(e.href, String(e.page));
  const section = (s: (typeof sections)[number]): ISectionOptions => ({
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: s.orientation },
        margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: HEADER_FOOTER, footer: HEADER_FOOTER },
      },
    },
    headers: { default: header(meta) },
    footers: { default: footer(meta) },
    children: s.children,
  });
  const document = new Document({
    title: meta.title,
    subject: meta.subtitle,
    creator: meta.author,
    lastModifiedBy: meta.author,
    description,
    keywords: keywords(doc),
    customProperties: [{ name: 'Protective marking', value: markingParts(meta).join(': ') || 'None' }],
    styles,
    numbering,
    pageNumbers: () => ({ bookmarks, pageCount: layout.pages.length }),
    sections: sections.map(section),
  });
  // 'uint8array' needs neither Node's Buffer nor the DOM's Blob, so the same call serves tests and the page.
  return Packer.pack(document, 'uint8array');
}
