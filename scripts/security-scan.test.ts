// Tests for the security scan's judgement: allow-list matching is exact, and CSP findings fail at the right bar.
import { describe, it, expect } from 'vitest';
import { judgeCsp, triage, type ScanIssue } from './security-scan-policy.ts';

const issue = (id: string, file: string): ScanIssue => ({
  id, file, location: { line: 1, column: 0 }, description: 'd', severity: { name: 'MEDIUM' },
});

describe('triage', () => {
  it('allows a listed check only at its listed place', () => {
    const { findings, allowed } = triage([
      issue('PRELOAD_JS_CHECK', 'main/window.ts'),
      issue('PRELOAD_JS_CHECK', 'main/other-window.ts'),
      issue('CSP_GLOBAL_CHECK', 'N/A'),
      issue('CSP_GLOBAL_CHECK', 'main/headers.ts'),
      issue('NODE_INTEGRATION_JS_CHECK', 'main/window.ts'),
    ]);
    expect(allowed.map((a) => `${a.issue.id}@${a.issue.file}`)).toEqual(['PRELOAD_JS_CHECK@main/window.ts', 'CSP_GLOBAL_CHECK@N/A']);
    expect(findings.map((f) => `${f.id}@${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK@main/other-window.ts', 'CSP_GLOBAL_CHECK@main/headers.ts', 'NODE_INTEGRATION_JS_CHECK@main/window.ts',
    ]);
  });
});

describe('judgeCsp', () => {
  it("fails on high, medium and syntax findings but not on the CSP3 'wasm-unsafe-eval' keyword", () => {
    const verdict = judgeCsp([
      { severity: 10, directive: 'script-src', value: "'unsafe-inline'", description: 'allows inline script' },
      { severity: 20, directive: 'script-src', value: "'wasm-unsafe-eval'", description: 'invalid keyword' },
      { severity: 20, directive: 'script-src', value: "'unsafe-evil'", description: 'invalid keyword' },
      { severity: 30, directive: 'object-src', description: 'missing object-src' },
      { severity: 50, directive: 'script-src', value: "'self'", description: "'self' can be problematic" },
    ]);
    expect(verdict.failures.map((f) => f.severity)).toEqual([10, 20, 30]);
    expect(verdict.notes).toHaveLength(2);
  });
});
