// Tests for the app:// decision: which file is served, which requests are refused, and that headers are always set.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { decideRequest } from './protocol-core.ts';

let base: string;
let root: string;
const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const get = (url: string, method = 'GET') => decideRequest(root, { method, url }, isFile);

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'workbench-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'duckdb-eh.wasm'), 'wasm');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('decideRequest', () => {
  it('serves files of the renderer folder with their type and the security headers', () => {
    const page = get('app://app/index.html');
    expect(page.status).toBe(200);
    expect(page.file).toBe(join(root, 'index.html'));
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toContain("'wasm-unsafe-eval'");
    expect(page.headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(get('app://app/').file).toBe(join(root, 'index.html'));
    expect(get('app://app/assets/duckdb-eh.wasm').headers['Content-Type']).toBe('application/wasm');
    expect(get('app://app/index.html', 'HEAD').status).toBe(200);
  });

  it('answers 404 for missing files and directories', () => {
    expect(get('app://app/missing.js').status).toBe(404);
    expect(get('app://app/assets').status).toBe(404);
  });

  it('refuses escapes from the root with 403 and never names the outside file', () => {
    for (const url of ['app://app/..%2fsecret.txt', 'app://app/assets/..%2f..%2fsecret.txt', 'app://app/%5c..%5csecret.txt']) {
      const decision = get(url);
      expect(decision.status, url).toBe(403);
      expect(decision.file, url).toBeNull();
    }
    // The URL parser folds plain and %2e dot segments before we see them: still inside the root, so just absent.
    expect(get('app://app/../secret.txt').status).toBe(404);
    expect(get('app://app/%2e%2e/secret.txt').status).toBe(404);
  });

  it('serves only the app host on the app scheme', () => {
    for (const url of ['app://evil/index.html', 'app://app.evil/index.html', 'app://app:81/index.html', 'http://app/index.html', 'nonsense']) {
      expect(get(url).status, url).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD', () => {
    const post = get('app://app/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe('GET, HEAD');
  });

  it('puts the security headers on every refusal too', () => {
    for (const decision of [get('app://app/missing'), get('app://app/..%2fsecret.txt'), get('app://evil/'), get('app://app/', 'PUT')]) {
      expect(decision.headers['Content-Security-Policy']).toContain("default-src 'self'");
      expect(decision.headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
      expect(decision.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });
});
