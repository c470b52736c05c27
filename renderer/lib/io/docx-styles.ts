// Import/export layer: the Word document's page geometry, paragraph styles and list definitions, shared by the DOCX
// writer's parts (docx*.ts). Kept in one place so every part agrees on style ids (the navigation pane and Word's
// accessibility checker rely on the built-in Heading/Caption/Title styles) and on the width tables and images may use.
import { AlignmentType, LevelFormat, type INumberingOptions, type IStylesOptions } from 'docx';

/** A4 in twips (twentieths of a point), portrait; docx swaps width and height itself for a landscape section. */
export const A4 = { width: 11906, height: 16838 } as const;
/** 2 cm margins all round: room for the marking in the header and footer. */
export const MARGIN = 1134;
/** The header's and footer's distance from the page's edge. */
export const HEADER_FOOTER = 567;
/** Padding inside every table cell. */
export const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 } as const;

/** The text area of a page in twips, for the pack's orientation. */
export function textArea(orientation: 'portrait' | 'landscape'): { width: number; height: number } {
  const [w, h] = orientation === 'landscape' ? [A4.height, A4.width] : [A4.width, A4.height];
  return { width: w - 2 * MARGIN, height: h - 2 * MARGIN };
}

/** Style ids of the styles this writer adds to docx's defaults (Title, Heading1–3, Caption, ListParagraph…). */
export const STYLE = {
  subtitle: 'Subtitle',
  /** "Contents": looks like Heading 1 but is outline level "body text", so the contents field does not list itself. */
  tocHeading: 'TOCHeading',
  code: 'SourceCode',
  small: 'SmallText',
  marking: 'Marking',
} as const;

export const LIST = { bullet: 'pack-bullet', ordered: 'pack-ordered' } as const;

const FONT = 'Arial';
const MONO = 'Consolas';

export const styles: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 120 } } },
    title: { run: { font: FONT, size: 52, bold: true, color: '0B0C0C' }, paragraph: { spacing: { after: 240 } } },
    heading1: { run: { font: FONT, size: 36, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
    heading2: { run: { font: FONT, size: 28, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
    heading3: { run: { font: FONT, size: 24, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
    // Word's own caption is small grey italics; a table's caption is its title here, so it reads as one.
    caption: { run: { font: FONT, size: 22, bold: true, italics: false, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: STYLE.subtitle, name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, color: '505A5F' }, paragraph: { spacing: { after: 480 } } },
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 36, bold: true, color: '0B0C0C' },
      paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, outlineLevel: 9 },
    },
    { id: STYLE.code, name: 'Source Code', basedOn: 'Normal', run: { font: MONO, size: 18 }, paragraph: { spacing: { after: 60 } } },
    { id: STYLE.small, name: 'Small Text', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 60 } } },
    { id: STYLE.marking, name: 'Protective Marking', basedOn: 'Normal', run: { bold: true, size: 22 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } } },
  ],
};

/** Real Word lists (numbering definitions), so lists stay lists when edited and are read as lists. */
export const numbering: INumberingOptions = {
  config: [
    {
      reference: LIST.bullet,
      levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
    },
    {
      reference: LIST.ordered,
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
    },
  ],
};
