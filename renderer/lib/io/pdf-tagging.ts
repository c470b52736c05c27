// Import/export layer: finishes the tagged PDF Chromium prints from the pack's print view (printToPDF with
// generateTaggedPDF, page.pdf with tagged) so it reads as an accessible document: the pack's own title as the
// document title (shown in the viewer's title bar), its language, author and subject, and the running marking,
// page numbers and page backgrounds — left outside the structure tree by Chromium — marked as artifacts
// (pdf-content.ts), so assistive technology reads the pages' content and not the furniture around it.
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { markUntaggedAsArtifacts, UnsupportedContentError } from './pdf-content.ts';

export interface PdfDocumentInfo {
  title: string;
  /** BCP 47 language tag of the text, e.g. "en-GB". */
  lang: string;
  author: string;
  subject: string;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

function streamText(pdf: PDFDocument, obj: PDFObject | undefined): string | null {
  const stream = obj ? pdf.context.lookup(obj) : undefined;
  return stream instanceof PDFRawStream ? latin1(decodePDFRawStream(stream).decode()) : null;
}

/** Re-writes one page's content with its untagged graphics objects marked as artifacts; returns how many. */
function markPage(pdf: PDFDocument, page: ReturnType<PDFDocument['getPages']>[number]): number {
  const contents = page.node.get(PDFName.of('Contents'));
  const parts = contents instanceof PDFArray ? contents.asArray() : [contents];
  const texts = parts.map((p) => streamText(pdf, p));
  if (texts.some((t) => t === null)) return 0; // a stream pdf-lib cannot decode stays as it was
  try {
    const { text, wrapped } = markUntaggedAsArtifacts(texts.join('\n'));
    page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(bytesOf(text))));
    return wrapped;
  } catch (err) {
    if (err instanceof UnsupportedContentError) return 0;
    throw err;
  }
}

/** The printed PDF, finished; `artifacts` counts the graphics objects marked as artifacts. */
export async function finishTaggedPdf(bytes: Uint8Array, info: PdfDocumentInfo): Promise<{ bytes: Uint8Array; artifacts: number }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setLanguage(info.lang);
  if (info.author) pdf.setAuthor(info.author);
  if (info.subject) pdf.setSubject(info.subject);
  let artifacts = 0;
  for (const page of pdf.getPages()) artifacts += markPage(pdf, page);
  return { bytes: await pdf.save(), artifacts };
}
