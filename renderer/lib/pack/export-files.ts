// Pack layer, pure: what every export of a pack is called and labelled — the formats, their MIME types, the file
// name rule and the PDF's document properties — so the app's export buttons and the headless rebuild (`idmg pack
// build`) name and describe the same files the same way.
import type { PackDocument, PackMeta } from './document.ts';

export type PackFileFormat = 'pdf' | 'xlsx' | 'ods' | 'docx' | 'zip';

/** Every format a pack is written in, in the order the export bar offers them. */
export const EXPORT_FORMATS: readonly PackFileFormat[] = ['pdf', 'xlsx', 'ods', 'docx', 'zip'];

export const MIME: Readonly<Record<PackFileFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

/** The pack's title as the title page, the PDF's document title and the print window show it. */
export const packTitle = (meta: PackMeta): string => meta.title.trim() || 'Briefing pack';

/** "quarterly-briefing-2026-11-28.xlsx": the title as a slug, then the pack's date (else the export's day). */
export function packFileName(doc: PackDocument, ext: string): string {
  const slug = doc.meta.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'briefing-pack';
  return `${slug}-${doc.meta.date || doc.meta.exportedAt.slice(0, 10)}.${ext}`;
}

/** The printed PDF's document properties (lib/io/pdf-tagging.ts's PdfDocumentInfo), from the pack's cover. */
export function pdfDocumentInfo(meta: PackMeta): { title: string; lang: string; author: string; subject: string } {
  return {
    title: packTitle(meta),
    lang: 'en-GB',
    author: [meta.author, meta.organisation].filter(Boolean).join(', '),
    subject: [meta.subtitle, meta.marking ?? ''].filter(Boolean).join(' – '),
  };
}
