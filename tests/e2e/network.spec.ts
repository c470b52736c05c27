// End-to-end network audit: after a full session (start-up, all datasets, overview chart, queries), nothing
// tried to leave 127.0.0.1 — checked by the auditProxy every Chromium request outside loopback goes through
// (workers and pthread workers included), and by the server's own log of what it served.
import { startAuditProxy } from '../audit-proxy.ts';
import { launchChromium } from '../chromium.ts';
import { E2E_ENGINE, expect, test } from './fixtures.ts';

test('no request leaves 127.0.0.1 during a session', async ({ workbench: page, auditProxy, server }) => {
  await expect(page.getByRole('note', { name: 'Reconciliation warning' })).toBeVisible();
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.fill('SELECT age_at_exploitation, sum(referrals) FROM nrm_referrals_quarterly GROUP BY ALL');
  await editor.press('Control+Enter');
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();
  // A query that would reach the network (httpfs, extension download) is refused inside the page.
  await editor.fill("SELECT * FROM read_csv('https://example.com/data.csv')");
  await editor.press('Control+Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await editor.fill("SELECT * FROM read_parquet('https://example.com/data.parquet')");
  await editor.press('Control+Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  // Disclosure control (its worker and the HiGHS solver's wasm) and a pack export with its print view and writers.
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('rows');
  await page.getByRole('switch', { name: 'Protect for publication' }).check();
  await expect(page.getByRole('status').filter({ hasText: 'audit passed' })).toBeVisible();
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await expect(page.locator('.pack-pages[data-ready]')).toBeVisible();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
  await xlsx.path();
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export DOCX' }).click()]);
  await docx.path();
  // The threaded engine too (opt-in): its nested pthread workers load their scripts from our server.
  const threaded = await page.context().newPage();
  await threaded.goto(`${server.url}?engine=threads`);
  // Waits for start-up to finish, not for its figures: the threaded bundle (opt-in, see lib/engine/browser.ts) can
  // return corrupt results ("offset is out of bounds") once its heap has grown, and this test is about the network.
  await expect(threaded.getByRole('contentinfo', { name: 'Status' })).toContainText('bundle coi', { timeout: 60_000 });
  await expect(threaded.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
  await threaded.close();
  await page.waitForTimeout(500);

  expect(auditProxy.requests).toEqual([]);
  expect(server.requests.length).toBeGreaterThan(5);
  // The worker and the wasm were fetched from our own server: the audit saw the workers' requests.
  expect(server.requests.some((r) => /duckdb-browser-coi\.pthread\.worker/.test(r))).toBe(true);
  expect(server.requests.some((r) => /\.wasm$/.test(r))).toBe(true);
  expect(server.requests.some((r) => /protect-worker/.test(r))).toBe(true);
  expect(server.requests.some((r) => /highs-.*\.wasm$/.test(r))).toBe(true);
  // Files by GET; the native engine's requests are POSTs to the same server (its process reads no network: the
  // engine-host sandbox tests prove http(s) paths are refused).
  expect(server.requests.filter((r) => !r.startsWith('GET /') && r !== 'POST /engine')).toEqual([]);
  if (E2E_ENGINE === 'native') expect(server.requests).toContain('POST /engine');
  // The server's Host/Origin/Sec-Fetch-Site guard refused nothing the page, its workers or pthreads asked for.
  expect(server.refusals).toEqual([]);
});

test('the audit itself sees a request that tries to leave (so a pass means something)', async () => {
  // Its own proxy and its own browser: Chromium asks for the canary's favicon after the page has gone, and that late
  // request must not land in the audit the other tests of this worker assert is empty.
  const auditProxy = await startAuditProxy();
  const context = await launchChromium({ proxy: auditProxy.url });
  try {
    const page = await context.newPage();
    await page.goto('http://audit-canary.invalid/probe').catch(() => undefined);
    await page.close();
    expect(auditProxy.requests.some((r) => r.includes('audit-canary.invalid'))).toBe(true);
  } finally {
    await context.close();
    await auditProxy.close();
  }
});
