// Build configuration for electron-vite: main (Node), preload (CommonJS, sandboxed) and the renderer (the page).
// Every script passes `-c electron.config.ts`; electron-vite only auto-finds `electron.vite.config.*`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Native DuckDB is an N-API addon: the engine host loads it from node_modules at run time, never bundled.
      externalizeDeps: { include: ['@duckdb/node-api', '@duckdb/node-bindings'] },
      // engine-host.js: the engine host as plain JS, so web mode's server (and the bench) fork it without tsx.
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts'), 'engine-host': resolve(root, 'electron/engine-host/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(version) },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
    server: { fs: { allow: [root] } },
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      target: 'es2022',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 4096,
      // pack-print.html renders a pack document alone (tests and the bench print it; it reads no data).
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html'), 'pack-print': resolve(root, 'renderer/pack-print.html') } },
    },
  },
});
