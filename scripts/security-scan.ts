// Script layer (npm run security): static security scan of electron/ with Doyensec's electronegativity, judged by
// security-scan-policy.ts. Exits 1 on any finding outside the documented allow-list, on a file the scanner could
// not parse, or on a weak CSP. Runs offline: the scanner's optional downloads (translations, Electron release
// notes) are stubbed out or excluded, so it never touches the network.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../electron/main/headers.ts';
import { ALLOW_LIST, EXCLUDED_CHECKS, judgeCsp, triage, type CspFinding, type ScanIssue } from './security-scan-policy.ts';

const root = resolve(import.meta.dirname, '..');
const input = join(root, 'electron');
const require = createRequire(import.meta.url);
const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const fromScanner = createRequire(join(scannerDir, 'package.json'));

// Offline guarantee: the scanner fetches translations with `got` at start-up. Hand it a stub that answers 404
// (it then keeps its bundled en-US strings) before the scanner's modules load.
const gotPath = fromScanner.resolve('got');
const offline = Object.assign(async () => ({ statusCode: 404, headers: {}, body: '' }), {
  head: async () => ({ statusCode: 404, headers: {}, body: '' }),
});
fromScanner.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;

interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: ScanIssue[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;
const run = fromScanner('./dist/runner.js') as Run;
const csp = fromScanner('@doyensec/csp-evaluator') as {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (policy: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
};

const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: EXCLUDED_CHECKS.map((c) => c.id),
});

const { findings, allowed } = triage(result.issues);
const parseErrors = result.errors.filter((e) => !e.tolerable);
const cspVerdict = judgeCsp(new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate());

const rows: string[][] = [
  ...findings.map((i) => ['FAIL', i.id, `${i.file}:${i.location.line}`, `${i.severity.name}: ${i.description}`]),
  ...parseErrors.map((e) => ['FAIL', 'PARSE_ERROR', e.file, e.message]),
  ...cspVerdict.failures.map((f) => ['FAIL', 'CSP (headers.ts)', f.directive, `${f.value ?? ''} ${f.description}`]),
  ...allowed.map(({ issue, reason }) => ['allowed', issue.id, `${issue.file}:${issue.location.line}`, reason]),
  ...EXCLUDED_CHECKS.map((c) => ['excluded', c.id, c.file, c.reason]),
  ...cspVerdict.notes.map((n) => ['note', 'CSP (headers.ts)', '', n]),
];
const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => (r[col] ?? '').length), 6));
console.log(`electronegativity on electron/ (Electron ${electronVersion}): ${result.atomicChecks} atomic + ${result.globalChecks} global checks`);
for (const row of rows) {
  console.log(row.map((cell, col) => (col < 3 ? cell.padEnd(widths[col] ?? 0) : cell)).join('  '));
}
if (ALLOW_LIST.length !== allowed.length) console.log(`(${ALLOW_LIST.length - allowed.length} allow-list entries unused)`);

const failed = findings.length + parseErrors.length + cspVerdict.failures.length;
console.log(failed === 0 ? 'security scan: passed' : `security scan: ${failed} finding(s) — fix them (see the table above)`);
process.exit(failed === 0 ? 0 : 1);
