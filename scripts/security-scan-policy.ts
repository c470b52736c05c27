// Script layer, pure: how scripts/security-scan.ts judges electronegativity's output. Each allow-list entry names
// one check at one place with the reason it is a false positive for this app; anything else is a finding and
// fails the scan. Our CSP is judged here too, from the exact header string, since the static check cannot see it.

export interface ScanIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
  manualReview?: boolean;
}

export interface Allowed {
  id: string;
  /** Path relative to the scanned folder, or 'N/A' for application-wide results. */
  file: string;
  reason: string;
}

/** Checks switched off before the scan runs. */
export const EXCLUDED_CHECKS: readonly Allowed[] = [
  {
    id: 'AvailableSecurityFixesGlobalCheck',
    file: '*',
    reason: 'needs the network (downloads Electron release notes from GitHub); Electron is pinned and upgraded on purpose',
  },
];

export const ALLOW_LIST: readonly Allowed[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/window.ts',
    reason: 'manual-review reminder; reviewed: sandboxed preload exposes one function per channel (layering.test.ts)',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason: "'no CSP detected': ours is a response header built in headers.ts; judgeCsp() checks that exact string",
  },
];

export interface Triage {
  findings: ScanIssue[];
  allowed: { issue: ScanIssue; reason: string }[];
}

export function triage(issues: readonly ScanIssue[], allowList: readonly Allowed[] = ALLOW_LIST): Triage {
  const result: Triage = { findings: [], allowed: [] };
  for (const issue of issues) {
    const entry = allowList.find((a) => a.id === issue.id && a.file === issue.file.replaceAll('\\', '/'));
    if (entry) result.allowed.push({ issue, reason: entry.reason });
    else result.findings.push(issue);
  }
  return result;
}

/** A csp-evaluator finding (severities: HIGH 10, SYNTAX 20, MEDIUM 30, HIGH_MAYBE 40, … MEDIUM_MAYBE 50, INFO 60). */
export interface CspFinding {
  severity: number;
  directive: string;
  value?: string;
  description: string;
}

export interface CspVerdict {
  failures: CspFinding[];
  notes: string[];
}

/**
 * Same bar as electronegativity's CSP_GLOBAL_CHECK: HIGH and MEDIUM fail. 'wasm-unsafe-eval' is a CSP3 keyword the
 * bundled evaluator predates, so that one syntax finding is a note; any other syntax error fails. "Maybe" findings
 * are printed for review (e.g. 'self' would be risky if we hosted user uploads on app://; we do not).
 */
export function judgeCsp(findings: readonly CspFinding[]): CspVerdict {
  const verdict: CspVerdict = { failures: [], notes: [] };
  for (const f of findings) {
    const wasmKeyword = f.severity === 20 && f.value === "'wasm-unsafe-eval'";
    if (f.severity <= 30 && !wasmKeyword) verdict.failures.push(f);
    else verdict.notes.push(`${f.directive} ${f.value ?? ''}: ${f.description}`);
  }
  return verdict;
}
