// The tagged PDF's finishing: untagged content (the running marking, page numbers, backgrounds) becomes artifacts
// and tagged content keeps its bytes; the document gets the pack's title, language, author and subject. Read back
// with pdf.js, a second reader.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { markUntaggedAsArtifacts, operators, UnsupportedContentError } from './pdf-content.ts';
import { finishTaggedPdf } from './pdf-tagging.ts';

const PAGE = [
  'q 1 1 1 rg 0 0 595 842 re f Q',
  '/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Referrals rose \\(by 83\\) BDC) Tj ET EMC',
  'BT /F1 9 Tf 250 20 Td (OFFICIAL-SENSITIVE) Tj ET',
  'BT /F1 9 Tf 500 20 Td <0050> Tj ET',
].join('\n');

describe('marking untagged content as artifacts', () => {
  it('wraps each graphics object outside marked content and leaves tagged content as it was', () => {
    const { text, wrapped } = markUntaggedAsArtifacts(PAGE);
    expect(wrapped).toBe(3);
    expect(text).toContain('/Artifact BMC\n0 0 595 842 re f\nEMC');
    expect(text).toContain('/Artifact BMC\nBT /F1 9 Tf 250 20 Td (OFFICIAL-SENSITIVE) Tj ET\nEMC');
    expect(text).toContain('/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Referrals rose \\(by 83\\) BDC) Tj ET EMC');
    // Every BMC/BDC is closed, and nothing was dropped: removing the wrappers gives the stream back.
    const names = operators(text).map((o) => o.name);
    expect(names.filter((n) => n === 'BMC' || n === 'BDC').length).toBe(names.filter((n) => n === 'EMC').length);
    expect(text.replace(/\/Artifact BMC\n|\nEMC/g, '')).toBe(PAGE);
  });

  it('reads operators past strings, hex strings, dictionaries, arrays and comments', () => {
    const ops = operators('% a comment BT\n[(a) -20 (b\\)) 5 <00AB>] TJ /Span <</ActualText (x)>> BDC EMC');
    expect(ops.map((o) => o.name)).toEqual(['TJ', 'BDC', 'EMC']);
  });

  it('leaves a stream it cannot rewrite (an inline image, tagged content inside an untagged object) alone', () => {
    expect(() => markUntaggedAsArtifacts('BI /W 1 /H 1 ID x EI')).toThrow(UnsupportedContentError);
    expect(() => markUntaggedAsArtifacts('BT /P <</MCID 0>> BDC (a) Tj EMC ET')).toThrow(UnsupportedContentError);
  });
});

describe('finishing a printed PDF', () => {
  it('sets the title shown in the title bar, the language, author and subject, and makes the running text artifacts', async () => {
    const made = await PDFDocument.create();
    const font = await made.embedFont(StandardFonts.Helvetica);
    const page = made.addPage([595, 842]);
    page.drawText('OFFICIAL-SENSITIVE', { x: 250, y: 20, size: 9, font });
    made.setTitle('Briefing pack: print view');
    const { bytes, artifacts } = await finishTaggedPdf(await made.save(), { title: 'NRM referrals 2023', lang: 'en-GB', author: 'Analyst, Home Office', subject: 'OFFICIAL-SENSITIVE' });
    expect(artifacts).toBeGreaterThanOrEqual(1);
    const pdf = await getDocument({ data: bytes, verbosity: 0 }).promise;
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info).toMatchObject({ Title: 'NRM referrals 2023', Language: 'en-GB', Author: 'Analyst, Home Office', Subject: 'OFFICIAL-SENSITIVE' });
    const content = await (await pdf.getPage(1)).getTextContent({ includeMarkedContent: true });
    const items = content.items as Array<{ type?: string; tag?: string; str?: string }>;
    const at = items.findIndex((i) => i.str === 'OFFICIAL-SENSITIVE');
    const opened = items.slice(0, at).filter((i) => i.type === 'beginMarkedContent' || i.type === 'beginMarkedContentProps').at(-1);
    expect(opened?.tag).toBe('Artifact');
    await pdf.destroy();
  });
});
