// Playwright config for the Electron smoke test: launches the already-built app (out/main/index.js) with
// Playwright's _electron driver. Without the Electron binary (offline installs) the test skips itself and says why.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
  outputDir: '../../test-results/electron',
});
