// Services layer: a resolved pack written as file bytes — XLSX, ODS, DOCX or the zip of CSV and SVG/PNG — and a
// printed PDF finished as an accessible document. The one dispatch the app's export buttons and the headless
// rebuild share; what differs between them is passed in: how a chart's SVG becomes a PNG (a canvas in the page,
// headless Chromium in Node) and who prints the PDF (Electron's printToPDF, Playwright's page.pdf).
import type { PackDocument } from '../pack/document.ts';
import { pdfDocumentInfo, type PackFileFormat } from '../pack/export-files.ts';

/** Draws a chart's SVG (width × height CSS pixels) as PNG bytes. */
export type Rasterise = (svg: string, width: number, height: number) => Promise<Uint8Array>;

/** The formats written here; PDF is printed from the print view, then finished by finishPackPdf. */
export type FileFormat = Exclude<PackFileFormat, 'pdf'>;

/** Each figure's chart as PNG, by figure number (DOCX and the zip embed them). */
export async function chartPngs(doc: PackDocument, rasterise: Rasterise): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const item of doc.items) {
    if (item.kind === 'figure') out.set(item.number, await rasterise(item.svg, item.width, item.height));
  }
  return out;
}

/** The pack written in one format. The writers load on first use (the page splits them into their own chunks). */
export async function packFileBytes(doc: PackDocument, format: FileFormat, rasterise: Rasterise): Promise<Uint8Array> {
  switch (format) {
    case 'xlsx':
      return (await import('../io/xlsx.ts')).packToXlsx(doc);
    case 'ods':
      return (await import('../io/ods.ts')).packToOds(doc);
    case 'docx':
      return (await import('../io/docx.ts')).packToDocx(doc, await chartPngs(doc, rasterise));
    case 'zip':
      return (await import('../io/pack-zip.ts')).packToZip(doc, await chartPngs(doc, rasterise));
  }
}

/** The PDF Chromium printed from the print view, finished as the app finishes it: title, language, artifacts. */
export async function finishPackPdf(doc: PackDocument, printed: Uint8Array): Promise<Uint8Array> {
  const { finishTaggedPdf } = await import('../io/pdf-tagging.ts');
  return (await finishTaggedPdf(printed, pdfDocumentInfo(doc.meta))).bytes;
}
