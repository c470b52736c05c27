// Main-process layer, entry point: startup order only. Sandbox every renderer, declare the app:// scheme before
// 'ready' (Chromium fixes scheme privileges at start), then on ready lock down the session, serve the page,
// register IPC, install the menu and open the window. Everything else lives in the modules named here.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveAppProtocol } from './protocol.ts';
import { installSecurity } from './security.ts';
import { registerHandlers } from './handlers/index.ts';
import { installMenu } from './menu.ts';
import { createMainWindow } from './window.ts';

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
    mainWindow.on('closed', () => (mainWindow = null));
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
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
      installMenu();
      openWindow();
    })
    .catch((error: unknown) => {
      console.error('[main] startup failed:', error);
      app.exit(1);
    });
}
