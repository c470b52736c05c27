// Import/export layer: the briefing pack as a Word document for ministers' offices, written with the `docx` library
// from the same PackDocument every exporter reads. Runs unchanged in Node (tests) and in the page (no Buffer, no DOM):
// the caller rasterises each chart to PNG beforehand, as Word needs a PNG beside every SVG. Parts live in docx-*.ts.
import { docUsesSynthetic, itemUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  InternalHyperlink,
  PageBreak,
  PageNumber,
  Packer,
  Paragraph,
  TableOfContents,
  TextRun,
  type FileChild,
} from 'docx';
import type { PackDocument, PackMeta } from '../pack/document.ts';
import { disclosureOffLine, notesSection, provenanceAppendix } from './docx-appendix.ts';
import { commentaryParagraphs, figureAnchor, figureParagraphs, keyFigureParagraphs } from './docx-blocks.ts';
import { A4, MARGIN, STYLE, numbering, styles, textArea } from './docx-styles.ts';
import { tableAnchor, tableParts } from './docx-table.ts';

export { cellText, formatNumber } from './docx-table.ts';

/** The marking and caveat as printed at the top and bottom of every page: in capitals, one line each. */
export function markingLines(meta: PackMeta): string[] {
  return [meta.marking ?? '', meta.caveat.trim()].filter((s) => s !== '').map((s) => s.toUpperCase());
}

/** "2026-11-28" → "28 November 2026"; anything else is printed as given. */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

const markingParagraphs = (meta: PackMeta): Paragraph[] => markingLines(meta).map((text) => new Paragraph({ style: STYLE.marking, alignment: AlignmentType.CENTER, text }));

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
function syntheticParagraph(text: string = SYNTHETIC_NOTE): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text, bold: true })] });
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

/**
 * A Word contents field (filled from the headings, updated by Word on opening) and, since a field shows page
 * numbers only once Word updates it, a static list of tables and figures linking to their captions.
 */
function contents(doc: PackDocument): FileChild[] {
  const tables = doc.items.flatMap((i) => (i.kind === 'table' ? [{ anchor: tableAnchor(i.number), text: `Table ${i.number}: ${i.caption}` }] : []));
  const figures = doc.items.flatMap((i) => (i.kind === 'figure' ? [{ anchor: figureAnchor(i.number), text: `Figure ${i.number}: ${i.caption}` }] : []));
  const list = (title: string, entries: Array<{ anchor: string; text: string }>): Paragraph[] =>
    entries.length === 0
      ? []
      : [
          new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text: title, bold: true, size: 24 })] }),
          ...entries.map(
            (e) => new Paragraph({ children: [new InternalHyperlink({ anchor: e.anchor, children: [new TextRun({ text: e.text, style: 'Hyperlink' })] })] }),
          ),
        ];
  return [
    new Paragraph({ text: 'Contents', style: STYLE.tocHeading, pageBreakBefore: true }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    ...list('Tables', tables),
    ...list('Figures', figures),
  ];
}

function body(doc: PackDocument, images: Map<number, Uint8Array>, nextListInstance: () => number): FileChild[] {
  const area = textArea(doc.meta.orientation);
  const notes = new Map(doc.notes.map((n) => [n.id, n.text]));
  const out: FileChild[] = [new Paragraph({ text: doc.meta.title, heading: 'Heading1', pageBreakBefore: true })];
  for (const item of doc.items) {
    if (itemUsesSynthetic(item)) out.push(syntheticParagraph());
    switch (item.kind) {
      case 'key-figures':
        out.push(...keyFigureParagraphs(item, nextListInstance()));
        break;
      case 'commentary':
        out.push(...commentaryParagraphs(item.blocks, nextListInstance));
        break;
      case 'table':
        out.push(...tableParts(item, notes, area.width));
        break;
      case 'figure':
        out.push(...figureParagraphs(item, images.get(item.number), notes, area));
        break;
      case 'page-break':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
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
  const description = [meta.subtitle, meta.organisation, longDate(meta.date), markingLines(meta).join(': ')].filter((s) => s !== '').join('. ');
  const document = new Document({
    title: meta.title,
    subject: meta.subtitle,
    creator: meta.author,
    lastModifiedBy: meta.author,
    description,
    keywords: keywords(doc),
    customProperties: [{ name: 'Protective marking', value: markingLines(meta).join(': ') || 'None' }],
    styles,
    numbering,
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: meta.orientation },
            margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: { default: header(meta) },
        footers: { default: footer(meta) },
        children: [
          ...titlePage(doc),
          ...contents(doc),
          ...body(doc, images, nextListInstance),
          ...notesSection(doc, nextListInstance),
          ...provenanceAppendix(doc, nextListInstance),
        ],
      },
    ],
  });
  // 'uint8array' needs neither Node's Buffer nor the DOM's Blob, so the same call serves tests and the page.
  return Packer.pack(document, 'uint8array');
}
