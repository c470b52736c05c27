// Pack feature: the pack printed to PDF through its print view. While it prints, the window's title is the pack's
// (Chromium takes the PDF's document title from it; the browser's print dialog names its file after it), then the
// tagged PDF is finished as the headless rebuild finishes it (lib/services/pack-export.ts: title, language,
// artifacts). Web mode has no bytes: the browser's own dialog saves the PDF, and null says so.
import type { PackDocument } from '../../lib/pack/document.ts';
import { packTitle } from '../../lib/pack/export-files.ts';
import { finishPackPdf } from '../../lib/services/pack-export.ts';

export async function printPackPdf(doc: PackDocument, print: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> {
  const before = document.title;
  document.title = packTitle(doc.meta);
  let printed: Uint8Array | null;
  try {
    printed = await print();
  } finally {
    document.title = before;
  }
  return printed ? finishPackPdf(doc, printed) : null;
}
