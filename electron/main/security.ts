// Main-process layer, Electron-bound: locks down the session and every web contents, whoever created it. The
// page needs no permission (camera, notifications, clipboard-read…) and no network: all it loads is app://app.
// Decisions come from the pure predicates in app-url.ts; this file only wires them to Electron's hooks.
import { app, session, type Session, type WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequestUrl, type RequestPolicy } from './app-url.ts';

export { isAllowedRequestUrl } from './app-url.ts';

export function secureSession(ses: Session, policy: RequestPolicy): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, policy);
    if (!allowed) console.warn(`[security] blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/** Navigation and popups are refused for every web contents (window, devtools, anything created later). */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installSecurity(): void {
  secureSession(session.defaultSession, { allowDevTools: !app.isPackaged });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
