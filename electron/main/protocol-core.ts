// Main-process layer, pure: the app:// protocol's whole decision — which file (if any) a request gets, with what
// status and headers. The Electron-bound handler in protocol.ts only streams. The disk lookup is injected (real
// one: file-lookup.ts, realpath containment), so a symlink leading out of the root is refused here as well as in
// web mode. Every answer, refusals included, carries securityHeaders(), so a 404 page cannot be framed or run script.
import { securityHeaders } from './headers.ts';
import { contentTypeFor, resolveInside } from './static-files.ts';
import type { LookupFile } from './file-lookup.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

export interface ProtocolRequest {
  readonly method: string;
  readonly url: string;
}

export type ProtocolDecision =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404 | 405; file: null; headers: Record<string, string> };

function refuse(status: 403 | 404 | 405): ProtocolDecision {
  const headers = { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' };
  if (status === 405) Object.assign(headers, { Allow: 'GET, HEAD' });
  return { status, file: null, headers };
}

/** `lookup` resolves a candidate on disk (fileLookupFor(root) in the app); the answer names the real file to stream. */
export function decideRequest(root: string, request: ProtocolRequest, lookup: LookupFile): ProtocolDecision {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(404);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '') {
    return refuse(404);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  const file = resolveInside(root, url.pathname);
  if (file === null) return refuse(403);
  const found = lookup(file);
  if (found.kind === 'outside') return refuse(403);
  if (found.kind === 'missing') return refuse(404);
  return { status: 200, file: found.path, headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) } };
}

export const STATUS_TEXT: Record<ProtocolDecision['status'], string> = {
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};
