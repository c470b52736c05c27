// Main-process layer, Electron-bound: the one application window. Its webPreferences are written inline (not
// spread from a helper) so reviewers and electronegativity see every security switch where the window is made.
// The page gets only the preload's `window.workbench`; it cannot navigate away, open windows or embed webviews.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL, isAllowedNavigation } from './app-url.ts';

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
  // The page asks before unloading while typed text is unsaved (renderer/App.svelte's beforeunload). Electron shows
  // no dialog of its own: without this the window would silently refuse to close or reload.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave and lose it', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved work',
      message: 'Some typed text is not saved yet.',
      detail: 'A SQL console has SQL that is not saved, or a pack field has text not yet applied. Stay to save it first.',
    });
    if (choice === 0) event.preventDefault(); // here preventDefault overrides the page's request: the page unloads
  });

  void win.loadURL(APP_INDEX_URL);
  return win;
}
