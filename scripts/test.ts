// Script layer (`npm test`): every check the project has, in order — typecheck, lint, build, unit tests (Node,
// real engine; the engine tests again on native DuckDB), static security scan, end-to-end tests (Debian Chromium,
// web mode, once on the native engine and once on duckdb-wasm) and the Electron smoke test
// (skipped with its reason where the binary is absent). Every step runs even if an earlier one failed, then one
// closing line totals the tests: "test: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');

interface Counts { passed: number; failed: number; skipped: number }
interface Step { name: string; command: string[]; env?: Record<string, string>; counts?: () => Counts }

function vitestCounts(file: string): () => Counts {
  return () => {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  };
}

function playwrightCounts(file: string): () => Counts {
  return () => {
    const { stats } = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
    return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
  };
}

const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'unit',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'unit.json')}`],
    counts: vitestCounts(join(results, 'unit.json')),
  },
  // The engine matrix: the unit suite's engine tests again on native DuckDB (the default run is duckdb-wasm's Node
  // build), and the end-to-end suite on both engines the page can run (native by default, then duckdb-wasm).
  {
    name: 'unit-native',
    command: ['npx', 'vitest', 'run', 'renderer', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'unit-native.json')}`],
    env: { IDMG_TEST_ENGINE: 'native' },
    counts: vitestCounts(join(results, 'unit-native.json')),
  },
  { name: 'security', command: ['npm', 'run', '--silent', 'security'] },
  { name: 'e2e', command: ['npx', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], env: { IDMG_E2E_ENGINE: 'native' }, counts: playwrightCounts(join(results, 'e2e-native.json')) },
  { name: 'e2e-wasm', command: ['npx', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], env: { IDMG_E2E_ENGINE: 'wasm' }, counts: playwrightCounts(join(results, 'e2e-wasm.json')) },
  {
    name: 'electron',
    command: ['npx', 'playwright', 'test', '-c', 'tests/electron/playwright.config.ts'],
    counts: playwrightCounts(join(results, 'electron.json')),
  },
];

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = run.status === 0;
  let counts: Counts = ok ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  if (step.counts) {
    const file = step.counts;
    try {
      counts = file();
      if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 }; // no report: the runner itself broke
    }
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
}
console.log('\n' + summary.join('\n'));
for (const engine of ['native', 'wasm']) if (!existsSync(join(results, `e2e-${engine}.json`))) console.log(`note: no e2e report was written for the ${engine} engine`);
console.log(`test: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
