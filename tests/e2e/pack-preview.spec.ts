// E2E (Chromium, web mode): the Pack tab's paged preview never clips a page. At the desktop window's default size
// (1400×900) and at 1280×800 every A4 page's left edge is inside its scroll container or reachable by scrolling,
// checked by measurement after scrolling the container fully left; a screenshot of each size goes to test-results.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const artefacts = join(import.meta.dirname, '../../test-results/pack-preview');

/** Each page's left and right against its scroll container's, with the container scrolled fully left. */
async function pageEdges(page: Page): Promise<Array<{ page: number; left: number; containerLeft: number; right: number; reach: number }>> {
  return page.getByRole('region', { name: /^Page \d+ of \d+$/ }).evaluateAll((sections) =>
    sections.map((section, i) => {
      let box = section.parentElement;
      while (box && !(box.scrollWidth > box.clientWidth && /(auto|scroll)/.test(getComputedStyle(box).overflowX))) box = box.parentElement;
      const container = box ?? document.scrollingElement ?? document.documentElement;
      container.scrollLeft = 0;
      const c = container.getBoundingClientRect();
      const r = section.getBoundingClientRect();
      // What scrolling right can bring into view: the container's width plus its scroll range.
      return { page: i + 1, left: r.left, containerLeft: c.left, right: r.right, reach: c.left + container.scrollWidth };
    }),
  );
}

for (const size of [{ width: 1280, height: 800 }, { width: 1400, height: 900 }]) {
  test(`the pack preview shows every page whole at ${size.width}×${size.height}, scrolling from its left edge`, async ({ workbench: page }, testInfo) => {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: /^Briefing pack/ }).click();
    await page.getByRole('button', { name: 'Add commentary' }).click();
    const commentary = page.getByRole('textbox', { name: /^Commentary of item 1/ });
    await commentary.fill('## Summary\nReferrals rose in every year from 2012.');
    await commentary.press('Tab');
    const preview = page.getByRole('region', { name: 'Preview of the pack as it will print' });
    await expect(preview.getByRole('heading', { name: 'Summary' })).toBeVisible();
    const pages = preview.getByRole('region', { name: /^Page \d+ of \d+$/ });
    await expect(pages.first()).toBeVisible();
    const edges = await pageEdges(page);
    expect(edges.length).toBeGreaterThan(2);
    for (const e of edges) {
      expect(e.left, `page ${e.page}: left edge against the scroll container's`).toBeGreaterThanOrEqual(e.containerLeft - 0.5);
      expect(e.right, `page ${e.page}: right edge reachable by scrolling`).toBeLessThanOrEqual(e.reach + 0.5);
    }
    // The title reads whole: its first letters are not under the container's left edge.
    const title = preview.getByRole('region', { name: /^Page 1 of/ }).getByRole('heading', { name: 'Briefing pack' });
    const [t, container] = await Promise.all([title.boundingBox(), preview.boundingBox()]);
    expect(t!.x).toBeGreaterThanOrEqual(container!.x);
    mkdirSync(artefacts, { recursive: true });
    const shot = await page.screenshot({ path: join(artefacts, `preview-${size.width}x${size.height}.png`) });
    await testInfo.attach(`preview-${size.width}x${size.height}.png`, { body: shot, contentType: 'image/png' });
  });
}
