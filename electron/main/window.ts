// Main-process layer, Electron-bound: the one application window. Its webPreferences are written inline (not
// spread from a helper) so reviewers and electronegativity see every security switch where the window is made.
// The page gets only the preload's `window.workbench`; it cannot navigate away, open windows or embed webviews.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL, isAllowedNavigation } from './app-url.ts';
import { UNLOAD_QUESTION, leaveChosen } from './unload-question.ts';

export function createMainWindow(outDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'IDMG Workbench',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // A packaged app has no DevTools at all (not just no menu item): openDevTools() and shortcuts do nothing.
      devTools: !app.isPackaged,
      // Middle-click ('auxclick') can open links outside the window-open handler's view; the app never needs it.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  win.once('ready-to-show', () => win.show());
  // A page that fails to load never becomes ready-to-show; show the window anyway so the user is not left guessing.
  win.webContents.once('did-fail-load', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // The page asks before unloading while work is unsaved (renderer/App.svelte's beforeunload). Electron shows no
  // dialog of its own: without this the window would silently refuse to close or reload.
  win.webContents.on('will-prevent-unload', (event) => {
    // Here preventDefault overrides the page's refusal: the page unloads.
    if (leaveChosen(dialog.showMessageBoxSync(win, { ...UNLOAD_QUESTION }))) event.preventDefault();
  });

  void win.loadURL(APP_INDEX_URL);
  return win;
}
