// Renderer entry (print-view harness): the paged print view of one pack without the rest of the app, so tests
// (Playwright's page.pdf) and a hidden print window can render a document. The document comes from
// `window.__PACK__` (set before load) or, with `?sample=N`, the sample pack with N tables; `window.__setPack(doc)`
// swaps it for another, which the view re-paginates like the live preview does. `window.__svgToPng` is the page's
// own chart rasteriser, so the headless rebuild (scripts/pack-chromium.ts) draws PNGs exactly as the app does.
import { mount } from 'svelte';
import type { PackDocument } from './lib/pack/document.ts';
import { sampleDocument } from './lib/pack/sample-document.ts';
import PackPrintPage from './features/pack/PackPrintPage.svelte';
import { svgToPng } from './lib/host/download.ts';
import { cleanSvgMarkup } from './lib/markup/svg.ts';

declare global {
  interface Window {
    __PACK__?: PackDocument;
    __setPack?: (doc: PackDocument) => void;
    __svgToPng?: typeof svgToPng;
    __cleanSvg?: typeof cleanSvgMarkup;
  }
}

window.__svgToPng = svgToPng;
// The headless rebuild cleans frozen figures' SVG from a workbook file with the app's own sanitiser, as the app does.
window.__cleanSvg = cleanSvgMarkup;
const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
const sample = Number(new URLSearchParams(location.search).get('sample') ?? '1');
const initial = window.__PACK__ ?? sampleDocument(Number.isInteger(sample) && sample > 0 ? sample : 1);
mount(PackPrintPage, { target, props: { initial, expose: (set: (doc: PackDocument) => void) => (window.__setPack = set) } });
