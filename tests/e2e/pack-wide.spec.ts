// E2E (Chromium, web mode): wide tables printed through Chromium's print pipeline and read back with pdf.js text
// positions. The table (first responder type × 18 exploitation types and a total, A4 portrait) is split
// into column groups with the row labels repeated and "(continued)" in the caption; a 10-column one goes on
// landscape pages; no number, [c] or heading word is ever broken across lines, on screen or in the PDF; the
// pagination guarantees hold.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { openPrintView, pdfItems, pdfPages } from './print-view.ts';
import { rendererDir, startServer } from '../../scripts/serve.ts';
import type { DocTable } from '../../renderer/lib/pack/document.ts';
import { cellText } from '../../renderer/features/pack/pack-format.ts';
import { RESPONDERS, widePack } from '../../renderer/lib/pack/wide-sample.ts';

const root = process.env.PACK_PRINT_ROOT ?? rendererDir;
const artefacts = join(import.meta.dirname, '../../test-results/pack-wide');
const squash = (s: string) => s.replace(/\s+/g, '');

test('wide tables print without a broken number, [c] or word: split into column groups, or on landscape pages', async ({ chromiumContext, auditProxy }, testInfo) => {
  const { server, url } = await startServer({ port: 0, root });
  const page = await chromiumContext.newPage();
  const doc = widePack();
  const view = await openPrintView(page, url, doc);
  // On screen too (the same view is the Pack tab's preview): every figure and [c] on one line, no cell overflowing.
  const cells = await page.locator('section.page td.num').evaluateAll((tds) =>
    tds.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: td.textContent ?? '', lines: lines.size, overflow: td.scrollWidth > td.clientWidth + 1 };
    }),
  );
  expect(cells.length).toBeGreaterThan(200);
  expect(cells.filter((c) => c.lines > 1 || c.overflow)).toEqual([]);
  const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  mkdirSync(artefacts, { recursive: true });
  writeFileSync(join(artefacts, 'wide.pdf'), pdf);
  await testInfo.attach('wide.pdf', { body: Buffer.from(pdf), contentType: 'application/pdf' });
  const { texts, sizes } = await pdfPages(pdf);
  const items = await pdfItems(pdf);
  expect(texts.length).toBe(view.count);

  const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');
  // Pages holding a part of table n: its caption and its rows (the appendix names the table too, without rows).
  const pagesOf = (n: number) => texts.flatMap((t, i) => (i > 1 && new RegExp(`Table${n}(\\(continued\\))?:.*Police`).test(squash(t)) ? [i] : []));
  for (const table of tables.filter((t) => t.number > 1)) {
    // The table's own words: the items after its caption, up to its source (or the page's foot).
    const found = pagesOf(table.number).flatMap((i) => {
      let inside = false;
      return items[i]!.filter((t) => {
        if (new RegExp(`^Table ${table.number}( \\(continued\\))?:`).test(t)) return !(inside = true);
        if (/^(Source:|Table \d|OFFICIAL|Page \d)/.test(t)) inside = false;
        return inside && !t.startsWith('Unit:');
      }).flatMap((t) => t.split(/\s+/));
    });
    const cells = table.rows.flatMap((row) => row.cells.slice(1).map((cell, c) => cellText(cell, table.columns[c + 1]!)));
    // Every figure and every [c] whole: one pdf.js text item, so all its glyphs share a baseline.
    for (const text of cells) expect(found, `table ${table.number}: ${text} on one line`).toContain(text);
    expect(cells.filter((c) => c === '[c]').length).toBeGreaterThan(5);
    // No piece of a heading word, row label or figure on its own: each word printed is whole (a break after a hyphen,
    // as in "Non-governmental", is a break between words).
    const whole = new Set([...table.headerRows.flat(), ...table.rows.map((r) => String(r.cells[0]!.value)), ...cells].flatMap((t) => t.split(' ')));
    const pieces = found.filter((w) => !whole.has(w) && [...whole].some((x) => x !== w && (x.startsWith(w) ? !w.endsWith('-') : x.endsWith(w) && !x.endsWith(`-${w}`))));
    expect(pieces, `table ${table.number}: pieces of words or figures`).toEqual([]);
    for (const w of ['Criminal', 'exploitation', 'Hospitality', '[c]']) if (whole.has(w)) expect(found).toContain(w);
  }

  // Table 2 (19 number columns) is wider than landscape: column groups on the pack's portrait pages, one after
  // another, each with the row labels and header rows, "(continued)" after the first.
  const split = pagesOf(2);
  expect(split.length).toBeGreaterThan(1);
  expect(split).toEqual(split.map((_, k) => split[0]! + k));
  for (const i of split) expect(sizes[i]!.map(Math.round)).toEqual([595, 842]);
  expect(squash(texts[split[0]!]!)).toContain('Table2:');
  for (const i of split.slice(1)) expect(squash(texts[i]!)).toContain('Table2(continued):');
  for (const i of split) for (const name of RESPONDERS.map(squash)) expect(squash(texts[i]!), `page ${i + 1} repeats the row labels`).toContain(name);
  for (const i of split) expect(squash(texts[i]!)).toContain('Firstrespondertype');
  expect(split.filter((i) => squash(texts[i]!).includes('Criminalexploitation'))).toHaveLength(1);
  expect(split.filter((i) => squash(texts[i]!).includes('Nailbars'))).toHaveLength(1);

  // Table 3 (10 number columns) fits landscape only: on a landscape page in a portrait pack, then portrait again.
  const landscape = pagesOf(3);
  expect(landscape.length).toBe(1);
  expect(sizes[landscape[0]!]!.map(Math.round)).toEqual([842, 595]);
  expect(sizes[landscape[0]! + 1]!.map(Math.round)).toEqual([595, 842]);

  // The pagination guarantees: marking and "Page X of Y" on every page, contents numbers where tables start.
  texts.forEach((text, i) => expect(squash(text), `page ${i + 1}`).toContain(`Page${i + 1}of${texts.length}`));
  for (const table of tables.filter((t) => t.number > 1)) {
    const contents = items[1]!;
    const entry = contents.indexOf(`Table ${table.number}: ${table.caption}`);
    expect(entry, `contents entry of table ${table.number}`).toBeGreaterThan(-1);
    expect(Number(contents.slice(entry + 1).find((t) => /^\d+$/.test(t))), `contents page of table ${table.number}`).toBe(pagesOf(table.number)[0]! + 1);
  }
  await page.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  expect(auditProxy.requests).toEqual([]);
});

test('the issue\'s wide pivot goes to other pages in the preview by itself, and the analyst can choose landscape or a split', async ({ workbench: page }) => {
  await page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await page.getByRole('combobox', { name: 'Add first_responder_type to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add exploitation_type to' }).selectOption('columns');
  await page.getByRole('combobox', { name: 'Add to pack' }).selectOption('table');
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  const preview = page.getByRole('region', { name: 'Preview of the pack as it will print' });
  await expect(preview.getByRole('table', { name: /^Table 1:/ })).toBeVisible();
  const layout = page.getByRole('combobox', { name: 'Wide table layout of item 1' });
  await expect(layout).toHaveValue('auto');
  const landscapePages = preview.locator('section.page[data-orientation="landscape"]');
  const continued = preview.getByRole('table', { name: /^Table 1 \(continued\):/ });
  // Chosen by measurement: landscape pages, or column groups "(continued)" when even landscape is too narrow.
  await expect.poll(async () => (await landscapePages.count()) + (await continued.count())).toBeGreaterThan(0);
  await layout.selectOption('split');
  await expect(landscapePages).toHaveCount(0);
  await expect(continued.first()).toBeVisible();
  await layout.selectOption('landscape');
  await expect(landscapePages.first()).toBeVisible();
  await expect(landscapePages.first().getByRole('table', { name: /^Table 1:/ })).toBeVisible();
  // Nothing on the preview's pages breaks a figure: every number cell is one line.
  const broken = await preview.locator('section.page td.num').evaluateAll((tds) =>
    tds.filter((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    }).length,
  );
  expect(broken).toBe(0);
});
