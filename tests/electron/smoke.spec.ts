// Cross-process test of the Electron shell: the built app starts, serves the page over app://, the page renders
// its shell, `window.workbench` answers over the checked IPC bridge, and no Node globals leak into the page.
// It needs Electron's binary; where the offline install has none, the test reports itself skipped with the reason.
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { WorkbenchApi } from '../../electron/contract.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** Why Electron cannot be launched here, or null when its binary is present. */
function electronBinaryProblem(): string | null {
  const require = createRequire(join(root, 'package.json'));
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed';
  }
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return `${pathTxt} is missing (its installer never downloaded the binary)`;
  const binary = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(binary)) return `${binary} does not exist`;
  try {
    require('electron');
  } catch (error) {
    return `require('electron') threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

test('the Electron shell starts, renders the page and exposes only window.workbench', async () => {
  const problem = electronBinaryProblem();
  test.skip(problem !== null, `Electron binary not installed (offline install): ${problem ?? ''}`);
  const main = join(root, 'out', 'main', 'index.js');
  expect(existsSync(main), `${main} is missing: build first (npm run build)`).toBe(true);

  // Chromium refuses to start as root without --no-sandbox (containers/CI); the renderer stays JS-sandboxed.
  const args = [main, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const app = await electron.launch({ args, cwd: root });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://app/index.html');
    await expect(page).toHaveTitle(/workbench/i);
    await expect(page.getByRole('heading', { name: 'Datasets' })).toBeVisible();

    const info = await page.evaluate(() => (globalThis as unknown as { workbench: WorkbenchApi }).workbench.appInfo());
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.electron).toMatch(/^\d+\./);
    expect(info.dataLicences).toContain('Open Government Licence');

    const leaks = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      workbenchKeys: Object.keys((globalThis as Record<string, unknown>).workbench as object),
    }));
    expect(leaks).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', workbenchKeys: ['appInfo', 'printPdf'] });

    // The pack's PDF comes from Electron's printToPDF through the one print channel.
    const pdf = await page.evaluate(async () => Array.from((await (globalThis as unknown as { workbench: WorkbenchApi }).workbench.printPdf()).slice(0, 5)));
    expect(String.fromCharCode(...pdf)).toBe('%PDF-');
  } finally {
    await app.close();
  }
});
