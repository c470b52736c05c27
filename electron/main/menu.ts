// Main-process layer, Electron-bound: installs the native menu built by menu-template.ts and shows the About
// box. Kept separate so the template stays pure and testable without the Electron binary.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { aboutMessage, buildMenuTemplate } from './menu-template.ts';
import { appInfo } from './handlers/app-info.ts';
import { MENU_EVENT, type MenuCommand } from '../contract.ts';

/** Sends a menu command to the focused window's page, which carries it out (the page owns the import). */
function sendCommand(command: MenuCommand): void {
  BrowserWindow.getFocusedWindow()?.webContents.send(MENU_EVENT, command);
}

function showAbout(): void {
  const { title, message, detail } = aboutMessage(appInfo());
  const options = { type: 'info' as const, title, message, detail, buttons: ['OK'], noLink: true };
  const parent = BrowserWindow.getFocusedWindow();
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

export function installMenu(): void {
  const template = buildMenuTemplate({ isPackaged: app.isPackaged, isMac: process.platform === 'darwin', showAbout, importData: () => sendCommand('import-data') });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
