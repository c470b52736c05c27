// Import/export layer: the DOCX writer's non-table items — commentary (headings, emphasis, real Word lists), key
// figures, figures as SVG images with a PNG fallback and alt text — and the source/notes lines every table and
// figure ends with. Each returns docx paragraphs; docx.ts puts them in order, `breakBefore` on the first paragraph
// of a page (docx-layout.ts decides the pages), and bookmarks headings for the contents.
import { Bookmark, ImageRun, Paragraph, TextRun } from 'docx';
import type { DocFigure, DocKeyFigures, Run, TextBlock } from '../pack/document.ts';
import { LIST, STYLE } from './docx-styles.ts';

export const figureAnchor = (n: number): string => `Figure_${n}`;

/**
 * A 1×1 light grey PNG: the fallback Word needs beside an SVG when the caller has no rendered PNG of the chart
 * (Word 2016+ shows the SVG; only older readers would show this).
 */
const PLACEHOLDER_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4/OkjAAWyAtfISMaHAAAAAElFTkSuQmCC';

export function placeholderPng(): Uint8Array {
  return Uint8Array.from(atob(PLACEHOLDER_PNG_BASE64), (c) => c.charCodeAt(0));
}

/** Where a block starts: on a new page, and the bookmark its heading carries for the contents (if any). */
export interface Start { breakBefore?: boolean; anchor?: string }

/** A heading (Heading1–3 style), bookmarked when the contents lists it. */
export function heading(text: string, level: 1 | 2 | 3, start: Start = {}): Paragraph {
  const run = new TextRun(text);
  return new Paragraph({ heading: `Heading${level}`, pageBreakBefore: start.breakBefore === true, children: [start.anchor ? new Bookmark({ id: start.anchor, children: [run] }) : run] });
}

export function textRuns(runs: Run[]): TextRun[] {
  // Emphasis only where the run has it: an explicit "not bold" would override a bold style (headings, totals).
  return runs.map((r) => new TextRun({ text: r.text, ...(r.bold === true ? { bold: true } : {}), ...(r.italic === true ? { italics: true } : {}) }));
}

/** One paragraph per item of a real Word list; `instance` makes each numbered list start again at 1. */
export function listParagraphs(items: Run[][], ordered: boolean, instance: number, breakBefore = false): Paragraph[] {
  return items.map(
    (runs, i) =>
      new Paragraph({ style: 'ListParagraph', pageBreakBefore: breakBefore && i === 0, numbering: { reference: ordered ? LIST.ordered : LIST.bullet, level: 0, instance }, children: textRuns(runs) }),
  );
}

/** One block of commentary. */
export function commentaryParagraphs(block: TextBlock, nextListInstance: () => number, start: Start = {}): Paragraph[] {
  switch (block.type) {
    case 'heading':
      return [heading(block.text, block.level, start)];
    case 'paragraph':
      return [new Paragraph({ pageBreakBefore: start.breakBefore === true, children: textRuns(block.runs) })];
    case 'list':
      return listParagraphs(block.items, block.ordered, nextListInstance(), start.breakBefore);
  }
}

/** Key figures as a short bulleted list, each figure in bold before what it counts. */
export function keyFigureParagraphs(item: DocKeyFigures, listInstance: number, start: Start = {}): Paragraph[] {
  const items = item.figures.map((f): Run[] => [{ text: f.value, bold: true }, { text: ` ${f.label}` }]);
  return [heading(item.caption, 2, start), ...listParagraphs(items, false, listInstance)];
}

/** "Source: …" then the text of each note attached, "[note 1] …", in a smaller size under the table or figure. */
export function sourceAndNotes(source: string, noteIds: string[], notes: Map<string, string>): Paragraph[] {
  const lines = [source, ...noteIds.map((id) => `[${id}] ${notes.get(id) ?? ''}`.trim())].filter((l) => l !== '');
  return lines.map((text, i) => new Paragraph({ style: STYLE.small, text, spacing: { after: i === lines.length - 1 ? 240 : 60 } }));
}

/** The figure's size in pixels (docx's unit, 96 to the inch), scaled down to fit the text area, aspect kept. */
export function fitFigure(width: number, height: number, area: { width: number; height: number }): { width: number; height: number } {
  const maxW = area.width / 15;
  const maxH = (area.height / 15) * 0.7;
  const w = width > 0 ? width : 600;
  const h = height > 0 ? height : 400;
  const scale = Math.min(1, maxW / w, maxH / h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

export function figureParagraphs(
  figure: DocFigure,
  png: Uint8Array | undefined,
  notes: Map<string, string>,
  area: { width: number; height: number },
  breakBefore = false,
): Paragraph[] {
  const title = `Figure ${figure.number}: ${figure.caption}`;
  const image = new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(figure.svg),
    fallback: { type: 'png', data: png ?? placeholderPng() },
    transformation: fitFigure(figure.width, figure.height, area),
    altText: { name: `Figure ${figure.number}`, title, description: figure.altText },
  });
  return [
    new Paragraph({ style: 'Caption', pageBreakBefore: breakBefore, children: [new Bookmark({ id: figureAnchor(figure.number), children: [new TextRun(title)] })] }),
    new Paragraph({ keepNext: true, children: [image] }),
    ...sourceAndNotes([figure.withheld ?? '', figure.source].filter(Boolean).join(' '), figure.notes, notes),
  ];
}
