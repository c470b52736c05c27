// End-to-end (Chromium, web mode): a frozen pack figure whose SVG was tampered with in local storage — a style sheet
// hiding everything, XHTML elements (an image, a stylesheet link, a meta refresh), script, event handlers, external
// links and references, a foreign object, animation — is cleaned before it reaches the page or an export: the page
// stays where it was and looks the same, nothing is fetched, none of it is in the preview, the zip's .svg or the
// DOCX, and the real ECharts charts (the tampered one and a live one) still draw their bars and labels.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures.ts';

const KEY = 'idmg-workbench.pack.v1';
const H = 'xmlns:h="http://www.w3.org/1999/xhtml"';
/** Its links are same-origin paths (the CSP allows them), so the server's log shows whether anything was fetched. */
const HOSTILE = [
  '<style>*{display:none !important}</style>',
  `<h:img ${H} src="/bait-img.png"/>`,
  `<h:link ${H} rel="stylesheet" href="/bait.css"/>`,
  `<h:meta ${H} http-equiv="refresh" content="0;url=about:blank"/>`,
  '<script>document.title="pwned"</script>',
  '<use href="/bait-use.svg#a" x="1"/>',
  '<a href="javascript:document.title=\'pwned\'"><text x="5" y="5">click</text></a>',
  '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="/bait-fo.png"/></div></foreignObject>',
  '<image href="data:text/html,&lt;script&gt;document.title=1&lt;/script&gt;" width="5" height="5"/>',
  '<image xlink:href="/bait-image.png" width="5" height="5"/>',
  '<rect width="5" height="5" onclick="document.title=\'pwned\'" fill="url(http://hostile.example/p.svg#p)"><set attributeName="fill" to="red"/></rect>',
  '<animate attributeName="opacity" to="0" dur="1s"/>',
].join('');
/** What of the hostile markup must not be left anywhere the figure went (as lower-case text). */
const HOSTILE_MARKS = ['display:none', 'xhtml', '<img', '<link', 'refresh', '<script', 'pwned', 'onload', 'onclick', '<use', 'javascript:', 'foreignobject', '<image', 'data:text', 'bait', 'hostile', '<set', '<animate'];
/** In the page, ECharts' own style sheet and style attributes are gone too (a strict CSP would block them). */
const IN_PAGE_MARKS = [...HOSTILE_MARKS, '<style', 'style=', 'class='];

async function buildPackWithTwoCharts(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add year to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(page.getByRole('grid', { name: 'Pivot table' }).getByRole('row', { name: /^2011 / }).getByRole('gridcell').last()).toHaveText('936');
  // Years would default to a line chart: bars are easier to count.
  await page.getByRole('combobox', { name: 'Chart type' }).selectOption('bar');
  await expect(page.getByRole('combobox', { name: 'Chart type' })).toHaveValue('bar');
  await page.getByRole('combobox', { name: 'Add to pack' }).selectOption('chart');
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: 'Briefing pack (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Preview: 0 tables, 2 figures.' })).toBeVisible();
  await page.getByRole('button', { name: 'Freeze item 1' }).click();
  await expect(page.getByRole('button', { name: 'Unfreeze item 1' })).toBeVisible();
}

/** Puts the hostile markup into item 1's frozen figure, as anything with access to local storage could. */
async function tamper(page: Page): Promise<void> {
  await page.evaluate(
    ({ key, hostile }) => {
      const { localStorage } = globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } };
      const pack = JSON.parse(localStorage.getItem(key)!) as { items: Array<{ frozen: Array<{ kind: string; svg: string }> | null }> };
      const figure = pack.items[0]!.frozen!.find((part) => part.kind === 'figure')!;
      figure.svg = figure.svg.replace(/^<svg /, '<svg onload="document.title=\'pwned\'" ').replace(/>/, `>${hostile}`);
      localStorage.setItem(key, JSON.stringify(pack));
    },
    { key: KEY, hostile: HOSTILE },
  );
}

/** How a few of the app's own elements look: a style sheet let into the page would change it. */
async function appLook(page: Page): Promise<string[]> {
  const looks = [page.getByRole('contentinfo', { name: 'Status' }), page.getByRole('list', { name: 'Pack items' }), page.getByRole('button', { name: 'Export DOCX' })];
  return Promise.all(
    looks.map((l) =>
      l.evaluate((el) => {
        const css = el.ownerDocument.defaultView!.getComputedStyle(el);
        return [css.display, css.visibility, css.color, css.backgroundColor, css.fontSize, css.fontFamily].join(' | ');
      }),
    ),
  );
}

const leftovers = (markup: string, marks = HOSTILE_MARKS) => marks.filter((s) => markup.toLowerCase().includes(s));

test('hostile SVG in a frozen figure is cleaned before the preview and the exports, and charts still draw', async ({ workbench: page, server, auditProxy }) => {
  await buildPackWithTwoCharts(page);
  const look = await appLook(page);
  await tamper(page);
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/[1-9]\d* datasets loaded/, { timeout: 60_000 });
  const url = page.url();
  await page.getByRole('button', { name: 'Briefing pack (2)' }).click();
  // The title names the workbook, marked changed once the pack's tab is open; a handler in the SVG would rewrite it.
  const title = '● Untitled workbook — IDMG analyst workbench';
  await expect(page).toHaveTitle(title);
  const printed = page.getByRole('region', { name: 'Preview of the pack as it will print' }).locator('.pack-pages[data-ready] section.page');
  const graphics = printed.locator('[data-graphic]');
  await expect(graphics).toHaveCount(2);
  await expect(graphics.locator('svg')).toHaveCount(2);
  // Long enough for a meta refresh, an image or a script to have had its effect.
  await page.waitForTimeout(1000);

  expect(page.url()).toBe(url);
  expect(await page.title()).toBe(title);
  expect(await appLook(page)).toEqual(look);
  const fetched = [...server.requests, ...auditProxy.requests].filter((r) => /bait|hostile/.test(r));
  expect(fetched).toEqual([]);

  for (const n of [0, 1]) {
    const markup = await graphics.nth(n).innerHTML();
    expect(leftovers(markup, IN_PAGE_MARKS), `figure ${n + 1}`).toEqual([]);
    const drawn = await graphics.nth(n).evaluate((el) => {
      const svg = el.querySelector('svg')!;
      const ids = new Set([...svg.querySelectorAll('[id]')].map((x) => x.id));
      const refs = [...svg.querySelectorAll('*')].flatMap((x) => [...x.attributes].flatMap((a) => [...a.value.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!)));
      const label = [...svg.querySelectorAll('text')].find((t) => t.textContent === '2011');
      return {
        // Bars are filled paths; the axis labels are text in the font ECharts asked for, now as attributes.
        bars: [...svg.querySelectorAll('path')].filter((p) => p.getBBox().height > 20 && !['none', ''].includes(p.getAttribute('fill') ?? '')).length,
        labelWidth: label?.getBBox().width ?? 0,
        fontSize: label ? el.ownerDocument.defaultView!.getComputedStyle(label).fontSize : '',
        danglingRefs: refs.filter((r) => !ids.has(r)),
        pageIdClash: [...ids].filter((id) => [...el.ownerDocument.querySelectorAll('[id]')].filter((x) => x.id === id).length > 1),
      };
    });
    expect(drawn.bars, `figure ${n + 1} bars`).toBeGreaterThanOrEqual(10);
    expect(drawn.labelWidth, `figure ${n + 1} label`).toBeGreaterThan(0);
    expect(drawn.fontSize).toBe('12px');
    expect(drawn.danglingRefs).toEqual([]);
    expect(drawn.pageIdClash).toEqual([]);
  }

  // The exports carry the cleaned markup too.
  const download = async (button: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return unzipSync(new Uint8Array(readFileSync(await d.path())));
  };
  const zip = await download('Export CSV and charts (zip)');
  expect(Object.keys(zip).sort()).toEqual(['Figure_1.png', 'Figure_1.svg', 'Figure_2.png', 'Figure_2.svg', 'README.txt']);
  const frozenSvg = strFromU8(zip['Figure_1.svg']!);
  expect(leftovers(frozenSvg)).toEqual([]);
  expect(frozenSvg).toContain('>2011</text>');
  const docx = await download('Export DOCX');
  const media = Object.keys(docx).filter((f) => f.startsWith('word/media/') && f.endsWith('.svg'));
  expect(media.length).toBe(2);
  for (const f of media) expect(leftovers(strFromU8(docx[f]!)), f).toEqual([]);
  expect([...server.requests, ...auditProxy.requests].filter((r) => /bait|hostile/.test(r))).toEqual([]);
});
