// E2E (Chromium, web mode): the accessible PDF. The print view printed tagged (page.pdf with tagged and outline,
// the options Electron's printToPDF gets) and finished as the app finishes it (lib/io/pdf-tagging.ts), then read
// with pdf.js: a structure tree with the title as H1, headings, tables with header cells, figures with their text
// alternative; /Lang en-GB and the pack's title as document title; the running marking and "Page X of Y" only ever
// inside artifacts, and no text outside marked content at all.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect } from './fixtures.ts';
import { rendererDir, startServer } from '../../scripts/serve.ts';
import type { DocFigure } from '../../renderer/lib/pack/document.ts';
import { sampleDocument } from '../../renderer/lib/pack/sample-document.ts';
import { finishTaggedPdf } from '../../renderer/lib/io/pdf-tagging.ts';
import { pdfDocumentInfo } from '../../renderer/lib/pack/export-files.ts';

const root = process.env.PACK_PRINT_ROOT ?? rendererDir;

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null, out: StructNode[] = []): StructNode[] {
  if (!node) return out;
  if (node.role) out.push(node);
  for (const c of node.children ?? []) roles(c, out);
  return out;
}

test('the printed pack is a tagged PDF: structure, alternatives, language, title, and its running text as artifacts', async ({ chromiumContext }) => {
  const { server, url } = await startServer({ port: 0, root });
  const page = await chromiumContext.newPage();
  const doc = sampleDocument(2);
  doc.meta.title = 'NRM referrals: tagged pack';
  await page.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), doc);
  await page.goto(`${url}pack-print.html`);
  await expect(page.locator('.pack-pages[data-ready]')).toBeVisible();
  // The print view's title is the pack's: the web browser's own print dialog names the PDF from it.
  await expect(page).toHaveTitle(doc.meta.title);
  const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
  const { bytes, artifacts } = await finishTaggedPdf(printed, pdfDocumentInfo(doc.meta));
  expect(artifacts).toBeGreaterThan(0);

  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  expect(info.Title).toBe(doc.meta.title);
  expect(info.Language).toBe('en-GB');
  const marking = 'OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION';
  const found: StructNode[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const p = await pdf.getPage(n);
    found.push(...roles((await p.getStructTree()) as StructNode | null));
    // Every piece of text sits in marked content; the marking and page number only ever in an artifact.
    const items = (await p.getTextContent({ includeMarkedContent: true })).items as Array<{ type?: string; tag?: string; str?: string }>;
    const open: string[] = [];
    const markings = { artifact: 0, body: 0 };
    for (const it of items) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') open.push(it.tag ?? '');
      else if (it.type === 'endMarkedContent') open.pop();
      else if (it.str?.trim()) {
        expect(open.length, `"${it.str}" on page ${n} is in marked content`).toBeGreaterThan(0);
        const artifact = open.includes('Artifact');
        if (it.str.includes(marking)) markings[artifact ? 'artifact' : 'body']++;
        else expect(artifact, `"${it.str}" on page ${n}: an artifact only if it is the page number`).toBe(/^Page \d+ of \d+$/.test(it.str.trim()));
      }
    }
    // Top and bottom of every page as artifacts; read once, as text, on the title page ("Handling").
    expect(markings, `marking on page ${n}`).toEqual({ artifact: 2, body: n === 1 ? 1 : 0 });
  }
  const names = found.map((r) => r.role);
  expect(found.find((r) => r.role === 'Document')?.lang).toBe('en-GB');
  expect(names.filter((r) => r === 'H1')).toHaveLength(1);
  expect(names).toEqual(expect.arrayContaining(['H2', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption']));
  const figures = doc.items.filter((i): i is DocFigure => i.kind === 'figure');
  expect(found.filter((r) => r.role === 'Figure' && r.alt).map((r) => r.alt)).toEqual(figures.map((f) => f.altText));
  await pdf.destroy();
  await page.close();
  await server.close();
});
