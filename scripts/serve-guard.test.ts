// Who the web-mode server answers, tested on a real server and real sockets: only its own names (DNS rebinding
// is refused), only its own page (cross-origin and cross-site requests are refused), and only files whose real
// path is inside the root (real symlinks leading out are refused). Plus the pure parts of serve-request.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeRequest, pathnameOf } from './serve-request.ts';
import { httpGet, INDEX, SECRET, sendRaw, startTestServer, type TestServer } from './serve-test-support.ts';

let srv: TestServer;
const refusals: string[] = [];
beforeAll(async () => {
  srv = await startTestServer({ onRefusal: (r, method, url) => refusals.push(`${r.kind} ${method} ${url}`) });
});
afterAll(() => srv.close());

describe('Host header', () => {
  it('answers 127.0.0.1:PORT and localhost:PORT (any case)', async () => {
    for (const host of [srv.host, `localhost:${srv.port}`, `LOCALHOST:${srv.port}`]) {
      const answer = await httpGet(srv.port, '/', { host });
      expect(answer.status, host).toBe(200);
      expect(answer.body).toBe(INDEX);
    }
  });

  it('refuses any other name with 421 and the security headers (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${srv.port}`, '127.0.0.1', `127.0.0.1:${srv.port + 1}`, `[::1]:${srv.port}`, `127.0.0.1:${srv.port}.evil.example`, `0.0.0.0:${srv.port}`]) {
      const answer = await httpGet(srv.port, '/', { host });
      expect(answer.status, host).toBe(421);
      expect(answer.body).not.toContain(INDEX);
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    }
    expect(refusals.some((r) => r.startsWith('foreign-host GET /'))).toBe(true);
  });

  it('refuses a request with no Host at all (HTTP/1.0)', async () => {
    expect((await sendRaw(srv.port, 'GET /index.html HTTP/1.0\r\n\r\n')).status).toBe(421);
  });
});

describe('Origin and Sec-Fetch-Site', () => {
  it('answers requests from its own page, or with no Origin', async () => {
    expect((await httpGet(srv.port, '/assets/app.js', { origin: `http://${srv.host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await httpGet(srv.port, '/assets/app.js', { host: `localhost:${srv.port}`, origin: `http://localhost:${srv.port}` })).status).toBe(200);
    expect((await httpGet(srv.port, '/', { 'sec-fetch-site': 'none' })).status).toBe(200);
  });

  it('refuses another origin, including another local port and the opaque "null" origin', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${srv.port + 1}`, `https://${srv.host}`, `http://localhost:${srv.port}`, 'null']) {
      const answer = await httpGet(srv.port, '/', { origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.body).not.toContain(INDEX);
    }
  });

  it('refuses cross-site and same-site fetches (an <img> on another local port carries no Origin)', async () => {
    for (const site of ['cross-site', 'same-site', 'something-new']) {
      expect((await httpGet(srv.port, '/', { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    expect(refusals.some((r) => r.startsWith('cross-origin'))).toBe(true);
  });
});

describe('files', () => {
  it('serves files inside the root, HEAD without a body', async () => {
    const js = await httpGet(srv.port, '/assets/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await httpGet(srv.port, '/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(head.body).toBe('');
  });

  it('refuses a symlink to a file outside the root, and a path through a symlinked folder outside it', async () => {
    for (const path of ['/leak.txt', '/assets/linked/data.csv']) {
      const answer = await httpGet(srv.port, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body).not.toContain(SECRET);
    }
  });

  it('answers 404 for a missing file or a folder, 405 with Allow for other methods', async () => {
    expect((await httpGet(srv.port, '/missing.js')).status).toBe(404);
    expect((await httpGet(srv.port, '/assets')).status).toBe(404);
    const post = await httpGet(srv.port, '/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('judgeRequest and pathnameOf (pure)', () => {
  const ok = { host: '127.0.0.1:5180' };
  it('takes the path of an origin-form target only', () => {
    expect(pathnameOf('/a/b?x=1#y')).toBe('/a/b');
    expect(pathnameOf('//[')).toBe('//[');
    expect(pathnameOf('http://127.0.0.1:5180/')).toBeNull();
    expect(pathnameOf('*')).toBeNull();
    expect(pathnameOf(undefined)).toBeNull();
  });

  it('checks the host before anything else, then origin, method and target', () => {
    expect(judgeRequest({ method: 'POST', target: '*', headers: { host: 'evil' } }, 5180).kind).toBe('foreign-host');
    expect(judgeRequest({ method: 'POST', target: '*', headers: { ...ok, origin: 'http://evil' } }, 5180).kind).toBe('cross-origin');
    expect(judgeRequest({ method: 'POST', target: '*', headers: ok }, 5180).kind).toBe('method');
    expect(judgeRequest({ method: 'GET', target: '*', headers: ok }, 5180).kind).toBe('bad-target');
    expect(judgeRequest({ method: 'GET', target: '/x', headers: ok }, 5180)).toEqual({ kind: 'serve', pathname: '/x' });
  });

  it('refuses repeated Host or Origin values', () => {
    expect(judgeRequest({ method: 'GET', target: '/', headers: { host: ['127.0.0.1:5180', 'evil'] } }, 5180).kind).toBe('foreign-host');
    expect(judgeRequest({ method: 'GET', target: '/', headers: { ...ok, origin: 'http://127.0.0.1:5180, http://evil' } }, 5180).kind).toBe('cross-origin');
  });
});
