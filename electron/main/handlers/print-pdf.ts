// Main-process layer, IPC handler: prints the asking page to PDF with Chromium's own pipeline. The page decides the
// paper (its print stylesheet's @page size) and draws the marking and page numbers itself, so the options here are
// fixed: no margins, backgrounds kept, Electron's own header and footer off, and the PDF tagged (structure tree from
// the page's headings, tables and figures; outline from its headings) for assistive technology.
import type { WebContents } from 'electron';

export const PRINT_OPTIONS = Object.freeze({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, margins: { marginType: 'none' as const }, generateTaggedPDF: true, generateDocumentOutline: true });

export async function printPdf(sender: WebContents): Promise<Uint8Array> {
  return new Uint8Array(await sender.printToPDF({ ...PRINT_OPTIONS }));
}
