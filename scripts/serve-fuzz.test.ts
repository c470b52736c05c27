// Robustness of the web-mode server (scripts/serve.ts) against whatever a local process can send: a real server
// on port 0 and real sockets. Malformed request targets, odd methods, protocol garbage, oversized headers and
// stalled clients each get a 4xx/5xx (or a timed-out close), and after every one a normal GET / still answers 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, INDEX, SECRET, sendRaw, stall, startTestServer, type TestServer } from './serve-test-support.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ headersTimeoutMs: 700 });
});
afterAll(() => srv.close());

async function stillServes(): Promise<void> {
  const answer = await httpGet(srv.port, '/');
  expect(answer.status).toBe(200);
  expect(answer.body).toBe(INDEX);
}

const line = (requestLine: string, host = srv.host): string => `${requestLine}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

describe('malformed requests get an HTTP error and the server lives on', () => {
  const cases: [name: string, bytes: () => string | Buffer, expected?: number][] = [
    ['GET //[ (threw in new URL and stopped the process)', () => line('GET //[ HTTP/1.1'), 404],
    ['GET //[ through a foreign Host', () => line('GET //[ HTTP/1.1', 'evil.example'), 421],
    ['a lone %', () => line('GET /% HTTP/1.1'), 403],
    ['an invalid escape %zz', () => line('GET /%zz HTTP/1.1'), 403],
    ['a truncated UTF-8 escape', () => line('GET /%E0%A4%A HTTP/1.1'), 403],
    ['a long path (8 KB)', () => line(`GET /${'a'.repeat(8_000)} HTTP/1.1`), 404],
    ['a very long path (64 KB, past the header limit)', () => line(`GET /${'a'.repeat(64_000)} HTTP/1.1`), 431],
    ['a long path of many segments', () => line(`GET ${'/x'.repeat(3_000)} HTTP/1.1`), 404],
    ['an encoded NUL', () => line('GET /index.html%00.js HTTP/1.1'), 403],
    ['a raw NUL in the target', () => line('GET /index\0.html HTTP/1.1'), 400],
    ['backslashes', () => line('GET /..\\..\\etc\\passwd HTTP/1.1'), 403],
    ['encoded backslashes', () => line('GET /%5c..%5c..%5cetc%5cpasswd HTTP/1.1'), 403],
    ['dot segments as is', () => line('GET /../../secret.txt HTTP/1.1'), 403],
    ['encoded dot segments', () => line('GET /%2e%2e/%2e%2e/secret.txt HTTP/1.1'), 403],
    ['absolute-form to us', () => line(`GET http://${srv.host}/index.html HTTP/1.1`), 400],
    ['absolute-form elsewhere', () => line('GET http://example.com/ HTTP/1.1'), 400],
    ['asterisk-form GET', () => line('GET * HTTP/1.1'), 400],
    ['OPTIONS *', () => line('OPTIONS * HTTP/1.1'), 405],
    ['CONNECT', () => line('CONNECT 127.0.0.1:22 HTTP/1.1'), 405],
    ['POST with a body', () => `POST / HTTP/1.1\r\nHost: ${srv.host}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`, 405],
    ['DELETE', () => line('DELETE /index.html HTTP/1.1'), 405],
    ['an unknown method', () => line('BREW /pot HTTP/1.1'), 400],
    ['a lowercase method', () => line('get / HTTP/1.1'), 400],
    ['an unknown HTTP version', () => line('GET / HTTP/9.9'), 400],
    ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a TLS client hello', () => Buffer.from('160301020001000100fc0303' + 'ab'.repeat(40), 'hex')],
    ['bytes that are not HTTP', () => Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])],
    ['a header without a colon', () => `GET / HTTP/1.1\r\nHost: ${srv.host}\r\nnot a header\r\n\r\n`, 400],
    ['two Content-Length values', () => `GET / HTTP/1.1\r\nHost: ${srv.host}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n`, 400],
    ['a bad chunked body', () => `POST / HTTP/1.1\r\nHost: ${srv.host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 405],
    ['HTTP/1.1 without Host', () => 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['HTTP/1.0 without Host', () => 'GET / HTTP/1.0\r\n\r\n', 421],
    // No 'upgrade' listener: Node answers it as the plain GET it also is.
    ['an upgrade to websocket', () => `GET / HTTP/1.1\r\nHost: ${srv.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, 200],
    ['a query that is not valid percent-encoding', () => line('GET /index.html?%zz#%% HTTP/1.1'), 200],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, async () => {
      const answer = await sendRaw(srv.port, bytes(), 2_000);
      if (expected !== undefined) expect(answer.status, answer.text.slice(0, 200)).toBe(expected);
      else if (answer.status !== null) expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.text).not.toContain(SECRET);
      await stillServes();
    });
  }
});

describe('oversized and slow clients', () => {
  it('answers 431 to a 64 KB header and the next request as usual', async () => {
    const answer = await sendRaw(srv.port, `GET / HTTP/1.1\r\nHost: ${srv.host}\r\nX-Big: ${'b'.repeat(64_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    await stillServes();
  });

  it('answers 431 to thousands of small headers', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const answer = await sendRaw(srv.port, `GET / HTTP/1.1\r\nHost: ${srv.host}\r\n${many}\r\n\r\n`);
    expect(answer.status).toBe(431);
    await stillServes();
  });

  it('keeps serving others while clients stall mid-request, then drops the stalled ones with 408', async () => {
    const stalled = Array.from({ length: 20 }, (_, i) => stall(srv.port, i % 2 ? `GET / HTTP/1.1\r\nHost: ${srv.host}\r\n` : 'GE'));
    for (let i = 0; i < 5; i++) await stillServes();
    const started = Date.now();
    const fates = await Promise.all(stalled.map((s) => s.ended));
    // headersTimeout is 700 ms here, checked at most every 700 ms: every stalled socket is gone within seconds.
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const text of fates) expect(text).toMatch(/^HTTP\/1\.1 408/);
    await stillServes();
  });

  it('drops a client that sends headers one byte at a time for too long', async () => {
    const { socket, ended } = stall(srv.port, 'GET /');
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    try {
      await stillServes();
      const text = await ended;
      expect(text).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
    await stillServes();
  });

  it('survives a client that closes as soon as it has asked', async () => {
    for (let i = 0; i < 20; i++) {
      const { socket } = stall(srv.port, `GET /index.html HTTP/1.1\r\nHost: ${srv.host}\r\n\r\n`);
      socket.destroy();
    }
    await stillServes();
  });
});

describe('a failing handler', () => {
  it('answers 500 when the audit callback throws, and serves the next request', async () => {
    let calls = 0;
    const failing = await startTestServer({
      onRequest: () => {
        calls += 1;
        if (calls === 1) throw new Error('audit log unwritable');
      },
    });
    try {
      expect((await httpGet(failing.port, '/')).status).toBe(500);
      expect((await httpGet(failing.port, '/')).status).toBe(200);
    } finally {
      await failing.close();
    }
  });
});
