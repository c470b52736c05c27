// Script layer, pure: web mode's decision about who may ask the local server for anything, before any file is
// looked at. Any process or page on this machine can reach 127.0.0.1, so the server answers only requests made
// to its own name (Host is 127.0.0.1:PORT or localhost:PORT — a DNS-rebound name is refused), from its own page
// (Origin absent or same-origin; Sec-Fetch-Site absent, same-origin or none — a page on another local port is
// "same-site" and refused too), for GET/HEAD of an origin-form path — or a POST to the engine endpoint from the page
// itself (Origin present and its own) carrying the launch token. Refusals carry a kind; serve.ts words them.
import { timingSafeEqual } from 'node:crypto';
import { ENGINE_PATH, ENGINE_TOKEN_HEADER } from '../electron/engine-contract.ts';

export type Refusal =
  | { kind: 'foreign-host'; status: 421 }
  | { kind: 'cross-origin'; status: 403 }
  | { kind: 'method'; status: 405 }
  | { kind: 'bad-target'; status: 400 }
  | { kind: 'no-token'; status: 403 };

export type RequestVerdict = { kind: 'serve'; pathname: string } | { kind: 'engine' } | Refusal;

export interface IncomingRequest {
  readonly method: string | undefined;
  readonly target: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The Host values this server answers to, for the port it listens on. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** The path part of an origin-form request target ("/a/b?x#y" → "/a/b"), or null for any other form. */
export function pathnameOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/')) return null; // absolute-form, authority-form, "*"
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The same token, compared in constant time (a wrong guess learns nothing from how long the refusal took). */
function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `token` is this launch's engine token; without one (no native engine) every POST is refused as a method. */
export function judgeRequest(request: IncomingRequest, port: number, token?: string): RequestVerdict {
  const host = single(request.headers.host)?.toLowerCase();
  if (host === undefined || !allowedHosts(port).includes(host)) return { kind: 'foreign-host', status: 421 };
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { kind: 'cross-origin', status: 403 };
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { kind: 'cross-origin', status: 403 };
  if (request.method === 'POST' && token !== undefined && pathnameOf(request.target) === ENGINE_PATH) {
    // The engine runs SQL: only the page itself may ask (a browser always sends Origin with a POST; a request
    // without one is not from our page), and only with the token printed at launch.
    if (origin === undefined || site === 'none') return { kind: 'cross-origin', status: 403 };
    if (!sameToken(single(request.headers[ENGINE_TOKEN_HEADER]), token)) return { kind: 'no-token', status: 403 };
    return { kind: 'engine' };
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return { kind: 'method', status: 405 };
  const pathname = pathnameOf(request.target);
  if (pathname === null) return { kind: 'bad-target', status: 400 };
  return { kind: 'serve', pathname };
}

/** Plain-English bodies for each refusal (the kind decides; the words are only for whoever reads the response). */
export function refusalText(refusal: Refusal, port: number): string {
  switch (refusal.kind) {
    case 'foreign-host':
      return `This workbench server answers only to ${allowedHosts(port).join(' or ')}.`;
    case 'cross-origin':
      return 'This workbench server answers only its own page; open the address directly in the browser.';
    case 'method':
      return 'Only GET and HEAD requests are served.';
    case 'bad-target':
      return 'The request did not name a path on this server.';
    case 'no-token':
      return "The engine answers only the page opened with this launch's address (its token); open the address the server printed.";
  }
}
