// Playwright config for the end-to-end tests in Debian's Chromium against web mode (the built renderer served
// by scripts/serve.ts). Chromium is started by the fixtures, not by Playwright's own browser download.
import { defineConfig } from '@playwright/test';

// The suite runs once per engine (fixtures.ts E2E_ENGINE): each run keeps its own report.
const engine = process.env.IDMG_E2E_ENGINE === 'wasm' ? 'wasm' : 'native';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `../../test-results/e2e-${engine}.json` }]],
  outputDir: `../../test-results/e2e-${engine}`,
});
