// Pack feature: the export buttons' work — the pack written by the shared dispatch (lib/services/pack-export.ts),
// with each chart rasterised by the page's canvas for the formats that need bitmaps, then handed to the host to
// save. PDF goes through the print view (pack-pdf.ts).
import type { PackDocument } from '../../lib/pack/document.ts';
import { MIME, packFileName } from '../../lib/pack/export-files.ts';
import { packFileBytes, type FileFormat } from '../../lib/services/pack-export.ts';
import { downloadBlob, svgToPng } from '../../lib/host/download.ts';

export type ExportFormat = FileFormat;

const rasterise = async (svg: string, width: number, height: number): Promise<Uint8Array> => new Uint8Array(await (await svgToPng(svg, width, height)).arrayBuffer());

/** Writes the pack in one format and saves it; returns the file name. */
export async function exportPack(doc: PackDocument, format: ExportFormat): Promise<string> {
  const bytes = await packFileBytes(doc, format, rasterise);
  const name = packFileName(doc, format);
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[format] }), name);
  return name;
}
