// Lint: correctness rules plus the architecture's import rules (../shared/architecture.md), enforced here rather
// than remembered. Each layer lists what it must not import; a wrong-layer import fails `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './svelte.config.js';

const NODE = { regex: '^node:', message: 'The page cannot use Node built-ins; keep Node code in electron/, scripts/ or tests.' };
const ELECTRON = { regex: '^electron$', message: 'Only electron/ may import electron.' };
const DUCKDB = { regex: '^@duckdb/', message: 'Only renderer/lib/engine may import duckdb.' };
const SVELTE = { regex: '^svelte', message: 'Pure layers must not depend on Svelte.' };
const path = (segment, message) => ({ regex: `(^|/)${segment}(/|$)`, message });
// The LP solver is injected into the pure layers (renderer/lib/sdc/lp.ts defines its interface), so they stay pure
// and testable; only renderer/lib/solver loads HiGHS.
const SOLVER = { regex: '(^|/)solver(/|$)', allowTypeImports: true, message: 'Pure layers get the solver injected: only `import type` from renderer/lib/solver.' };
// One allow-list for markup from outside the app: only renderer/lib/markup runs the sanitiser; everything else calls it.
const DOMPURIFY = { regex: '^dompurify(/|$)', message: 'Sanitise through renderer/lib/markup (one allow-list), not DOMPurify directly.' };
const CODEMIRROR = { regex: '^(@codemirror/|@lezer/|sql-formatter$)', message: 'Only the SQL editor (components/SqlEditor.svelte, sql-editor-setup.ts) sets up CodeMirror and the formatter.' };
// Components are prop-driven: no import of the app's state layer (a relative path; @codemirror/state is CodeMirror's).
const COMPONENT_STATE = { regex: '^\\.{1,2}/(.*/)?state(/|$)', message: 'Components are prop-driven: no state.' };
const COMPONENT_RULES = [
  NODE,
  ELECTRON,
  DUCKDB,
  DOMPURIFY,
  COMPONENT_STATE,
  path('engine', 'Components do not run queries.'),
  path('host', 'Components do not use the host.'),
  path('features', 'Components do not import features.'),
  { regex: '^echarts', message: 'Only components/EChart.svelte imports echarts (charts pass option objects).' },
];
const HIGHS = { regex: '^highs(/|$)', message: 'Only renderer/lib/solver loads HiGHS; pure layers get an LpSolver injected.' };

/** One config object per layer: files, then everything they must not import. */
function layer(files, patterns, extra = {}) {
  return { files, ...extra, rules: { 'no-restricted-imports': ['error', { patterns }], ...(extra.rules ?? {}) } };
}

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'HTMLElement'].map(
  (name) => ({ name, message: 'Pure layers must not touch the DOM or the network.' }),
);
const nodeOnly = ['renderer/lib/engine/node.ts', 'renderer/lib/engine/node-builtin.ts', 'renderer/lib/engine/node-native.ts', 'renderer/**/*.test.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig } },
  },

  // electron/
  layer(['electron/contract.ts', 'electron/engine-contract.ts'], [{ regex: '.*', message: 'The contracts import nothing: they are shared by main, preload, the engine host and the page.' }]),
  // electron/engine-host: the Node program owning native DuckDB; it runs as a utilityProcess or a child process, so it
  // may use Node, DuckDB, Arrow and its contract only (Electron's parentPort arrives on `process`, not by import).
  layer(['electron/engine-host/**/*.ts'], [
    { regex: '^(?!node:|@duckdb/node-api$|@duckdb/node-bindings$|apache-arrow$|\\.\\./engine-contract\\.ts$|\\./[^/]+$)', message: 'The engine host imports only node:*, @duckdb/node-api (and its bindings), apache-arrow, ../engine-contract.ts and its own files.' },
  ], { ignores: ['electron/engine-host/**/*.test.ts'] }),
  layer(['electron/engine-host/**/*.test.ts'], [ELECTRON, path('(state|features|components)', 'Engine host tests use the engine, not the UI.')]),
  layer(['electron/main/**/*.ts'], [path('renderer', 'The main process must not import the page.'), path('preload', 'Main must not import the preload.')]),
  layer(['electron/preload/**/*.ts'], [
    NODE,
    path('renderer', 'The preload must not import the page.'),
    { regex: '^(?!electron$|\\.\\./contract(\\.ts)?$)', message: 'The preload imports only electron and ../contract.' },
  ]),

  // renderer/lib: pure layers
  layer(
    ['renderer/lib/query/**/*.ts', 'renderer/lib/sdc/**/*.ts', 'renderer/lib/viz/**/*.ts', 'renderer/lib/pack/**/*.ts', 'renderer/lib/workbook/**/*.ts'],
    [
      SVELTE,
      ELECTRON,
      DUCKDB,
      path('engine', 'Pure layers do not import the engine.'),
      path('host', 'Pure layers do not import the host.'),
      path('state', 'Pure layers do not import UI state.'),
      path('components', 'Pure layers do not import components.'),
      path('features', 'Pure layers do not import features.'),
      { group: ['echarts', 'echarts/*', 'apache-arrow'], allowTypeImports: true, message: 'Pure layers may only `import type` from echarts/arrow.' },
      { regex: '(^|/)(io|services)(/|$)', allowTypeImports: true, message: 'Pure layers may only `import type` from readers, writers and services (they run nothing of them).' },
      SOLVER,
      HIGHS,
      DOMPURIFY,
    ],
    { ignores: ['renderer/**/*.test.ts'], rules: { 'no-restricted-globals': ['error', ...domGlobals] } },
  ),
  // renderer/lib/io: file formats in and out (readers, exporters); format libraries and the pure layers, nothing of the UI
  // or the engine, so every reader and writer runs the same in the page, a worker and Node.
  layer(['renderer/lib/io/**/*.ts'], [
    SVELTE,
    ELECTRON,
    DUCKDB,
    NODE,
    DOMPURIFY,
    path('engine', 'Readers and writers do not run queries: the services combine them with the engine.'),
    path('host', 'Readers and writers do not use the host.'),
    path('state', 'Readers and writers do not know the UI.'),
    path('components', 'Readers and writers do not know the UI.'),
    path('features', 'Readers and writers do not know the UI.'),
  ], { ignores: ['renderer/**/*.test.ts'] }),
  layer(['renderer/lib/engine/**/*.ts'], [SVELTE, ELECTRON, NODE, DOMPURIFY, path('components', 'The engine does not know the UI.'), path('state', 'The engine does not know the UI.'), path('host', 'The engine does not use the host.')], {
    ignores: nodeOnly,
  }),
  // renderer/lib/services: the seams that combine the engine with the pure layers and the readers (imports); no UI.
  layer(['renderer/lib/services/**/*.ts'], [
    SVELTE,
    ELECTRON,
    DUCKDB,
    NODE,
    DOMPURIFY,
    path('host', 'Services do not use the host: the state layer passes what they need.'),
    path('state', 'Services do not know the UI.'),
    path('components', 'Services do not know the UI.'),
    path('features', 'Services do not know the UI.'),
  ], { ignores: ['renderer/**/*.test.ts'] }),
  // renderer/lib/solver: HiGHS behind the pure layers' LpSolver interface; Node-only loading stays in highs-node.ts.
  layer(
    ['renderer/lib/solver/**/*.ts'],
    [
      SVELTE,
      ELECTRON,
      DUCKDB,
      NODE,
      path('engine', 'The solver does not use the engine.'),
      path('host', 'The solver does not use the host.'),
      path('state', 'The solver does not know the UI.'),
      path('components', 'The solver does not know the UI.'),
      path('features', 'The solver does not know the UI.'),
      DOMPURIFY,
    ],
    { ignores: ['renderer/lib/solver/highs-node.ts', 'renderer/**/*.test.ts'] },
  ),
  layer(['renderer/lib/host/**/*.ts'], [NODE, DUCKDB, DOMPURIFY, { regex: '^electron$', message: 'The host talks to the preload API, never to electron.' }, { group: ['**/electron/contract*'], allowTypeImports: true, message: 'Only `import type` from the contract.' }], { ignores: ['renderer/**/*.test.ts'] }),
  // renderer/lib/markup: the page's sanitiser for markup from outside the app (it needs a DOM, so it is not pure).
  layer(['renderer/lib/markup/**/*.ts'], [
    SVELTE,
    ELECTRON,
    DUCKDB,
    NODE,
    path('engine', 'The sanitiser does not use the engine.'),
    path('host', 'The sanitiser does not use the host.'),
    path('state', 'The sanitiser does not know the UI.'),
    path('components', 'The sanitiser does not know the UI.'),
    path('features', 'The sanitiser does not know the UI.'),
  ]),

  // renderer: UI layers
  layer(['renderer/state/**/*.ts'], [NODE, ELECTRON, DUCKDB, DOMPURIFY, path('components', 'State does not import components.'), path('features', 'State does not import features.')], {
    ignores: ['renderer/**/*.test.ts'],
  }),
  layer(['renderer/components/**/*.{ts,svelte}'], [...COMPONENT_RULES, CODEMIRROR]),
  // The SQL editor is the one place CodeMirror and the SQL formatter are set up.
  layer(['renderer/components/SqlEditor.svelte', 'renderer/components/sql-editor-setup.ts'], COMPONENT_RULES),
  layer(['renderer/components/EChart.svelte'], [NODE, ELECTRON, DUCKDB, DOMPURIFY, path('state', 'Components are prop-driven: no state.')]),
  layer(['renderer/features/**/*.{ts,svelte}'], [NODE, ELECTRON, DUCKDB, DOMPURIFY, CODEMIRROR], { ignores: ['renderer/**/*.test.ts'] }),
  layer(['renderer/*.{ts,svelte}'], [NODE, ELECTRON, DUCKDB, DOMPURIFY]),
);
