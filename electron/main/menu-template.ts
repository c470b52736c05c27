// Main-process layer, pure: the native menu as plain data, and the About box text. Imports nothing from
// Electron (its shapes are structurally compatible with MenuItemConstructorOptions) so vitest can check the
// menu's structure; menu.ts hands the result to Menu.buildFromTemplate and supplies the callbacks.
import type { AppInfo } from '../contract.ts';

export type MenuRole =
  | 'appMenu' | 'quit' | 'close' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'reload'
  | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen';

export interface MenuSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuSpec[];
}

export interface MenuDeps {
  /** True in a packaged build: developer tools are then left out of the menu. */
  isPackaged: boolean;
  isMac: boolean;
  showAbout: () => void;
  /** File › Import data…: asks the page to import a file (it opens the native dialog through 'file:pick-import'). */
  importData: () => void;
}

const separator: MenuSpec = { type: 'separator' };

export function buildMenuTemplate(deps: MenuDeps): MenuSpec[] {
  const file: MenuSpec = {
    label: 'File',
    submenu: [{ label: 'Import data…', accelerator: 'CmdOrCtrl+O', click: deps.importData }, separator, { role: 'close' }, separator, { role: 'quit' }],
  };
  const edit: MenuSpec = {
    label: 'Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, separator,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
    ],
  };
  const view: MenuSpec = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(deps.isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
      separator,
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuSpec = { label: 'Help', submenu: [{ label: 'About IDMG Workbench', click: deps.showAbout }] };
  return [...(deps.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

export interface AboutMessage {
  title: string;
  message: string;
  detail: string;
}

export function aboutMessage(info: AppInfo): AboutMessage {
  return {
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: [
      `Electron ${info.electron}`,
      `Chromium ${info.chrome}`,
      `Node.js ${info.node}`,
      `Platform ${info.platform}`,
      '',
      info.dataLicences,
    ].join('\n'),
  };
}
