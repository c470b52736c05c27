// Pack feature: the export buttons' work — resolve the pack afresh (live items show today's figures), rasterise
// each chart for the formats that need bitmaps, write the file and hand it to the host to save. PDF goes through
// the print view: Electron's printToPDF on the desktop, the browser's own print dialog in web mode. ODS is the XLSX
// export's workbook written as OpenDocument (the Analysis Function's guidance prefers it).
import type { PackDocument } from '../../lib/pack/document.ts';
import { downloadBlob, svgToPng } from '../../lib/host/download.ts';

export type ExportFormat = 'xlsx' | 'ods' | 'docx' | 'zip';

const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

export function fileName(doc: PackDocument, ext: string): string {
  const slug = doc.meta.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'briefing-pack';
  return `${slug}-${doc.meta.date || doc.meta.exportedAt.slice(0, 10)}.${ext}`;
}

async function pngs(doc: PackDocument): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const item of doc.items) {
    if (item.kind !== 'figure') continue;
    const blob = await svgToPng(item.svg, item.width, item.height);
    out.set(item.number, new Uint8Array(await blob.arrayBuffer()));
  }
  return out;
}

/** Writes the pack in one format and saves it; returns the file name. The writers load on first use. */
export async function exportPack(doc: PackDocument, format: ExportFormat): Promise<string> {
  let bytes: Uint8Array;
  if (format === 'xlsx') bytes = await (await import('../../lib/io/xlsx.ts')).packToXlsx(doc);
  else if (format === 'ods') bytes = (await import('../../lib/io/ods.ts')).packToOds(doc);
  else if (format === 'docx') bytes = await (await import('../../lib/io/docx.ts')).packToDocx(doc, await pngs(doc));
  else bytes = (await import('../../lib/io/pack-zip.ts')).packToZip(doc, await pngs(doc));
  const name = fileName(doc, format);
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[format] }), name);
  return name;
}
