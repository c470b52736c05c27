// Main-process layer, Electron-bound: installs the native menu built by menu-template.ts (again whenever the recent
// workbooks change) and shows the About box. Kept separate so the template stays pure and testable without the
// Electron binary.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { aboutMessage, buildMenuTemplate } from './menu-template.ts';
import { appInfo } from './handlers/app-info.ts';
import { clearRecentWorkbooks, openWorkbookInPage, recentWorkbookPaths } from './handlers/workbook-file.ts';
import { recentLabels } from './recent-workbooks.ts';
import { MENU_EVENT, type MenuCommand } from '../contract.ts';

/** Sends a menu command to the focused window's page (or the only window's), which carries it out. */
function sendCommand(command: MenuCommand): void {
  (BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0])?.webContents.send(MENU_EVENT, command);
}

function showAbout(): void {
  const { title, message, detail } = aboutMessage(appInfo());
  const options = { type: 'info' as const, title, message, detail, buttons: ['OK'], noLink: true };
  const parent = BrowserWindow.getFocusedWindow();
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

export async function installMenu(): Promise<void> {
  const paths = await recentWorkbookPaths().catch(() => []);
  const labels = recentLabels(paths);
  const template = buildMenuTemplate({
    isPackaged: app.isPackaged,
    isMac: process.platform === 'darwin',
    showAbout,
    send: sendCommand,
    recent: paths.map((path, i) => ({ label: labels[i]!, open: () => void openWorkbookInPage(path) })),
    clearRecent: () => void clearRecentWorkbooks(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
