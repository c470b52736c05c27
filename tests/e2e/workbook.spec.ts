// End-to-end: workbooks on disk. An analysis — an imported table, a saved pivot with its chart, an open console, the
// pack and notes — saved as a .idmgwb file, opened again in an empty workbook exactly (its manifest re-saved equal,
// the imported table's rows equal); hostile and broken files refused with nothing changed; and a crashed page's
// unsaved work offered back and recovered spec for spec.
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { dropPickers, fileMenu, openWorkbook as openFile, saveWorkbook as save, withoutPickers } from './workbook-files.ts';

const CSV = 'Force,Year,Referrals\r\nCleveland,2023,12\r\nKent,2023,7\r\nGwent,2023,1204\r\nDyfed,2023,40\r\n';

const manifestOf = (bytes: Uint8Array) => JSON.parse(strFromU8(unzipSync(bytes)['workbook.json']!)) as Record<string, unknown>;
/** A manifest without what a save sets (its date) or a working copy assigns (an import's id). */
function comparable(bytes: Uint8Array): unknown {
  const m = manifestOf(bytes) as { savedAt?: string; datasets: { imported: { record: { id?: string } }[] } };
  delete m.savedAt;
  for (const t of m.datasets.imported) delete t.record.id;
  return m;
}

async function importCsv(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import data…' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'forces.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Import this table' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported forces' })).toContainText('4 rows');
}

async function buildAnalysis(page: Page): Promise<void> {
  await importCsv(page);
  await page.getByRole('button', { name: 'Build a pivot table from forces' }).click();
  await page.getByRole('combobox', { name: 'Add Force to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add Referrals to' }).selectOption('sum');
  await page.getByRole('textbox', { name: 'Save as' }).fill('Referrals by force');
  await page.getByRole('button', { name: 'Save pivot' }).click();
  await page.getByRole('combobox', { name: 'Add to pack' }).selectOption('table');
  await page.getByRole('button', { name: 'Add to pack' }).click();
  await page.getByRole('button', { name: 'New SQL console', exact: true }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT sum("Referrals") FROM forces');
  await page.getByRole('textbox', { name: 'Workbook notes' }).fill('Checked against the forces\u2019 own returns.');
}

test('a workbook saved with an imported table, a saved pivot, a console, the pack and notes opens back exactly', async ({ workbench: page }) => {
  await withoutPickers(page);
  await buildAnalysis(page);
  await expect(page.getByRole('banner')).toContainText('Unsaved changes');
  const first = await save(page);
  await expect(page.getByRole('banner')).not.toContainText('Unsaved changes');
  await expect(page).toHaveTitle(/^Untitled workbook — IDMG analyst workbench$/);
  const manifest = manifestOf(first) as { savedPivots: { name: string }[]; tabs: { kind: string }[]; notes: string; datasets: { imported: { table: string; rows: number; record: { file: { name: string } } }[] } };
  expect(manifest.savedPivots.map((p) => p.name)).toEqual(['Referrals by force']);
  expect(manifest.tabs.map((t) => t.kind)).toEqual(['pivot', 'sql']);
  expect(manifest.datasets.imported.map((t) => [t.table, t.rows, t.record.file.name])).toEqual([['forces', 4, 'forces.csv']]);
  expect(manifest.notes).toBe('Checked against the forces\u2019 own returns.');

  await fileMenu(page, 'New workbook');
  await expect(page.getByRole('list', { name: 'Imported tables' }).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open Referrals by force' })).toHaveCount(0);

  await openFile(page, 'Quarterly tables.idmgwb', first);
  await expect(page.getByRole('banner')).toContainText('Untitled workbook');
  await expect(page.getByRole('button', { name: 'Open Referrals by force' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toHaveText('SELECT sum("Referrals") FROM forces', { useInnerText: true });
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell')).toHaveText(['1,263']);
  const again = await save(page, 'Save workbook as…');
  expect(comparable(again)).toEqual(comparable(first));
});

test('a broken or hostile workbook is refused in words and nothing already open changes', async ({ workbench: page }) => {
  await withoutPickers(page);
  await buildAnalysis(page);
  const good = await save(page);
  const entries = unzipSync(good);
  const tableEntry = Object.keys(entries).find((n) => n.startsWith('tables/'))!;
  const manifest = manifestOf(good);
  const cases: [string, Uint8Array, RegExp][] = [
    ['not a zip', strToU8('Force,Referrals\nKent,7\n'), /not a workbench workbook/],
    ['a part named ../', zipSync({ 'workbook.json': entries['workbook.json']!, '../evil.csv': strToU8('x') }), /could write outside its folder/],
    ['a newer version', zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, version: 99 })) }), /newer version of the workbench/],
    ['an unknown key', zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, macro: 'run' })) }), /unknown setting "macro"/],
    ['a changed table', zipSync({ ...entries, [tableEntry]: strToU8(strFromU8(entries[tableEntry]!).replace('1204', '1205')) }), /not what was saved/],
  ];
  for (const [what, bytes, message] of cases) {
    await openFile(page, `${what}.idmgwb`, bytes);
    const alert = page.getByRole('alert').filter({ hasText: 'was not opened, and nothing else changed' });
    await expect(alert, what).toContainText(message);
    await page.getByRole('button', { name: 'Dismiss the workbook message' }).click();
    await expect(page.getByRole('button', { name: 'Open Referrals by force' }), what).toBeVisible();
    await expect(page.getByRole('list', { name: 'Imported tables' }).getByRole('listitem'), what).toHaveCount(1);
  }
});

test('after a crash the next window offers the unsaved work back, and recovers every spec', async ({ workbench: page, chromiumContext }) => {
  await withoutPickers(page);
  await buildAnalysis(page);
  const saved = await save(page);
  // The pivot, the pack and a console changed after the save; the page crashes 2 s after the last edit.
  await page.getByRole('tab', { name: /^Pivot/ }).click();
  await page.getByRole('combobox', { name: 'Add Year to' }).selectOption('columns');
  await expect(page.getByRole('status').filter({ hasText: /^Calculated/ })).toBeVisible();
  await page.getByRole('button', { name: 'Briefing pack (1)' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Recovered title');
  await page.getByRole('textbox', { name: 'Title', exact: true }).press('Tab');
  await page.getByRole('tab', { name: /^SQL/ }).click();
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('SELECT count(*) FROM forces');
  await page.waitForTimeout(2_000);
  const cdp = await chromiumContext.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined); // answers never: the page is gone
  await crashed;

  const next = await chromiumContext.newPage();
  await dropPickers(next);
  await next.goto(page.url());
  await expect(next.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
  const offer = next.getByRole('group', { name: 'Unsaved work from an earlier session' });
  await expect(offer).toContainText('3 open tabs, with unsaved changes');
  await offer.getByRole('button', { name: 'Recover “Untitled workbook”' }).click();
  await expect(offer).toHaveCount(0);
  await expect(next.getByRole('banner')).toContainText('Unsaved changes');
  await next.getByRole('tab', { name: /^SQL/ }).click();
  await expect(next.getByRole('textbox', { name: 'SQL editor' })).toHaveText('SELECT count(*) FROM forces', { useInnerText: true });
  type Manifest = { tabs: { kind: string; sql?: string; spec?: { columns: string[] } }[]; packs: { meta: { title: string } }[] };
  const recovered = comparable(await save(next)) as Manifest;
  const before = comparable(saved) as Manifest;
  // Every edit is back…
  expect(recovered.tabs.map((t) => t.kind)).toEqual(['pivot', 'sql', 'pack']);
  expect(recovered.tabs[0]!.spec!.columns).toEqual(['Year']);
  expect(recovered.tabs[1]!.sql).toBe('SELECT count(*) FROM forces');
  expect(recovered.packs[0]!.meta.title).toBe('Recovered title');
  // …and everything else is as saved, spec for spec.
  recovered.tabs[0]!.spec!.columns = before.tabs[0]!.spec!.columns;
  recovered.tabs[1]!.sql = before.tabs[1]!.sql;
  recovered.tabs.pop();
  recovered.packs[0]!.meta.title = before.packs[0]!.meta.title;
  expect(recovered).toEqual(before);
  await next.close();
});

test('where Chromium offers file handles, Save writes over the same file and the recent list reopens it', async ({ workbench: page }) => {
  // The pickers answer with files in the origin's private file system: real handles, no dialog.
  await page.addInitScript(() => {
    const g = globalThis as unknown as Record<string, unknown> & { navigator: { storage: { getDirectory(): Promise<{ getFileHandle(n: string, o?: { create: boolean }): Promise<unknown> }> } } };
    g.pickerCalls = 0;
    g.showSaveFilePicker = async (o: { suggestedName: string }) => {
      g.pickerCalls = (g.pickerCalls as number) + 1;
      return (await g.navigator.storage.getDirectory()).getFileHandle(`e2e-${o.suggestedName}`, { create: true });
    };
    g.showOpenFilePicker = async () => [await (await g.navigator.storage.getDirectory()).getFileHandle('e2e-Untitled workbook.idmgwb')];
  });
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
  await buildAnalysis(page);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('banner')).toContainText('e2e-Untitled workbook');
  await expect(page.getByRole('banner')).not.toContainText('Unsaved changes');
  await page.getByRole('textbox', { name: 'Workbook notes' }).fill('Second save.');
  await expect(page.getByRole('banner')).toContainText('Unsaved changes');
  await fileMenu(page, 'Save workbook');
  await expect(page.getByRole('banner')).not.toContainText('Unsaved changes');
  expect(await page.evaluate(() => (globalThis as unknown as { pickerCalls: number }).pickerCalls)).toBe(1);

  await fileMenu(page, 'New workbook');
  await expect(page.getByRole('textbox', { name: 'Workbook notes' })).toHaveValue('');
  // A change to the new workbook: opening another asks first, and "Do not save" goes on.
  await page.getByRole('textbox', { name: 'Workbook notes' }).fill('Scratch.');
  await fileMenu(page, 'e2e-Untitled workbook.idmgwb');
  const question = page.getByRole('alertdialog', { name: /has unsaved changes/ });
  await expect(question).toContainText('Save them before opening “e2e-Untitled workbook.idmgwb”?');
  await question.getByRole('button', { name: 'Do not save' }).click();
  await expect(page.getByRole('textbox', { name: 'Workbook notes' })).toHaveValue('Second save.');
  await expect(page.getByRole('button', { name: 'Open Referrals by force' })).toBeVisible();
  await expect(page).toHaveTitle('e2e-Untitled workbook — IDMG analyst workbench');
});
