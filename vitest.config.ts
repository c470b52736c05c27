// Unit tests run in Node: pure code, the main process's pure parts, and the real duckdb-wasm engine (Node build).
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The state layer's classes (*.svelte.ts) use runes: compiled as the app compiles them, so they are tested as they run.
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
  test: {
    include: ['renderer/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'datasets/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Opening the engine with every built-in dataset takes a few seconds, more on a busy 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
