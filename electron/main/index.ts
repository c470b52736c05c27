// Main-process layer, entry point: startup order only. Sandbox every renderer, declare the app:// scheme before
// 'ready' (Chromium fixes scheme privileges at start), then on ready lock down the session, serve the page,
// register IPC, install the menu and open the window. A workbook the app is asked to open (a double-click: argv on
// Windows and Linux, 'second-instance' when it is running, macOS 'open-file') goes to the page once it has loaded.
// Everything else lives in the modules named here.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveAppProtocol } from './protocol.ts';
import { installSecurity } from './security.ts';
import { registerHandlers } from './handlers/index.ts';
import { installMenu } from './menu.ts';
import { createMainWindow } from './window.ts';
import { workbookPathFromArgv } from './launch-args.ts';
import { attachWorkbookPage, onRecentChange, openWorkbookInPage } from './handlers/workbook-file.ts';

// out/main/index.js → out/
const outDir = join(import.meta.dirname, '..');

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const openWindow = (): void => {
    mainWindow = createMainWindow(outDir);
    attachWorkbookPage(mainWindow);
    mainWindow.on('closed', () => (mainWindow = null));
  };

  // macOS asks with 'open-file', possibly before 'ready' (the app launched by a double-click): it waits for the
  // start-up below, and the page gets it once loaded (PageDoor).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void app.whenReady().then(() => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
      return openWorkbookInPage(path);
    });
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const path = workbookPathFromArgv(argv, workingDirectory);
    if (path) void openWorkbookInPage(path);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app
    .whenReady()
    .then(() => {
      installSecurity();
      serveAppProtocol(join(outDir, 'renderer'));
      registerHandlers();
      onRecentChange(() => void installMenu());
      void installMenu();
      openWindow();
      const launched = process.platform === 'darwin' ? null : workbookPathFromArgv(process.argv, process.cwd());
      if (launched) void openWorkbookInPage(launched);
    })
    .catch((error: unknown) => {
      console.error('[main] startup failed:', error);
      app.exit(1);
    });
}
