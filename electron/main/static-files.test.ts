// Tests for the path-escape check shared by app:// and web mode: nothing outside the renderer folder is reachable.
import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { contentTypeFor, resolveInside } from './static-files.ts';

const root = resolve(tmpdir(), 'workbench-root');

describe('resolveInside', () => {
  it('maps normal paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app-1234.js')).toBe(join(root, 'assets', 'app-1234.js'));
    expect(resolveInside(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/data%20set.csv')).toBe(join(root, 'data set.csv'));
  });

  it('serves index.html for the bare root', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '')).toBe(join(root, 'index.html'));
  });

  it('refuses ../ escapes, plain and percent-encoded', () => {
    expect(resolveInside(root, '/../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/assets/../../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveInside(root, '/%2E%2E/%2E%2E/etc/passwd')).toBeNull();
    expect(resolveInside(root, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveInside(root, '/assets%2f..%2f..%2fsecret')).toBeNull();
  });

  it('refuses a sibling folder that merely shares the root as a prefix', () => {
    expect(resolveInside(root, '/../workbench-root-evil/x.js')).toBeNull();
  });

  it('refuses backslashes (raw and encoded), NUL bytes and malformed encodings', () => {
    expect(resolveInside(root, '/..\\..\\windows\\win.ini')).toBeNull();
    expect(resolveInside(root, '/assets%5c..%5c..%5csecret')).toBeNull();
    expect(resolveInside(root, '/index.html%00.png')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });

  it('treats absolute-looking paths as relative to the root, never as the real absolute path', () => {
    expect(resolveInside(root, '//etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveInside(root, '/%2Fetc%2Fpasswd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveInside(root, '/etc/passwd')).not.toBe('/etc/passwd');
  });
});

describe('contentTypeFor', () => {
  it('knows the types the app serves, case-insensitively', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/duckdb-eh.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/x/APP.JS')).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to octet-stream for unknown extensions', () => {
    expect(contentTypeFor('/x/file.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});
