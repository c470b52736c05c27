// End-to-end check of the page's Content-Security-Policy as served (headers.ts): inline style attributes and
// <style> elements are refused — and reported, which is how every other spec's automatic CSP guard catches
// them — while styles set through the CSSOM (Svelte's style: directives, ECharts) still apply.
import { expect, test } from './fixtures.ts';

test('the CSP blocks inline style attributes and <style>, allows CSSOM styles, and the guard sees the violations', async ({ workbench: page, cspViolations }) => {
  const before = cspViolations.length;
  const applied = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: {
        body: { append(...nodes: unknown[]): void };
        createElement(tag: string): { setAttribute(n: string, v: string): void; style: { color: string }; textContent: string; id: string };
      };
      getComputedStyle(el: unknown): { color: string };
    };
    const attr = g.document.createElement('p');
    attr.setAttribute('style', 'color: rgb(255, 0, 0)');
    const cssom = g.document.createElement('p');
    cssom.style.color = 'rgb(0, 128, 0)';
    const sheet = g.document.createElement('style');
    sheet.textContent = '#csp-probe { color: rgb(0, 0, 255) }';
    const probe = g.document.createElement('p');
    probe.id = 'csp-probe';
    g.document.body.append(attr, cssom, sheet, probe);
    await new Promise((r) => setTimeout(r, 200));
    return { attr: g.getComputedStyle(attr).color, cssom: g.getComputedStyle(cssom).color, sheet: g.getComputedStyle(probe).color };
  });
  expect(applied.attr).not.toBe('rgb(255, 0, 0)');
  expect(applied.sheet).not.toBe('rgb(0, 0, 255)');
  expect(applied.cssom).toBe('rgb(0, 128, 0)');
  await expect.poll(() => cspViolations.slice(before).filter((v) => v.includes('[csp-violation] style-src')).length).toBeGreaterThanOrEqual(2);
  // Seen; now forget them so this test's own guard passes.
  cspViolations.length = before;
});
