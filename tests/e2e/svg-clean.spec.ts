// End-to-end (Chromium): the figure SVG cleaner (renderer/lib/markup/svg.ts, DOMPurify needs a real DOM) case by
// case, through the print view, which renders a document handed to it without storage in between — so what is
// checked here is the cleaning at render. Each case is one figure; its links are same-origin paths, so the
// server's log shows whether anything was fetched.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { DocFigure, PackDocument } from '../../renderer/lib/pack/document.ts';
import { sampleDocument } from '../../renderer/lib/pack/sample-document.ts';

const SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50"';
const svg = (body: string) => `<svg ${SVG}>${body}</svg>`;

/** Each case: a caption, the markup, and the cleaned drawing as outerHTML of its children (ids unprefixed). */
const CASES: Array<[string, string, string | null]> = [
  ['A CSS escape cannot spell url(', svg('<rect width="9" height="9" fill="\\75rl(/bait-escape.svg#p)"/>'), '<rect width="9" height="9"></rect>'],
  [
    'Only fragment url() references stay',
    svg('<clipPath id="c"><rect width="5" height="5"/></clipPath><g filter="url(/bait-filter.svg#f)" clip-path="url(#c)" fill="URL( \'#c\' )"/>'),
    '<clipPath id="c"><rect width="5" height="5"></rect></clipPath><g clip-path="url(#c)" fill="URL( \'#c\' )"></g>',
  ],
  [
    'Inline style becomes presentation attributes, shorthands expanded, external paint dropped',
    svg('<text style="font: italic bold 20px serif; fill: url(/bait-style.svg#p); stroke: red; background: url(/bait-bg.png)">Hi</text>'),
    '<text stroke="red" font-family="serif" font-size="20px" font-style="italic" font-weight="bold">Hi</text>',
  ],
  [
    'Gradient links stay only within the drawing',
    svg('<linearGradient id="a" xlink:href="/bait-grad.svg#x"/><linearGradient id="b" href="#a"/>'),
    '<linearGradient id="a"></linearGradient><linearGradient id="b" href="#a"></linearGradient>',
  ],
  ['Prefixed SVG elements are not what ECharts writes', `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect width="5" height="5"/></s:svg>`, null],
  ['An XHTML root is not SVG', `<svg xmlns="http://www.w3.org/1999/xhtml"><img src="/bait-xhtml.png"/></svg>`, null],
  ['A document type (entities) is refused', `<!DOCTYPE svg [<!ENTITY x "<rect/>">]>${svg('&x;')}`, null],
  ['Broken markup draws nothing', svg('<rect>'), null],
  ['HTML is not SVG', '<p>hello <img src="/bait-html.png"></p>', null],
];

function documentOf(figures: Array<[string, string]>): PackDocument {
  const doc = sampleDocument(1);
  const template = doc.items.find((it): it is DocFigure => it.kind === 'figure')!;
  doc.items = figures.map(([caption, markup], i) => ({ ...template, number: i + 1, caption, svg: markup, width: 100, height: 50 }));
  return doc;
}

async function printView(page: Page, url: string, doc: PackDocument) {
  await page.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), doc);
  await page.goto(`${url}pack-print.html`);
  await expect(page.locator('.pack-pages[data-ready]')).toBeVisible();
  return page.locator('section.page [data-graphic]');
}

test('the print view cleans each kind of hostile figure SVG, and draws nothing for markup that is not SVG', async ({ chromiumContext, server }) => {
  const page = await chromiumContext.newPage();
  const graphics = await printView(page, server.url, documentOf(CASES.map(([caption, markup]) => [caption, markup])));
  await expect(graphics).toHaveCount(CASES.length);
  const drawn = await graphics.evaluateAll((els) =>
    els.map((el) => {
      const root = el.querySelector('svg');
      if (!root) return null;
      return [...root.children].map((c) => c.outerHTML.replace(/figure-svg-\d+-/g, '')).join('');
    }),
  );
  CASES.forEach(([caption, , expected], i) => expect.soft(drawn[i], caption).toBe(expected));
  expect(server.requests.filter((r) => r.includes('bait'))).toEqual([]);
  await page.close();
});

test('two figures with the same ids (as ECharts gives in separate sessions) each keep their own clip path', async ({ chromiumContext, server }) => {
  const page = await chromiumContext.newPage();
  const clipped = (w: number) => svg(`<defs><clipPath id="zr0-c0"><rect width="${w}" height="50"/></clipPath></defs><rect clip-path="url(#zr0-c0)" width="100" height="50" fill="#0072B2"/>`);
  const graphics = await printView(page, server.url, documentOf([['Clipped to 20', clipped(20)], ['Clipped to 80', clipped(80)]]));
  const widths = await graphics.evaluateAll((els) =>
    els.map((el) => {
      const shape = el.querySelector('rect[clip-path]')!;
      const clip = el.ownerDocument.getElementById(/#([^)]+)/.exec(shape.getAttribute('clip-path')!)![1]!)!;
      return [el.contains(clip), clip.querySelector('rect')!.getAttribute('width')];
    }),
  );
  expect(widths).toEqual([[true, '20'], [true, '80']]);
  await page.close();
});
