// Tests for the shared security headers: the CSP duckdb-wasm needs (and nothing looser), and cross-origin isolation.
import { describe, it, expect } from 'vitest';
import { securityHeaders } from './headers.ts';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('securityHeaders', () => {
  const headers = securityHeaders();
  const csp = directives(headers['Content-Security-Policy'] ?? '');

  it('allows WebAssembly compilation but not eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(headers['Content-Security-Policy']).not.toMatch(/'unsafe-eval'/);
  });

  it('keeps workers and connections on our own origin', () => {
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('takes styles from the app\'s own files only: no inline style elements or attributes', () => {
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(headers['Content-Security-Policy']).not.toMatch(/'unsafe-inline'/);
  });

  it('forbids plugins, framing, base rewriting and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('makes the page cross-origin isolated (COOP + COEP) for threaded duckdb-wasm', () => {
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('returns a fresh object each call, so one response cannot alter the next', () => {
    const a = securityHeaders();
    a['Cache-Control'] = 'public';
    expect(securityHeaders()['Cache-Control']).toBe('no-store');
  });
});
