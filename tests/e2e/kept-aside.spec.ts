// End-to-end (Chromium, web mode): what the analyst saved and this version cannot read is never lost — a saved
// query that fails to revive, a damaged list of saved pivots, a pack item with an unknown key and one with a
// malformed frozen snapshot are reported in words, stay in storage through later saves, and download as a file.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, storedItem, storeItems, test } from './fixtures.ts';

const QUERIES = 'idmg-workbench.saved-queries.v1';
const PIVOTS = 'idmg-workbench.saved-pivots.v1';
const PACK = 'idmg-workbench.pack.v1';
const GOOD = { name: 'Good', sql: 'SELECT 42 AS answer', savedAt: '2026-01-01T00:00:00.000Z' };
const BROKEN = { name: 'Broken', savedAt: '2026-01-01T00:00:00.000Z' }; // no SQL
const DAMAGED = '[{"name": "Half a piv';

async function seed(page: Page, entries: Record<string, string>): Promise<void> {
  await storeItems(page, entries);
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/[1-9]\d* datasets loaded/, { timeout: 60_000 });
}

const stored = storedItem;

async function downloaded(page: Page, button: Locator): Promise<{ name: string; body: { entries: Array<{ what: string; storedText: string }> } }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), body: JSON.parse(readFileSync(await d.path(), 'utf8')) };
}

test('an unreadable saved query and a damaged list of saved pivots are reported, kept through saves and downloadable', async ({ workbench: page }) => {
  await seed(page, { [QUERIES]: JSON.stringify([GOOD, BROKEN]), [PIVOTS]: DAMAGED });

  const queries = page.getByRole('group', { name: 'Unreadable saved queries' });
  await expect(queries.getByRole('alert')).toHaveText('One entry of the saved queries stored in this browser could not be read. It is kept aside unchanged, and everything else has loaded.');
  await expect(queries.getByRole('listitem')).toHaveText(['The saved query "Broken": it has no SQL.']);
  await expect(page.getByRole('list', { name: 'Saved queries' }).getByRole('button', { name: 'Open Good' })).toBeVisible();
  const pivots = page.getByRole('group', { name: 'Unreadable saved pivots' });
  await expect(pivots.getByRole('listitem')).toHaveText([/^The stored list of saved pivots: The stored text is not valid JSON/]);
  expect((await new AxeBuilder({ page }).include('aside').analyze()).violations).toEqual([]);

  // A save rewrites the list: the unreadable query stays in it, exactly as it was, and is still reported once.
  await page.getByRole('button', { name: 'New SQL console' }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT 1 AS one');
  await page.getByRole('textbox', { name: 'Query name' }).fill('Mine');
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByText('Saved as "Mine".')).toBeVisible();
  expect(JSON.parse((await stored(page, QUERIES))!)).toEqual([GOOD, expect.objectContaining({ name: 'Mine' }), BROKEN]);
  await expect(queries.getByRole('listitem')).toHaveCount(1);

  // Saving a pivot writes over the damaged list only after moving its text aside.
  await page.getByRole('button', { name: 'New pivot table' }).click();
  await page.getByRole('textbox', { name: 'Save as' }).fill('Blank pivot');
  await page.getByRole('button', { name: 'Save pivot' }).click();
  await expect(page.getByRole('list', { name: 'Saved pivots' }).getByRole('button', { name: 'Open Blank pivot' })).toBeVisible();
  expect(JSON.parse((await stored(page, `${PIVOTS}.kept-aside`))!)).toEqual([expect.objectContaining({ text: DAMAGED, keptAt: expect.any(String) })]);

  await page.reload();
  await expect(queries.getByRole('listitem')).toHaveCount(1);
  await expect(pivots.getByRole('listitem')).toHaveCount(1);
  const q = await downloaded(page, queries.getByRole('button', { name: 'Download the unreadable entries of the saved queries' }));
  expect(q.name).toMatch(/^unreadable-saved-queries-\d{4}-\d{2}-\d{2}\.json$/);
  expect(q.body.entries.map((e) => JSON.parse(e.storedText))).toEqual([BROKEN]);
  const p = await downloaded(page, pivots.getByRole('button', { name: 'Download the unreadable entries of the saved pivots' }));
  expect(p.body.entries.map((e) => e.storedText)).toEqual([DAMAGED]);

  // Once downloaded, the analyst may remove them; the readable entries stay.
  await pivots.getByRole('button', { name: 'Remove them from this browser (saved pivots)' }).click();
  await expect(pivots).toHaveCount(0);
  expect(await stored(page, `${PIVOTS}.kept-aside`)).toBeNull();
  await expect(page.getByRole('list', { name: 'Saved pivots' }).getByRole('button', { name: 'Open Blank pivot' })).toBeVisible();
});

const paragraph = (id: string, markdown: string) => ({ id, kind: 'commentary', frozen: null, markdown });
const BAD_KEY = { ...paragraph('item-2', 'Two.'), colour: 'red' };
const BAD_SNAPSHOT = { id: 'item-5', kind: 'query', caption: 'Frozen totals', sql: 'SELECT 1 AS n', notes: [], noteTargets: [], frozen: [{ kind: 'table', number: 1, caption: 'Totals', rows: 'not a list' }] };
const STORED_PACK = {
  version: 1,
  meta: { title: 'Four paragraphs', date: '2026-11-28' },
  items: [paragraph('item-1', 'One.'), BAD_KEY, paragraph('item-3', 'Three.'), paragraph('item-4', 'Four.'), BAD_SNAPSHOT],
  notes: [],
  disclosure: { on: true, offReason: '' },
};

test('a pack item with an unknown key and one with a malformed frozen snapshot are set aside; the rest loads, previews and exports', async ({ workbench: page }) => {
  await seed(page, { [PACK]: JSON.stringify(STORED_PACK) });
  await page.getByRole('button', { name: 'Briefing pack (3)' }).click();
  const notice = page.getByRole('group', { name: 'Unreadable briefing pack' });
  await expect(notice.getByRole('alert')).toContainText('2 entries of the briefing pack stored in this browser could not be read.');
  await expect(notice.getByRole('listitem')).toHaveText([/^Item 2 \(commentary\): Unknown setting "colour"/, /^Item 5 \(a query result: "Frozen totals"\): .*frozen part 1/]);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Four paragraphs');
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem')).toHaveCount(3);
  const preview = page.getByRole('region', { name: 'Preview of the pack as it will print' });
  await expect(preview.locator('.pack-pages[data-ready]')).toBeVisible();
  await expect(preview).toContainText('Three.');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

  // The first edit moves the unreadable items aside before writing the pack: nothing of the original is lost.
  await page.getByRole('button', { name: 'Add commentary' }).click();
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem')).toHaveCount(4);
  const pack = JSON.parse((await stored(page, PACK))!) as { items: Array<{ markdown?: string }> };
  expect(pack.items.map((i) => i.markdown)).toEqual(['One.', 'Three.', 'Four.', '']);
  const aside = JSON.parse((await stored(page, `${PACK}.kept-aside`))!) as Array<{ text: string }>;
  expect(aside.map((e) => JSON.parse(e.text))).toEqual([BAD_KEY, BAD_SNAPSHOT]);

  await page.reload();
  await page.getByRole('button', { name: 'Briefing pack (4)' }).click();
  await expect(notice.getByRole('listitem')).toHaveCount(2);
  const file = await downloaded(page, notice.getByRole('button', { name: 'Download the unreadable entries of the briefing pack' }));
  expect(file.name).toMatch(/^unreadable-briefing-pack-\d{4}-\d{2}-\d{2}\.json$/);
  expect(file.body.entries.map((e) => JSON.parse(e.storedText))).toEqual([BAD_KEY, BAD_SNAPSHOT]);
  expect((await new AxeBuilder({ page }).include('.pack-view').analyze()).violations).toEqual([]);
});
