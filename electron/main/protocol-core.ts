// Main-process layer, pure: the app:// protocol's whole decision — which file (if any) a request gets, with what
// status and headers. The Electron-bound handler in protocol.ts only stats and streams. Every answer, refusals
// included, carries securityHeaders(), so a 404 page cannot be framed or run script either.
import { securityHeaders } from './headers.ts';
import { contentTypeFor, resolveInside } from './static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

export interface ProtocolRequest {
  readonly method: string;
  readonly url: string;
}

export type ProtocolDecision =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404 | 405; file: null; headers: Record<string, string> };

/** Looks up whether a path is a regular file (the real one stats the disk; tests may pass a fake). */
export type IsFile = (path: string) => boolean;

function refuse(status: 403 | 404 | 405): ProtocolDecision {
  const headers = { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' };
  if (status === 405) Object.assign(headers, { Allow: 'GET, HEAD' });
  return { status, file: null, headers };
}

export function decideRequest(root: string, request: ProtocolRequest, isFile: IsFile): ProtocolDecision {
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
  if (!isFile(file)) return refuse(404);
  return { status: 200, file, headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) } };
}

export const STATUS_TEXT: Record<ProtocolDecision['status'], string> = {
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};
