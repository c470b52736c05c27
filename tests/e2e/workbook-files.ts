// E2E helpers for workbook files: a browser without the File System Access pickers (opens through a file input,
// saves by download), File menu items by name, and a save's bytes.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Removes the pickers from every page this page's script runs in (add before the page loads). */
export async function dropPickers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.showOpenFilePicker;
    delete g.showSaveFilePicker;
  });
}

/** The open page again without the pickers. */
export async function withoutPickers(page: Page): Promise<void> {
  await dropPickers(page);
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('datasets loaded', { timeout: 60_000 });
}

export async function fileMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: item, exact: true }).click();
}

/** File › Save workbook (or Save workbook as…) as a download: the file's bytes. */
export async function saveWorkbook(page: Page, item = 'Save workbook'): Promise<Uint8Array> {
  const download = page.waitForEvent('download');
  await fileMenu(page, item);
  return new Uint8Array(readFileSync(await (await download).path()));
}

export async function openWorkbook(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await fileMenu(page, 'Open workbook…');
  await (await chooser).setFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}
