// The print handler leaves paper size, marking and page numbers to the page's print stylesheet, and hands the
// renderer plain bytes (never a Node Buffer, which does not cross the context bridge as such).
import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { PRINT_OPTIONS, printPdf } from './print-pdf.ts';

describe('printPdf', () => {
  it('prints with the page\'s own @page size, no margins, no Electron header or footer, tagged and with an outline', async () => {
    let asked: unknown;
    const sender = { printToPDF: async (o: unknown) => ((asked = o), Buffer.from('%PDF-1.7')) } as unknown as WebContents;
    const bytes = await printPdf(sender);
    expect(asked).toEqual({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, margins: { marginType: 'none' }, generateTaggedPDF: true, generateDocumentOutline: true });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7');
    expect(Object.isFrozen(PRINT_OPTIONS)).toBe(true);
  });
});
