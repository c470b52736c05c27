// E2E fixtures: one web-mode server (the real scripts/serve.ts over the real build) and one Chromium per test
// worker, behind the audit proxy; both record every request so a test can assert that none left 127.0.0.1.
// Every page the browser opens reports Content-Security-Policy violations, and any test during which one
// happened fails (the CSP is headers.ts's, so a style attribute or inline script the policy blocks is caught).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { engineHostProgram, startServer } from '../../scripts/serve.ts';
import { startAuditProxy, type AuditProxy } from '../audit-proxy.ts';
import { launchChromium } from '../chromium.ts';

const datasetCount = (JSON.parse(readFileSync(join(import.meta.dirname, '../../datasets/manifest.json'), 'utf8')) as { datasets: unknown[] }).datasets.length;

/**
 * Which engine the app runs in these tests: 'native' (web mode's default: native DuckDB in an engine-host process)
 * or 'wasm' (duckdb-wasm in the page); CI runs the suite with each (IDMG_E2E_ENGINE).
 */
export const E2E_ENGINE: 'native' | 'wasm' = process.env.IDMG_E2E_ENGINE === 'wasm' ? 'wasm' : 'native';

export interface AppServer {
  /** The server's root (static files: pack-print.html, assets). */
  url: string;
  /** The app's address in this run: with the engine token (native) or without it (wasm). */
  appUrl: string;
  /** The native engine processes the server runs (one per page with a native engine). */
  enginePids(): number[];
  /** Every request the web-mode server answered: "METHOD /path". */
  requests: string[];
  /** Every request it refused as foreign (wrong Host, cross-origin, method, target): "kind METHOD /path". */
  refusals: string[];
}

interface WorkerFixtures {
  server: AppServer;
  auditProxy: AuditProxy;
  chromiumContext: BrowserContext;
  /** Every CSP violation any page of the worker's browser reported, with its page URL. */
  cspViolations: string[];
}

interface TestFixtures {
  /** A page with the workbench loaded and its datasets ready. */
  workbench: Page;
  /** Automatic: fails the test if a CSP violation was reported while it ran. */
  noCspViolations: void;
}

const CSP_TAG = '[csp-violation]';

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const requests: string[] = [];
      const refusals: string[] = [];
      const { server, url, appUrl, engines } = await startServer({
        port: 0,
        // The engine host as `npm run build` wrote it (the e2e script builds first), as `npm start` runs it.
        engine: { program: engineHostProgram() },
        onRequest: (m, u) => requests.push(`${m} ${u}`),
        onRefusal: (r, m, u) => refusals.push(`${r.kind} ${m} ${u}`),
      });
      await use({ url, appUrl: E2E_ENGINE === 'native' ? appUrl : url, enginePids: () => engines?.pids() ?? [], requests, refusals });
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
    { scope: 'worker' },
  ],
  auditProxy: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const auditProxy = await startAuditProxy();
      await use(auditProxy);
      await auditProxy.close();
    },
    { scope: 'worker' },
  ],
  cspViolations: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use([]),
    { scope: 'worker' },
  ],
  chromiumContext: [
    async ({ auditProxy, cspViolations }, use) => {
      const context = await launchChromium({ proxy: auditProxy.url });
      // Each document reports its own violations (the event names the directive and the blocked source); Chromium's
      // own "Refused to …" console lines are kept too, in case an event is missed.
      await context.addInitScript((tag) => {
        interface Violation { effectiveDirective: string; blockedURI: string; sourceFile: string; lineNumber: number; sample: string }
        const doc = (globalThis as unknown as { document: { addEventListener(type: string, listener: (e: Violation) => void): void } }).document;
        doc.addEventListener('securitypolicyviolation', (e) => {
          console.error(`${tag} ${e.effectiveDirective} blocked ${e.blockedURI || '?'} at ${e.sourceFile}:${e.lineNumber} ${JSON.stringify(e.sample)}`);
        });
      }, CSP_TAG);
      context.on('console', (message) => {
        const text = message.text();
        if (text.startsWith(CSP_TAG) || /Content Security Policy/.test(text)) cspViolations.push(`${message.location().url}: ${text}`);
      });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  noCspViolations: [
    async ({ cspViolations }, use) => {
      const before = cspViolations.length;
      await use();
      const seen = cspViolations.slice(before);
      const distinct = seen.length === 0 ? [] : [`${seen.length} in all; the distinct ones:`, ...new Set(seen)].slice(0, 12);
      expect(distinct, 'Content-Security-Policy violations reported by the page').toEqual([]);
    },
    { auto: true },
  ],
  workbench: async ({ chromiumContext, server }, use) => {
    const page = await chromiumContext.newPage();
    // The browser (and so its local storage) is shared by a worker's tests: each test starts with no saved pivots,
    // queries or pack. Reloads within a test keep them (sessionStorage is per page).
    await page.addInitScript(() => {
      const g = globalThis as unknown as { localStorage: { clear(): void }; sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } };
      if (g.sessionStorage.getItem('e2e-fresh')) return;
      g.localStorage.clear();
      g.sessionStorage.setItem('e2e-fresh', '1');
    });
    await page.goto(server.appUrl);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await expect(status).toContainText('datasets loaded', { timeout: 60_000 });
    // Imported tables are kept in the origin's file system (OPFS), shared by a worker's tests like local storage:
    // each test starts with none, so a leftover store is removed and the page loaded again without it.
    if (await clearImports(page)) {
      await page.reload();
      await expect(status).toContainText('datasets loaded', { timeout: 60_000 });
    }
    await expect(status).toContainText(`${datasetCount} datasets loaded`);
    await use(page);
    await page.close();
  },
});

/** Removes the page's stored imports (OPFS folder "imports", and opened workbooks' in "workbooks"); true when there were any. */
export function clearImports(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    type Dir = { getDirectoryHandle(n: string): Promise<Dir>; keys(): AsyncIterable<string>; removeEntry(n: string, o: { recursive: boolean }): Promise<void> };
    const storage = (globalThis as unknown as { navigator: { storage: { getDirectory(): Promise<Dir> } } }).navigator.storage;
    const root = await storage.getDirectory();
    // Opened workbooks' imports, workbook files a test saved through a file handle, and the recent list.
    const workbooks = await root.getDirectoryHandle('workbooks').catch(() => null);
    if (workbooks) await root.removeEntry('workbooks', { recursive: true });
    const names: string[] = [];
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    for (const name of names.filter((n) => n.startsWith('e2e-'))) await root.removeEntry(name, { recursive: false });
    await new Promise((done) => {
      const r = (globalThis as unknown as { indexedDB: { deleteDatabase(n: string): { onsuccess: unknown; onerror: unknown; onblocked: unknown } } }).indexedDB.deleteDatabase('idmg-workbench');
      r.onsuccess = r.onerror = r.onblocked = done;
    });
    const imports = await root.getDirectoryHandle('imports').catch(() => null);
    if (!imports) return false;
    let stored = 0;
    for await (const name of imports.keys()) if (name) stored += 1;
    if (stored === 0) return false;
    await root.removeEntry('imports', { recursive: true });
    return true;
  });
}

/** The page's local storage as the tests see it (they are typed for Node, without the DOM's globals). */
type PageStorage = { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } };

export function storedItem(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => (globalThis as unknown as PageStorage).localStorage.getItem(k), key);
}

export function storeItems(page: Page, entries: Record<string, string>): Promise<void> {
  return page.evaluate((e) => Object.entries(e).forEach(([k, v]) => (globalThis as unknown as PageStorage).localStorage.setItem(k, v)), entries);
}

export { expect };
