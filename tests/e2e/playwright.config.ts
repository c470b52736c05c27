// Playwright config for the end-to-end tests in Debian's Chromium against web mode (the built renderer served
// by scripts/serve.ts). Chromium is started by the fixtures, not by Playwright's own browser download.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e',
});
