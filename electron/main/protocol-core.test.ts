// Tests for the app:// decision: which file is served, which requests are refused, and that headers are always set.
// The disk lookup is the real one (realpath containment) over a real temp folder, symlinks included.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { decideRequest } from './protocol-core.ts';
import { fileLookupFor } from './file-lookup.ts';

let base: string;
let root: string;
const get = (url: string, method = 'GET') => decideRequest(root, { method, url }, fileLookupFor(root));

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'workbench-protocol-')));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'duckdb-eh.wasm'), 'wasm');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  mkdirSync(join(base, 'outside-dir'));
  writeFileSync(join(base, 'outside-dir', 'data.csv'), 'a,b');
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(join(base, 'outside-dir'), join(root, 'linked-dir'));
  symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
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

  it('refuses a symlink inside the root that leads out of it, to a file or through a folder', () => {
    for (const url of ['app://app/leak.txt', 'app://app/linked-dir/data.csv']) {
      const decision = get(url);
      expect(decision.status, url).toBe(403);
      expect(decision.file, url).toBeNull();
    }
  });

  it('serves a symlink that stays inside the root, as its real file', () => {
    const decision = get('app://app/alias.html');
    expect(decision.status).toBe(200);
    expect(decision.file).toBe(join(root, 'index.html'));
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
