// Main-process layer, pure: what counts as "our" URL. The page lives at app://app/… and nowhere else, so the
// protocol handler, the IPC sender check, navigation guards and the session's request filter all ask this one
// module. Note Node's URL gives origin "null" for non-special schemes, so we compare protocol and host instead.

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for app://app/… with no credentials or port (app://app.evil, app://x@app are not ours). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

export interface RequestPolicy {
  /** Development only: let the DevTools front-end load its own devtools:// resources. */
  allowDevTools?: boolean;
}

/**
 * The session's allow-list: every network request must be for the app itself. http(s), file, ws, ftp,
 * chrome-extension and (by default) devtools are refused. Chromium does not route data: and blob: URLs through
 * webRequest at all, so the page's CSP is what governs those.
 */
export function isAllowedRequestUrl(url: string, policy: RequestPolicy = {}): boolean {
  if (isAppUrl(url)) return true;
  if (policy.allowDevTools === true) return parse(url)?.protocol === 'devtools:';
  return false;
}

/** Same document navigations (e.g. #fragment changes) stay; anything leaving the app is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}
