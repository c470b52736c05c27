// E2E (Chromium, web mode): the pack's print view printed through Chromium's print pipeline (page.pdf, the path
// window.print() and Electron's printToPDF share), then read back with pdf.js: the marking and "Page X of Y" on
// every page, the contents' page numbers, no row split, header rows repeated. The pages are rendered to PNG by
// pdf.js inside Chromium (served from node_modules on loopback) so a person can look at them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import { openPrintView, pdfPages } from './print-view.ts';
import { rendererDir, startServer } from '../../scripts/serve.ts';
import type { DocTable, PackDocument } from '../../renderer/lib/pack/document.ts';
import { sampleDocument } from '../../renderer/lib/pack/sample-document.ts';
import { SYNTHETIC_NOTE } from '../../renderer/lib/pack/synthetic.ts';

/** The built renderer with the print-view entry; PACK_PRINT_ROOT points elsewhere when built with another config. */
const root = process.env.PACK_PRINT_ROOT ?? rendererDir;
const artefacts = join(import.meta.dirname, '../../test-results/pack-pdf');
const MARKING = 'OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION';
const squash = (s: string) => s.replace(/\s+/g, '');

/** The sample pack with 12 tables, two of them long enough to run over several pages (rows labelled T<n>row<rrr>). */
function longPack(orientation: 'portrait' | 'landscape' = 'portrait'): PackDocument {
  const doc = sampleDocument(12);
  doc.meta.orientation = orientation;
  const lengths: Record<number, number> = { 3: 70, 8: 160 };
  doc.items = doc.items.map((item) => {
    if (item.kind !== 'table' || !lengths[item.number]) return item;
    const [row, total] = [item.rows[0]!, item.rows.at(-1)!];
    const rows = Array.from({ length: lengths[item.number]! }, (_, r) => ({
      ...row,
      cells: [{ value: `T${item.number} row ${String(r).padStart(3, '0')}`, status: null }, { value: 1000 + r * 7, status: null }, ...row.cells.slice(2)],
    }));
    return { ...item, rows: [...rows, total] } satisfies DocTable;
  });
  return doc;
}

function checkMarkingsAndNumbers(texts: string[]): void {
  texts.forEach((text, i) => {
    const flat = squash(text);
    expect(flat.split(squash(MARKING)).length - 1, `marking on page ${i + 1}`).toBeGreaterThanOrEqual(2);
    expect([...flat.matchAll(/Page(\d+)of(\d+)/g)].map((m) => `${m[1]}/${m[2]}`), `page number on page ${i + 1}`).toEqual([`${i + 1}/${texts.length}`]);
  });
}

/** Serves pdf.js's browser build and one PDF on loopback, for rendering inside Chromium (no CDN, nothing leaves). */
function startPdfjsServer(pdf: Uint8Array): Promise<{ server: Server; url: string }> {
  const build = join(import.meta.dirname, '../../node_modules/pdfjs-dist/build');
  const page = `<!doctype html><html lang="en"><title>pdf.js</title><script type="module">
    import * as pdfjs from '/pdf.mjs';
    pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
    const pdf = await pdfjs.getDocument({ url: '/doc.pdf' }).promise;
    const pngs = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const p = await pdf.getPage(n);
      const viewport = p.getViewport({ scale: 1.5 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await p.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
      pngs.push(canvas.toDataURL('image/png'));
    }
    globalThis.__PNGS__ = pngs;
  </script></html>`;
  const files: Record<string, [string, string | Uint8Array]> = {
    '/render.html': ['text/html', page],
    '/pdf.mjs': ['text/javascript', readFileSync(join(build, 'pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', readFileSync(join(build, 'pdf.worker.mjs'))],
    '/doc.pdf': ['application/pdf', pdf],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(file ? 200 : 404, { 'Content-Type': file?.[0] ?? 'text/plain' });
    res.end(file?.[1] ?? 'Not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

const stop = (server: Server) => {
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
};

test.beforeAll(() => {
  const entry = join(root, 'pack-print.html');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build with the pack-print entry in electron.config.ts (renderer.build.rollupOptions.input).`);
});

test('the pack prints to a PDF with the marking and "Page X of Y" on every page and correct contents page numbers', async ({ chromiumContext, auditProxy }, testInfo) => {
  const { server, url } = await startServer({ port: 0, root });
  const page = await chromiumContext.newPage();
  const doc = longPack();
  const view = await openPrintView(page, url, doc);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  mkdirSync(artefacts, { recursive: true });
  writeFileSync(join(artefacts, 'pack.pdf'), pdf);
  await testInfo.attach('pack.pdf', { body: Buffer.from(pdf), contentType: 'application/pdf' });

  const { texts, sizes, images } = await pdfPages(pdf);
  expect(texts.length).toBe(view.count);
  expect(view.roles.slice(0, 2)).toEqual(['title', 'contents']);
  for (const [w, h] of sizes) expect([Math.round(w), Math.round(h)]).toEqual([595, 842]); // A4 portrait, in points
  checkMarkingsAndNumbers(texts);

  // Contents: each table's page number is the page where its "Table n:" caption first appears (after the contents).
  const bodyStart = view.roles.indexOf('body');
  const contents = squash(texts.slice(1, bodyStart).join(' '));
  const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');
  for (const table of tables) {
    const entry = squash(`Table ${table.number}: ${table.caption}`);
    const listed = new RegExp(`${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)`).exec(contents);
    expect(listed, `contents entry for table ${table.number}`).not.toBeNull();
    const first = texts.findIndex((t, i) => i >= bodyStart && squash(t).includes(entry));
    expect(Number(listed![1]), `contents page of table ${table.number}`).toBe(first + 1);
  }
  expect(squash(texts.join(' '))).toContain('1,178'); // '#,##0' has thousands separators

  // Long tables: every row once, whole (label and figures on one page), header rows on every continuation page.
  for (const table of tables.filter((t) => t.rows.length > 10)) {
    const flat = texts.map(squash);
    const first = flat.findIndex((t, i) => i >= bodyStart && t.includes(squash(`Table ${table.number}: `)));
    const continued = flat.flatMap((t, i) => (t.includes(squash(`Table ${table.number} (continued)`)) ? [i] : []));
    // Continuation pages follow the first page one after another, each with the header rows again.
    expect(continued.length, `table ${table.number} spans pages`).toBeGreaterThan(0);
    expect(continued).toEqual(continued.map((_, k) => first + 1 + k));
    for (const i of continued) expect(flat[i]).toContain(squash('Adult (18 or over)Child (17 or under)Not specified or unknownTotal'));
    const pagesWith = [first, ...continued].map((i) => [flat[i]!, i] as const);
    table.rows.slice(0, -1).forEach((row, r) => {
      const label = squash(String(row.cells[0]!.value));
      const whole = label + squash(new Intl.NumberFormat('en-GB').format(1000 + r * 7));
      expect(texts.filter((t) => squash(t).includes(label)).length, label).toBe(1);
      expect(pagesWith.filter(([t]) => t.includes(whole)).length, `${label} whole on one page`).toBe(1);
    });
  }
  // The figure is vectors, not a picture.
  const figurePage = texts.findIndex((t, i) => i >= bodyStart && squash(t).includes('Figure1:'));
  expect(images[figurePage]).toBe(0);

  // The live view re-paginates when its document changes.
  await page.evaluate((d) => (globalThis as unknown as { __setPack: (x: unknown) => void }).__setPack(d), sampleDocument(2));
  await expect(page.locator('.pack-pages')).not.toHaveAttribute('data-page-count', String(view.count));
  await expect(page.locator('section.page')).toHaveCount(Number(await page.locator('.pack-pages').getAttribute('data-page-count')));

  // PNG of every page, drawn by pdf.js in Chromium from the PDF's bytes.
  const renderer = await startPdfjsServer(pdf);
  const viewer = await chromiumContext.newPage();
  await viewer.goto(`${renderer.url}/render.html`);
  const pngs = (await (await viewer.waitForFunction(() => (globalThis as { __PNGS__?: string[] }).__PNGS__, undefined, { timeout: 60_000 })).jsonValue()) as string[];
  expect(pngs.length).toBe(view.count);
  for (const [i, dataUrl] of pngs.entries()) {
    const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    writeFileSync(join(artefacts, `page-${i + 1}.png`), png);
    await testInfo.attach(`page-${i + 1}.png`, { body: png, contentType: 'image/png' });
  }
  await viewer.close();
  await page.close();
  await stop(renderer.server);
  await stop(server);
  expect(auditProxy.requests).toEqual([]);
});

test('a landscape pack prints on landscape A4 pages, each with its marking and number', async ({ chromiumContext }) => {
  const { server, url } = await startServer({ port: 0, root });
  const page = await chromiumContext.newPage();
  const view = await openPrintView(page, url, longPack('landscape'));
  const { texts, sizes } = await pdfPages(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  expect(texts.length).toBe(view.count);
  for (const [w, h] of sizes) expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
  checkMarkingsAndNumbers(texts);
  await page.close();
  await stop(server);
});

test('a pack over synthetic data says so on every printed page that holds it, and on no other', async ({ chromiumContext, auditProxy }) => {
  const { server, url } = await startServer({ port: 0, root });
  const page = await chromiumContext.newPage();
  // Table 8 (160 rows, several pages) reads a synthetic dataset: the manifest's flag, as the resolver records it.
  const doc = longPack();
  doc.items = doc.items.map((item) =>
    item.kind === 'table' && item.number === 8
      ? { ...item, provenance: { ...item.provenance, datasets: item.provenance.datasets.map((d) => ({ ...d, id: 'synthetic_nrm_cases', synthetic: true })) } }
      : item,
  );
  const view = await openPrintView(page, url, doc);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const flagged = await page.locator('section.page').evaluateAll((els) => els.map((el) => el.querySelector('[data-synthetic]') !== null));
  const { texts } = await pdfPages(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  expect(texts.length).toBe(view.count);
  const note = squash(SYNTHETIC_NOTE);
  const says = texts.map((t) => squash(t).includes(note));
  // The title page speaks for the whole pack; every other page says it exactly when it holds part of table 8.
  expect(says[0]).toBe(true);
  expect(says.slice(1)).toEqual(flagged.slice(1));
  const withRows = texts.flatMap((t, i) => (squash(t).includes('T8row') ? [i] : []));
  expect(withRows.length).toBeGreaterThan(2);
  for (const i of withRows) expect(says[i], `page ${i + 1} holds rows of table 8`).toBe(true);
  const others = texts.flatMap((t, i) => (i > 0 && squash(t).includes('T3row') ? [i] : []));
  expect(others.length).toBeGreaterThan(0);
  for (const i of others) expect(says[i], `page ${i + 1} holds only published tables`).toBe(false);
  expect(says[1]).toBe(false); // the contents
  await page.close();
  await stop(server);
  expect(auditProxy.requests).toEqual([]);
});
