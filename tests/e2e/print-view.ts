// E2E support: the print-view harness (pack-print.html) opened on one pack document, and a printed PDF read back
// with pdf.js — each page's text, size, pictures and text lines (items sharing a baseline, left to right).
import type { Page } from '@playwright/test';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect } from './fixtures.ts';
import type { PackDocument } from '../../renderer/lib/pack/document.ts';

export async function openPrintView(page: Page, url: string, doc: PackDocument): Promise<{ count: number; roles: string[] }> {
  await page.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), doc);
  await page.goto(`${url}pack-print.html`);
  const pages = page.locator('.pack-pages[data-ready]');
  await expect(pages).toBeVisible();
  // Two frames: a re-layout after fonts load or the first resize has landed before the pages are read.
  await page.evaluate(() => {
    const raf = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame;
    return new Promise<void>((r) => raf(() => raf(r)));
  });
  const roles = await page.locator('section.page').evaluateAll((els) => els.map((el) => el.getAttribute('data-role') ?? ''));
  // Nothing runs off a page: every content box holds what pagination put in it.
  const overflowing = await page.locator('section.page > .pack-content').evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1).length);
  expect(overflowing).toBe(0);
  return { count: Number(await page.locator('.pack-pages').getAttribute('data-page-count')), roles };
}

export async function pdfPages(bytes: Uint8Array): Promise<{ texts: string[]; sizes: Array<[number, number]>; images: number[] }> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const texts: string[] = [];
  const sizes: Array<[number, number]> = [];
  const images: number[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const p = await pdf.getPage(n);
    const content = await p.getTextContent();
    texts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
    sizes.push([p.view[2]! - p.view[0]!, p.view[3]! - p.view[1]!]);
    const ops = await p.getOperatorList();
    images.push(ops.fnArray.filter((f) => f === OPS.paintImageXObject).length);
  }
  await pdf.destroy();
  return { texts, sizes, images };
}

/** Each page's text items as pdf.js reads them: one line of one cell (or paragraph), all on one baseline. */
export async function pdfItems(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((it) => ('str' in it && it.str.trim() !== '' ? [it.str.trim()] : [])));
  }
  await pdf.destroy();
  return pages;
}
