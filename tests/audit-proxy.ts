// Cross-process test support: a proxy that Chromium is pointed at (--proxy-server). Loopback bypasses it, so
// every request it sees was trying to leave the machine — from the page, a worker or a nested pthread worker
// alike (Playwright's own request events miss the latter). It records the request and refuses it.
import { createServer, type Server } from 'node:http';

export interface AuditProxy {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export function startAuditProxy(): Promise<AuditProxy> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('Refused by the test network audit');
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
