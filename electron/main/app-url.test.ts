// Tests for the session's request allow-list and the navigation guard: only app://app is ever reachable.
import { describe, it, expect } from 'vitest';
import { APP_INDEX_URL, isAllowedNavigation, isAllowedRequestUrl, isAppUrl } from './app-url.ts';

describe('isAllowedRequestUrl', () => {
  it('allows the app itself', () => {
    expect(isAllowedRequestUrl(APP_INDEX_URL)).toBe(true);
    expect(isAllowedRequestUrl('app://app/assets/duckdb-eh.wasm')).toBe(true);
    expect(isAllowedRequestUrl('app://app/index.html?x=1#top')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/index.html',
    'ws://localhost/socket',
    'file:///etc/passwd',
    'ftp://example.com/x',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abcdef/background.js',
    'chrome://settings',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://app/1234',
    'app://evil/index.html',
    'app://app.evil.com/index.html',
    'app://user@app/index.html',
    'app://app:8080/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });

  it('lets DevTools load only when the development policy asks for it', () => {
    const devtools = 'devtools://devtools/bundled/inspector.html';
    expect(isAllowedRequestUrl(devtools, { allowDevTools: true })).toBe(true);
    expect(isAllowedRequestUrl(devtools, { allowDevTools: false })).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', { allowDevTools: true })).toBe(false);
  });
});

describe('isAppUrl / isAllowedNavigation', () => {
  it('accepts only app://app', () => {
    expect(isAppUrl('app://app/')).toBe(true);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAllowedNavigation('app://app/index.html#pivot')).toBe(true);
    expect(isAllowedNavigation('https://www.gov.uk/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });
});
