// Script layer, Node only: the headless rebuild's Chromium — the built print view (out/renderer) served on loopback
// by web mode's own server, printed to PDF with the options Electron's printToPDF gets (tagged, with an outline),
// and charts rasterised to PNG by the page's own rasteriser (window.__svgToPng, a canvas), so the CLI writes the
// files the app writes. Offline by construction: every request that is not to that server is aborted, and Chromium's
// proxy points at a closed port, so anything that slipped past the route (a nested worker) fails too.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromium } from '../tests/chromium.ts';
import { rendererDir, startServer } from './serve.ts';
import type { PackDocument } from '../renderer/lib/pack/document.ts';
import type { Rasterise } from '../renderer/lib/services/pack-export.ts';

/** Why the print session could not do its work; the CLI words each kind. */
export class PrintError extends Error {
  constructor(
    readonly kind: 'renderer-not-built' | 'chromium-failed' | 'layout-timeout',
    detail: string,
  ) {
    super(detail);
  }
}

export interface PrintSession {
  /** Prints the document through pack-print.html: the bytes before finishing (lib/services finishPackPdf). */
  printPdf(doc: PackDocument): Promise<{ bytes: Uint8Array; pages: number }>;
  rasterise: Rasterise;
  /** SVG from outside the app (a workbook's frozen figures) through the app's own sanitiser (lib/markup/svg.ts). */
  cleanSvg(svg: string): Promise<string>;
  /** Requests the page tried to make off the loopback server (aborted), for the offline promise. */
  readonly blocked: readonly string[];
  close(): Promise<void>;
}

/** What pack-print.ts puts on its window (renderer globals are not in the scripts' type world). */
type RasterWindow = { __svgToPng?: (svg: string, width: number, height: number) => Promise<Blob>; __cleanSvg?: (svg: string) => string; requestAnimationFrame: (f: () => void) => void };

const LAYOUT_TIMEOUT_MS = 180_000;
/** The print options of electron/main/handlers/print-pdf.ts, in Playwright's words. */
const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true } as const;

export async function openPrintSession(root = rendererDir): Promise<PrintSession> {
  if (!existsSync(join(root, 'pack-print.html'))) throw new PrintError('renderer-not-built', root);
  const { server, url } = await startServer({ port: 0, root });
  const dataDir = mkdtempSync(join(tmpdir(), 'idmg-pack-'));
  const stopServer = () => {
    server.closeAllConnections();
    server.close();
  };
  let context: BrowserContext;
  try {
    context = await launchChromium({ proxy: 'http://127.0.0.1:9', dataDir });
  } catch (err) {
    stopServer();
    rmSync(dataDir, { recursive: true, force: true });
    throw new PrintError('chromium-failed', err instanceof Error ? err.message : String(err));
  }
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(url)) return route.continue();
    blocked.push(target);
    return route.abort('blockedbyclient');
  });

  let helper: Page | null = null;
  /** A page of the print view whose own rasteriser and sanitiser the CLI uses. */
  const helperPage = async (): Promise<Page> => {
    if (!helper) {
      helper = await context.newPage();
      await helper.goto(`${url}pack-print.html?sample=1`);
      // A print view built before the page exposed these is out of date: say so rather than hang.
      await helper.waitForFunction(() => typeof (globalThis as unknown as RasterWindow).__svgToPng === 'function' && typeof (globalThis as unknown as RasterWindow).__cleanSvg === 'function', undefined, { timeout: 30_000 }).catch(() => {
        throw new PrintError('renderer-not-built', root);
      });
    }
    return helper;
  };
  const cleanSvg = async (svg: string): Promise<string> => (await helperPage()).evaluate((s) => (globalThis as unknown as RasterWindow).__cleanSvg!(s), svg);
  const rasterise: Rasterise = async (svg, width, height) => {
    const rasterPage = await helperPage();
    const base64 = await rasterPage.evaluate(
      async ([s, w, h]) => {
        const blob = await (globalThis as unknown as RasterWindow).__svgToPng!(s, w, h);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      },
      [svg, width, height] as const,
    );
    return new Uint8Array(Buffer.from(base64, 'base64'));
  };

  async function printPdf(doc: PackDocument): Promise<{ bytes: Uint8Array; pages: number }> {
    const page = await context.newPage();
    try {
      await page.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), doc);
      await page.goto(`${url}pack-print.html`);
      // The print view marks its pages ready once every block is measured and paginated (what the e2e tests and
      // the bench wait on); two frames more let a re-layout after fonts load land before printing.
      await page.locator('.pack-pages[data-ready]').waitFor({ timeout: LAYOUT_TIMEOUT_MS }).catch((err: unknown) => {
        throw new PrintError('layout-timeout', err instanceof Error ? err.message : String(err));
      });
      await page.evaluate(() => {
        const raf = (globalThis as unknown as RasterWindow).requestAnimationFrame;
        return new Promise<void>((r) => raf(() => raf(r)));
      });
      const pages = Number(await page.locator('.pack-pages').getAttribute('data-page-count'));
      return { bytes: new Uint8Array(await page.pdf(PDF_OPTIONS)), pages };
    } finally {
      await page.close();
    }
  }

  return {
    printPdf,
    rasterise,
    cleanSvg,
    blocked,
    async close() {
      await context.close().catch(() => undefined);
      stopServer();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
